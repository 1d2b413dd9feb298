import Foundation
import RiskflowCore

/// Yahoo Finance's chart API: `v8/finance/chart/SYMBOL?period1=…&period2=…&interval=1d&events=div,split`.
///
/// - Days come from the exchange's time zone (`meta.exchangeTimezoneName`, else
///   `meta.gmtoffset`), not UTC: a bar stamped 20:00 New York time is that New York day.
/// - Rows whose close is `null` are skipped. Today's bar is kept only once the regular
///   session has ended (`meta.currentTradingPeriod.regular.end`).
/// - Close = `adjclose`, with open, high and low scaled by adjclose / close, as the bundled
///   ETF data are adjusted (indices have adjclose = close); volume as reported.
/// - Kind and unit from `meta.instrumentType` and `meta.currency` (INDEX: index points;
///   ETF, EQUITY: USD); the calendar is NYSE.
public struct YahooProvider: Sendable {
    public let name = ProviderName.yahoo
    package let settings: ProviderSettings

    public init(settings: ProviderSettings) { self.settings = settings }

    /// 1900-01-01, the start of "all history" (as yfinance asks).
    package static let origin: Int64 = -2_208_988_800

    public func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest {
        let p1 = window.from.map(ProviderSupport.unix) ?? YahooProvider.origin
        let p2 = ProviderSupport.unix(window.to + 1)
        return ProviderRequest(
            url: settings.url("v8/finance/chart/" + ProviderSupport.encode(mapping.id))
                + "?period1=\(p1)&period2=\(p2)&interval=1d&events=div%2Csplit&includeAdjustedClose=true")
    }

    package struct Chart: Decodable { var chart: Body }
    package struct Body: Decodable {
        package var result: [Result]?
        package var error: APIError?
    }
    package struct APIError: Decodable {
        package var code: String?
        package var description: String?
    }
    package struct Result: Decodable {
        package var meta: Meta
        package var timestamp: [Double]?
        package var indicators: Indicators
    }
    package struct Meta: Decodable {
        package var currency: String?
        package var instrumentType: String?
        package var gmtoffset: Double?
        package var exchangeTimezoneName: String?
        package var currentTradingPeriod: TradingPeriods?
    }
    package struct TradingPeriods: Decodable { var regular: Period? }
    package struct Period: Decodable { var end: Double? }
    package struct Indicators: Decodable {
        package var quote: [Quote]
        package var adjclose: [AdjClose]?
    }
    package struct Quote: Decodable {
        package var open: [Double?]?
        package var high: [Double?]?
        package var low: [Double?]?
        package var close: [Double?]?
        package var volume: [Double?]?
    }
    package struct AdjClose: Decodable { var adjclose: [Double?]? }

    /// Parses a chart response (pure).
    /// - Parameter now: Unix seconds of the sync; today's bar is dropped while its session runs.
    package static func parse(_ r: ProviderResponse, now: Double, context c: RequestContext) throws -> FetchedSeries {
        if !r.isHTML, !(200...299).contains(r.status),
            let body = try? JSONDecoder().decode(Chart.self, from: Data(r.body)), let e = body.chart.error
        {
            let text = [e.code, e.description].compactMap { $0 }.joined(separator: ": ")
            if r.status == 404 || (e.code ?? "").lowercased().contains("not found") {
                throw c.error(.unknownSymbol, "Yahoo has no symbol '\(c.symbol)': \(text)")
            }
            throw c.error(.http, "HTTP \(r.status): \(text)")
        }
        if r.status == 404 { throw c.error(.unknownSymbol, "Yahoo has no symbol '\(c.symbol)' (HTTP 404)") }
        try ProviderSupport.check(r, c, expecting: "JSON")
        let chart = try ProviderSupport.decode(Chart.self, r, c)
        if let e = chart.chart.error {
            throw c.error(.http, [e.code, e.description].compactMap { $0 }.joined(separator: ": "))
        }
        guard let result = chart.chart.result?.first else { throw c.error(.empty, "no result in the chart response") }
        let stamps = result.timestamp ?? []
        guard !stamps.isEmpty, let quote = result.indicators.quote.first else {
            throw c.error(.empty, "no bar in the range asked")
        }
        let n = stamps.count
        func column(_ xs: [Double?]?, _ name: String) throws -> [Double] {
            guard let xs else { return [Double](repeating: .nan, count: n) }
            guard xs.count == n else {
                throw c.error(.malformed, "malformed JSON: \(name) has \(xs.count) values for \(n) timestamps")
            }
            return xs.map { $0 ?? .nan }
        }
        let open = try column(quote.open, "open"), high = try column(quote.high, "high"), low = try column(quote.low, "low")
        let close = try column(quote.close, "close"), volume = try column(quote.volume, "volume")
        let adj = try column(result.indicators.adjclose?.first?.adjclose ?? quote.close, "adjclose")

        let zone = result.meta.exchangeTimezoneName.flatMap(TimeZone.init(identifier:))
        func offset(_ t: Double) -> Double {
            zone.map { Double($0.secondsFromGMT(for: Date(timeIntervalSince1970: t))) } ?? result.meta.gmtoffset ?? 0
        }
        func localDay(_ t: Double) throws -> Day {
            guard let d = ProviderSupport.day(unixDays: ((t + offset(t)) / 86_400).rounded(.down)) else {
                throw c.error(.malformed, "malformed JSON: timestamp \(t) is not a day")
            }
            return d
        }
        let today = ProviderSupport.day(unix: now + offset(now))
        let sessionOver = result.meta.currentTradingPeriod?.regular?.end.map { now >= $0 } ?? false

        var out = FetchedSeries()
        for i in 0..<n {
            let c0 = close[i], a = adj[i]
            guard c0.isFinite else { continue }
            let d = try localDay(stamps[i])
            if d > today || (d == today && !sessionOver) { continue }
            let f = a.isFinite && c0 != 0 ? a / c0 : 1
            if abs(f - 1) > 1e-9 { out.isAdjusted = true }
            out.append(
                day: d, open: open[i] * f, high: high[i] * f, low: low[i] * f, close: a.isFinite ? a : c0, volume: volume[i])
        }
        guard !out.isEmpty else { throw c.error(.empty, "no complete bar in the range asked") }
        switch result.meta.instrumentType?.uppercased() {
        case "INDEX": out.kind = .index; out.unit = .indexPoints
        case "ETF", "MUTUALFUND": out.kind = .etf
        case "CRYPTOCURRENCY": out.kind = .crypto
        default: out.kind = .stock
        }
        if out.kind != .index {
            guard (result.meta.currency ?? "USD").uppercased() == "USD" else {
                throw c.error(.invalid, "prices are in \(result.meta.currency ?? "?"); riskflow stores USD prices")
            }
            out.unit = .usd
        }
        out.calendar = out.kind == .crypto ? .daily : .nyse
        return out
    }
}

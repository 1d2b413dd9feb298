import Foundation
import RiskflowCore

/// Binance spot klines: `api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=…&limit=1000`,
/// paginated from the last open time. Open times are Unix milliseconds; the kline of day D
/// opens at 00:00 UTC of D and closes at the end of D, so its close is D's close; a kline
/// not closed yet (today's) is dropped. Volume is the quote-asset (USDT) volume, as the CSV
/// importer reads Binance files; prices are in USDT, stored as USD.
public struct BinanceProvider: DataProvider {
    public let name = ProviderName.binance
    let settings: ProviderSettings
    static let pageSize = 1000

    public init(settings: ProviderSettings) { self.settings = settings }

    public func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest {
        request(pair: mapping.id, startMS: window.from.map { ProviderSupport.unix($0) * 1000 } ?? 0)
    }

    func request(pair: String, startMS: Int64) -> ProviderRequest {
        ProviderRequest(
            url: settings.url("api/v3/klines")
                + "?symbol=\(ProviderSupport.encode(pair.uppercased()))&interval=1d&startTime=\(startMS)&limit=\(BinanceProvider.pageSize)")
    }

    public func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
    {
        var out = FetchedSeries()
        out.kind = .crypto
        out.unit = .usd
        out.calendar = .daily
        var start = window.from.map { ProviderSupport.unix($0) * 1000 } ?? 0
        let first = request(pair: mapping.id, startMS: start)
        while true {
            let req = request(pair: mapping.id, startMS: start)
            let r = try await client.get(req, provider: name, symbol: symbol)
            let c = RequestContext(provider: name, symbol: symbol, url: req.shownURL)
            let page = try BinanceProvider.parse(r, context: c)
            for k in page where k.closeMS < window.now * 1000 && (out.days.last.map { k.day > $0 } ?? true) {
                out.append(day: k.day, open: k.open, high: k.high, low: k.low, close: k.close, volume: k.quoteVolume)
            }
            guard page.count == BinanceProvider.pageSize, let last = page.last else { break }
            let nextStart = Int64(last.day.rawValue + 1) * 86_400_000
            guard nextStart > start else { break }
            start = nextStart
        }
        guard !out.isEmpty else {
            throw RequestContext(provider: name, symbol: symbol, url: first.shownURL).error(.empty, "no closed kline in the range asked")
        }
        return out
    }

    struct Kline {
        var day: Day
        var open, high, low, close, quoteVolume: Double
        var closeMS: Double
    }

    struct APIError: Decodable {
        var code: Int
        var msg: String
    }

    /// Parses one page of klines (pure): 12-element arrays, numbers as strings.
    static func parse(_ r: ProviderResponse, context c: RequestContext) throws -> [Kline] {
        if !(200...299).contains(r.status), !r.isHTML, let e = try? JSONDecoder().decode(APIError.self, from: Data(r.body)) {
            if e.code == -1121 { throw c.error(.unknownSymbol, "Binance has no pair '\(c.symbol)': \(e.msg)") }
            throw c.error(.http, "HTTP \(r.status): \(e.msg) (code \(e.code))")
        }
        try ProviderSupport.check(r, c, expecting: "JSON")
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(r.body)) } catch {
            throw c.error(.malformed, "not valid JSON (truncated or corrupted body of \(r.body.count) bytes)")
        }
        guard let rows = json as? [[Any]] else { throw c.error(.malformed, "malformed JSON: not an array of klines") }
        return try rows.enumerated().map { i, k in
            guard k.count >= 8 else { throw c.error(.malformed, "malformed JSON: kline [\(i)] has \(k.count) fields, not 12") }
            func number(_ j: Int) throws -> Double {
                if let s = k[j] as? String, let v = Double(s) { return v }
                if let v = k[j] as? NSNumber { return v.doubleValue }
                throw c.error(.malformed, "malformed JSON: kline [\(i)] field \(j) is not a number")
            }
            let openMS = try number(0)
            guard openMS.truncatingRemainder(dividingBy: 86_400_000) == 0 else {
                throw c.error(.malformed, "kline [\(i)] opens at \(Int64(openMS)) ms, not at 00:00 UTC")
            }
            return Kline(
                day: Day(rawValue: Int32(openMS / 86_400_000)), open: try number(1), high: try number(2), low: try number(3),
                close: try number(4), quoteVolume: try number(7), closeMS: try number(6))
        }
    }
}

import Foundation
import RiskflowCore

/// Stooq's daily CSV download: `q/d/l/?s=SYMBOL&i=d&d1=YYYYMMDD&d2=YYYYMMDD`, so an
/// incremental sync asks only for the new days. The body `Date,Open,High,Low,Close[,Volume]`
/// (unadjusted); `No data` means Stooq does not know the symbol. Symbols starting with `^`
/// (`^spx`) are indices in points; others are priced in USD (`spy.us`). Today's bar is
/// dropped (Stooq shows the running session).
public struct StooqProvider: Sendable {
    public let name = ProviderName.stooq
    package let settings: ProviderSettings

    public init(settings: ProviderSettings) { self.settings = settings }

    public func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest {
        var url = settings.url("q/d/l/") + "?s=\(ProviderSupport.encode(mapping.id.lowercased()))&i=d"
        if let from = window.from { url += "&d1=\(ProviderSupport.compact(from))&d2=\(ProviderSupport.compact(window.to))" }
        return ProviderRequest(url: url)
    }

    /// Parses the CSV body (pure).
    package static func parse(_ r: ProviderResponse, isIndex: Bool, context c: RequestContext) throws -> FetchedSeries {
        let text = r.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased() == "no data" { throw c.error(.unknownSymbol, "Stooq has no data for '\(c.symbol)' (No data)") }
        if text.lowercased().hasPrefix("exceeded the daily hits limit") {
            throw c.error(.http, "Stooq's daily request limit is exhausted: \(ProviderSupport.snippet(text))")
        }
        let parsed = try ProviderSupport.csv(r, c, format: .stooq, name: "Stooq")
        var out = FetchedSeries()
        for i in 0..<parsed.rowCount {
            out.append(
                day: parsed.days[i], open: parsed.open[i], high: parsed.high[i], low: parsed.low[i], close: parsed.close[i],
                volume: parsed.volume[i])
        }
        out.kind = isIndex ? .index : .etf
        out.unit = isIndex ? .indexPoints : .usd
        out.calendar = .nyse
        return out
    }
}

extension FetchedSeries {
    /// The rows dated before `day`.
    package func before(_ day: Day) -> FetchedSeries {
        var out = self
        let keep = days.firstIndex { $0 >= day } ?? count
        out.days = Array(days[..<keep]); out.open = Array(open[..<keep]); out.high = Array(high[..<keep])
        out.low = Array(low[..<keep]); out.close = Array(close[..<keep]); out.volume = Array(volume[..<keep])
        out.marketCap = Array(marketCap[..<keep]); out.availableAt = availableAt.map { Array($0[..<keep]) }
        return out
    }
}

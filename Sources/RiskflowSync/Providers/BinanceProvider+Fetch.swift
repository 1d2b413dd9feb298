import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// Fetching from Binance: the requests and parsing are ``BinanceProvider``'s (RiskflowFormats,
/// pure); this adds the network round trips.
extension BinanceProvider: DataProvider {
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
}

import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// Fetching from Stooq: the requests and parsing are ``StooqProvider``'s (RiskflowFormats,
/// pure); this adds the network round trips.
extension StooqProvider: DataProvider {
    public func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
    {
        let req = try firstRequest(symbol: symbol, mapping: mapping, window: window)
        let r = try await client.get(req, provider: name, symbol: symbol)
        var out = try StooqProvider.parse(
            r, isIndex: mapping.id.hasPrefix("^"), context: RequestContext(provider: name, symbol: symbol, url: req.shownURL))
        out = out.before(ProviderSupport.day(unix: window.now))
        guard !out.isEmpty else {
            throw RequestContext(provider: name, symbol: symbol, url: req.shownURL).error(.empty, "no complete bar in the range asked")
        }
        return out
    }
}

import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// Fetching from Yahoo: the requests and parsing are ``YahooProvider``'s (RiskflowFormats,
/// pure); this adds the network round trips.
extension YahooProvider: DataProvider {
    public func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
    {
        let req = try firstRequest(symbol: symbol, mapping: mapping, window: window)
        let r = try await client.get(req, provider: name, symbol: symbol)
        return try YahooProvider.parse(r, now: window.now, context: RequestContext(provider: name, symbol: symbol, url: req.shownURL))
    }
}

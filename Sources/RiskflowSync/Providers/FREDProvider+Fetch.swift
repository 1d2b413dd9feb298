import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// Fetching from FRED: the requests and parsing are ``FREDProvider``'s (RiskflowFormats,
/// pure); this adds the network round trips.
extension FREDProvider: DataProvider {
    public func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
    {
        guard apiKey != nil else {
            let req = request(id: mapping.id, window: window, offset: 0)
            let r = try await client.get(req, provider: name, symbol: symbol)
            let c = RequestContext(provider: name, symbol: symbol, url: req.shownURL)
            return try FREDProvider.parseGraphCSV(r, context: c)
        }
        var rows: [Observation] = []
        var offset = 0
        while true {
            let req = request(id: mapping.id, window: window, offset: offset)
            let r = try await client.get(req, provider: name, symbol: symbol)
            let c = RequestContext(provider: name, symbol: symbol, url: req.shownURL)
            let page = try FREDProvider.parseObservations(r, context: c)
            rows += page.observations
            offset += page.observations.count
            if page.observations.isEmpty || offset >= page.count { break }
        }
        let c = RequestContext(provider: name, symbol: symbol, url: firstRequestShown(mapping, window))
        return try FREDProvider.vintages(rows, context: c)
    }
}

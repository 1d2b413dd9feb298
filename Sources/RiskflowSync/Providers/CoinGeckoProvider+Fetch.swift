import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// Fetching from CoinGecko: the requests and parsing are ``CoinGeckoProvider``'s (RiskflowFormats,
/// pure); this adds the network round trips.
extension CoinGeckoProvider: DataProvider {
    public func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
    {
        let req = try firstRequest(symbol: symbol, mapping: mapping, window: window)
        let r = try await client.get(req, provider: name, symbol: symbol)
        let c = RequestContext(provider: name, symbol: symbol, url: req.shownURL)
        var out = try CoinGeckoProvider.parseChart(r, context: c)
        if let from = window.from { out = out.since(from) }
        guard !out.isEmpty else { throw c.error(.empty, "no daily close in the range asked") }
        return out
    }

    /// Fetches today's top 250 by market cap as a ranking snapshot.
    public func fetchRanking(window: FetchWindow, client: ProviderClient) async throws -> [RankTable.Entry] {
        let req = try firstRequest(
            symbol: CoinGeckoProvider.rankingID, mapping: SymbolMapping(provider: .coingecko, id: "markets"), window: window)
        let r = try await client.get(req, provider: name, symbol: CoinGeckoProvider.rankingID)
        return try CoinGeckoProvider.parseMarkets(r, context: RequestContext(provider: name, symbol: CoinGeckoProvider.rankingID, url: req.shownURL))
    }
}

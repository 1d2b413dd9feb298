import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// One live data source. Each provider builds the documented request for a symbol and
/// turns the documented response into a ``FetchedSeries``; the parsing is a pure static
/// function of the body, tested on recorded shapes.
public protocol DataProvider: Sendable {
    var name: ProviderName { get }
    /// The first request a fetch makes (what `--dry-run` prints).
    func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest
    /// Fetches and parses every page of the symbol's data in the window.
    /// - Throws: ``SyncError`` naming the provider, the symbol and the URL.
    func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
}

import Foundation
import RiskflowCore
import RiskflowData

/// The bundled snapshot as one ``MarketData`` as of its latest day, and the crypto ids,
/// loaded once per process into a scratch store (outside every benchmark's timing).
public enum Bundled {
    static let cache = BundledCache()

    public static func data() async throws -> (MarketData, [String]) { try await cache.value() }
}

actor BundledCache {
    var loaded: (MarketData, [String])?

    func value() async throws -> (MarketData, [String]) {
        if let loaded { return loaded }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskflow-bench")
        let store = try await Store.open(folder.appendingPathComponent("bundled-\(getpid()).sqlite").path)
        _ = try await BundledSnapshot.loadIfEmpty(into: store)
        let metas = try await store.allMetadata()
        guard let latest = try await store.latestDay() else { throw StoreError(.readFailed, "the bundled store is empty") }
        let data = try await store.marketData(for: .everything, asOf: latest)
        let value = (data, metas.filter { $0.kind == .crypto }.map(\.id))
        loaded = value
        return value
    }
}

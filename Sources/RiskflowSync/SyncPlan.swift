import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// One series a sync will fetch: where from, and from which day.
public struct SyncTarget: Sendable, Equatable {
    /// The store's id (`RUT`), or `COINGECKO-DAILY` for the ranking snapshot.
    public var symbol: String
    public var mapping: SymbolMapping
    /// First day asked for: `--since`, else the last stored day minus the overlap window,
    /// else `nil` (the whole history, for a series the store does not have yet).
    public var from: Day?
    /// The stored series' metadata, `nil` when the sync creates it.
    public var metadata: SeriesMetadata?

    public var isRanking: Bool { symbol == CoinGeckoProvider.rankingID }
}

extension SyncEngine {
    /// The series to sync.
    ///
    /// - No `symbols`: every stored series with a mapping (defaults, then `[sync.symbols]`),
    ///   every `[sync.symbols]` entry the store does not have yet, and the CoinGecko
    ///   ranking snapshot.
    /// - `symbols`: exactly those (each must have a mapping).
    /// - `provider`: only the symbols mapped to it; `binance` takes the crypto symbols that
    ///   have a Binance USDT pair (Binance is the alternative source for crypto).
    /// - Throws: ``SyncError`` (`config`) for a symbol with no mapping, saying how to add one.
    public func plan(symbols: [String], provider: ProviderName?, since: Day?) async throws -> [SyncTarget] {
        let map = settings.symbolMap
        let stored = try await store.list()
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.metadata.id, $0) })
        let userMapped = Set(settings.symbols.keys.map { $0.uppercased() })
        let wanted: [String]
        if symbols.isEmpty {
            var ids = Set(stored.map(\.metadata.id).filter { map[$0] != nil }).union(userMapped)
            if provider == .binance { ids.formUnion(stored.filter { $0.metadata.kind == .crypto }.map(\.metadata.id)) }
            if provider == nil || provider == .coingecko { ids.insert(CoinGeckoProvider.rankingID) }
            wanted = ids.sorted()
        } else {
            wanted = symbols.map { $0.uppercased() }
        }
        var out: [SyncTarget] = []
        for s in wanted {
            var mapping: SymbolMapping
            if s == CoinGeckoProvider.rankingID {
                mapping = SymbolMapping(provider: .coingecko, id: "coins/markets")
            } else if let m = map[s] {
                mapping = m
            } else if provider == .binance, let pair = DefaultSymbolMap.binancePair(s) {
                mapping = SymbolMapping(provider: .binance, id: pair)
            } else {
                if symbols.isEmpty { continue }
                throw SyncError(
                    .config,
                    "no provider is known for '\(s)'; map it in riskflow.toml: [sync.symbols] \(s) = { provider = \"yahoo\", id = \"\(s)\" } (providers: \(ProviderName.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            if let provider, mapping.provider != provider {
                // Binance as the alternative source of a crypto symbol mapped elsewhere by default.
                guard provider == .binance, !userMapped.contains(s), let pair = DefaultSymbolMap.binancePair(s),
                    byID[s]?.metadata.kind ?? .crypto == .crypto
                else {
                    if symbols.isEmpty { continue }
                    throw SyncError(.config, "'\(s)' is mapped to \(mapping.provider.rawValue), not \(provider.rawValue)")
                }
                mapping = SymbolMapping(provider: .binance, id: pair)
            }
            let info = byID[s]
            let from = since ?? info?.last.map { $0 - settings.overlapDays }
            out.append(SyncTarget(symbol: s, mapping: mapping, from: from, metadata: info?.metadata))
        }
        return out
    }

    /// The first request of each target, keys redacted (what `--dry-run` prints).
    public func preview(_ targets: [SyncTarget]) throws -> [SyncPreview] {
        let to = today
        return try targets.map { t in
            let p = try provider(t.mapping.provider)
            let r = try p.firstRequest(symbol: t.symbol, mapping: t.mapping, window: FetchWindow(from: t.from, to: to, now: nowSeconds))
            return SyncPreview(symbol: t.symbol, provider: t.mapping.provider, id: t.mapping.id, from: t.from, to: to, url: r.shownURL)
        }
    }
}

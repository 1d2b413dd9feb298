import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// `riskflow data sync`: fetches each target from its provider, validates it, and merges
/// it into the store, one transaction per series.
///
/// Series are fetched concurrently (`[sync] concurrency`, default 8), each provider's rate
/// limit shared by its fetches. One failing series does not stop the others; its data is
/// left exactly as it was and its failure is recorded. A Yahoo series whose adjusted
/// closes changed inside the overlap window (a new dividend re-adjusts the past) is
/// fetched again whole, and every changed day becomes a revision.
public struct SyncEngine: Sendable {
    public let store: any RiskflowStore
    public let settings: SyncSettings
    let environment: [String: String]
    /// The moment of the sync.
    public let now: Date

    public init(store: any RiskflowStore, settings: SyncSettings, environment: [String: String], now: Date = Date()) {
        self.store = store
        self.settings = settings
        self.environment = environment
        self.now = now
    }

    var nowSeconds: Double { now.timeIntervalSince1970 }
    /// Today, UTC: the last day asked for, and the `available_at` of revisions.
    public var today: Day { ProviderSupport.day(unix: nowSeconds) }

    var fredKey: String? { environment["FRED_API_KEY"].flatMap { $0.isEmpty ? nil : $0 } }
    var coingeckoKey: String? {
        settings.settings(.coingecko).apiKeyEnv.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every secret a message must not contain.
    var secrets: [String] { [fredKey, coingeckoKey].compactMap { $0 } }

    /// The provider object for a name, with its settings and key.
    public func provider(_ name: ProviderName) throws -> any DataProvider {
        let s = settings.settings(name)
        switch name {
        case .fred: return try FREDProvider(settings: s, apiKey: fredKey)
        case .yahoo: return YahooProvider(settings: s)
        case .stooq: return StooqProvider(settings: s)
        case .coingecko: return CoinGeckoProvider(settings: s, apiKey: coingeckoKey)
        case .binance: return BinanceProvider(settings: s)
        }
    }

    /// Syncs every target; `progress` is called after each series (from any task).
    /// - Returns: one result per target, in the targets' order.
    public func run(_ targets: [SyncTarget], progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async -> [SyncSeriesResult] {
        let client = ProviderClient(settings: settings)
        var results = [SyncSeriesResult?](repeating: nil, count: targets.count)
        await withTaskGroup(of: (Int, SyncSeriesResult).self) { group in
            var next = 0
            var done = 0
            var rows = 0
            func start() {
                guard next < targets.count else { return }
                let i = next
                next += 1
                group.addTask { (i, await self.sync(targets[i], client: client)) }
            }
            for _ in 0..<max(1, settings.concurrency) { start() }
            while let (i, r) = await group.next() {
                results[i] = r
                done += 1
                rows += r.rowsAdded + r.revisions
                progress(SyncProgress(done: done, total: targets.count, rows: rows, last: r))
                start()
            }
        }
        try? await client.shutdown()
        return results.compactMap { $0 }  // every slot is filled: each target ran once
    }

    func stamp() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// Syncs one target; never throws (a failure is a result).
    func sync(_ t: SyncTarget, client: ProviderClient) async -> SyncSeriesResult {
        let name = t.mapping.provider
        do {
            let p = try provider(name)
            let window = FetchWindow(from: t.from, to: today, now: nowSeconds)
            if t.isRanking, let cg = p as? CoinGeckoProvider {
                let entries = try await cg.fetchRanking(window: window, client: client)
                let added = try await store.appendRankingSnapshot(
                    id: t.symbol, source: "CoinGecko coins/markets (data sync), top 250 by market cap", day: today,
                    entries: entries, stamp: stamp())
                return SyncSeriesResult(
                    symbol: t.symbol, provider: name, status: added ? .updated : .unchanged, rowsAdded: added ? entries.count : 0,
                    firstNew: added ? today : nil, lastNew: added ? today : nil)
            }
            let context = RequestContext(
                provider: name, symbol: t.symbol, url: try p.firstRequest(symbol: t.symbol, mapping: t.mapping, window: window).shownURL)
            var fetched = try await p.fetch(symbol: t.symbol, mapping: t.mapping, window: window, client: client)
            let meta = try t.metadata ?? newMetadata(t, fetched, context: context)
            try SyncValidation.validate(&fetched, as: meta, context: context)
            if fetched.isAdjusted, t.metadata != nil, t.from != nil, try await adjustedPastChanged(t.symbol, fetched) {
                let whole = FetchWindow(from: nil, to: today, now: nowSeconds)
                fetched = try await p.fetch(symbol: t.symbol, mapping: t.mapping, window: whole, client: client)
                try SyncValidation.validate(&fetched, as: meta, context: context)
            }
            let outcome = try await store.merge(
                fetched, metadata: meta, today: today, provider: name, providerID: t.mapping.id, stamp: stamp())
            return SyncSeriesResult(
                symbol: t.symbol, provider: name, status: outcome.rowsAdded + outcome.revisions > 0 ? .updated : .unchanged,
                rowsAdded: outcome.rowsAdded, revisions: outcome.revisions, firstNew: outcome.firstNew, lastNew: outcome.lastNew)
        } catch {
            let message = redact(message(for: error, target: t))
            try? await store.recordSyncFailure(id: t.symbol, provider: name, providerID: t.mapping.id, stamp: stamp(), error: message)
            return SyncSeriesResult(symbol: t.symbol, provider: name, status: .failed, error: message)
        }
    }

    /// `true` when a stored close in the fetched range differs from the fetched adjusted
    /// close (a dividend or split re-adjusted the past).
    func adjustedPastChanged(_ id: String, _ f: FetchedSeries) async throws -> Bool {
        guard let first = f.days.first else { return false }
        let stored = try await store.bars(id, asOf: nil, from: first, to: nil)
        var j = 0
        for i in 0..<stored.count {
            while j < f.count && f.days[j] < stored.days[i] { j += 1 }
            if j < f.count && f.days[j] == stored.days[i] && !MergePlan.sameValue(f.close[j], stored.close[i]) { return true }
        }
        return false
    }

    /// Metadata for a series the store does not have: the mapping's choices, then what
    /// the provider says, then inferred from the days. A FRED series needs its unit given.
    func newMetadata(_ t: SyncTarget, _ f: FetchedSeries, context c: RequestContext) throws -> SeriesMetadata {
        let kind = t.mapping.kind ?? f.kind ?? .etf
        guard let unit = t.mapping.unit ?? f.unit ?? SnapshotCatalog.known(t.symbol)?.unit else {
            throw c.error(
                .config,
                "\(t.symbol) is a new series and FRED does not say its unit; add unit = \"…\" to its [sync.symbols] entry (one of \(ValueUnit.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        var days = f.days
        if f.availableAt != nil { days = Array(Set(days)).sorted() }
        let calendar = t.mapping.calendar ?? f.calendar ?? CSVImport.inferCalendar(days)
        return SeriesMetadata(
            id: t.symbol, kind: kind, unit: unit, calendar: calendar,
            source: "\(t.mapping.provider.displayName) \(t.mapping.id) (data sync)",
            licence: "the provider's terms of use apply", name: t.mapping.name ?? t.symbol)
    }

    func message(for error: any Error, target t: SyncTarget) -> String {
        switch error {
        case let e as SyncError: return e.message
        default: return "\(t.mapping.provider.displayName) \(t.symbol): \(error)"
        }
    }

    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "REDACTED") }
    }
}

import RiskflowCore
import RiskflowFormats

/// Reads of series as known on a day: every read is *as of* a day (only observations with
/// `available_at ≤ asOf`, the latest revision of each day), and reads of several series
/// see one state of the store (a read transaction on SQLite, a REPEATABLE READ snapshot
/// on PostgreSQL).
public protocol SeriesReading: Sendable {
    /// `true` when the store holds no series.
    func isEmpty() async throws -> Bool
    /// Every series with its coverage, sorted by id. With `asOf`, coverage counts only
    /// observations published by that day; a series with none then shows no first or last day.
    func list(asOf: Day?) async throws -> [SeriesInfo]
    /// The metadata and coverage of one series.
    /// - Throws: ``StoreError`` (`unknownSeries`) listing the known ids.
    func info(_ id: String) async throws -> SeriesInfo
    /// The metadata of one series (no scan of its observations).
    /// - Throws: ``StoreError`` (`unknownSeries`) listing the known ids.
    func metadata(_ id: String) async throws -> SeriesMetadata
    /// Every series' metadata, sorted by id.
    func allMetadata() async throws -> [SeriesMetadata]
    /// The latest observation day of any series (one index seek per series), `nil` when empty.
    func latestDay() async throws -> Day?
    /// The ids of all stored series, sorted.
    func ids() async throws -> [String]
    /// The bars of one series as known on `asOf` (`nil`: everything stored), restricted to
    /// `from ≤ day ≤ to`.
    /// - Complexity: one range scan of the series' rows.
    func bars(_ id: String, asOf: Day?, from: Day?, to: Day?) async throws -> Bars
    /// The ``MarketData`` a computation asked for (``DataRequest``) as known on `asOf`, with
    /// each series' kind, read in one snapshot.
    func marketData(for request: DataRequest, asOf: Day) async throws -> MarketData
}

/// Ranking tables (market-cap snapshots), as known on a day.
public protocol RankingReading: Sendable {
    /// Every ranking table with its coverage, by id; with `asOf`, only snapshots published by then.
    func rankingList(asOf: Day?) async throws -> [RankingInfo]
    /// `true` when the store has the ranking table `id`.
    func hasRanking(_ id: String) async throws -> Bool
    /// One ranking table as known on `asOf`, cut to `from…to`.
    /// - Throws: ``StoreError`` (`unknownSeries`) listing the known ids.
    func ranking(_ id: String, asOf: Day?, from: Day?, to: Day?) async throws -> RankTable
}

/// Writes of series and ranking tables, each one transaction (all or nothing).
public protocol SeriesWriting: Sendable {
    /// Replaces several series (metadata and every observation) in one transaction;
    /// `available_at` of each row comes from the metadata's publication rule.
    func replace(_ items: [(Bars, SeriesMetadata, ImportOrigin)]) async throws
    /// Merges a fetched, validated series in one transaction (see ``MergePlan``) and
    /// records the sync in the same transaction.
    func merge(_ f: FetchedSeries, metadata: SeriesMetadata, today: Day, provider: ProviderName, providerID: String, stamp: String)
        async throws -> MergeOutcome
    /// Replaces a ranking table (every snapshot) in one transaction.
    func replaceRanking(_ table: RankTable) async throws
    /// Adds the snapshot of `day` to a ranking table (created if needed), with the sync's
    /// record, in one transaction. A day that already has a snapshot keeps it and `false`
    /// is returned.
    func appendRankingSnapshot(id: String, source: String, day: Day, entries: [RankTable.Entry], stamp: String) async throws -> Bool
}

/// The record of each series' last sync.
public protocol SyncLedger: Sendable {
    /// Records a failed sync of a series (its data untouched).
    func recordSyncFailure(id: String, provider: ProviderName, providerID: String, stamp: String, error: String) async throws
    /// Every series' last sync, by id.
    func syncStates() async throws -> [String: SyncState]
}

/// The alerts outbox: rules' progress, fired events and their delivery attempts.
public protocol AlertOutbox: Sendable {
    /// The last data day each alert rule evaluated, by rule name.
    func alertRuleStates() async throws -> [String: Day]
    /// Records a rule's evaluation through `day` and the events it fired in one
    /// transaction; an event already in the outbox is left as it is. Returns the new events.
    func recordAlertEvaluation(rule: String, through day: Day, events: [AlertEventRecord], stamp: String) async throws
        -> [AlertEventRecord]
    /// Pending events, the earliest due first.
    func pendingAlertEvents() async throws -> [AlertEventRecord]
    /// Every event, oldest transition first, with its attempts.
    func alertHistory() async throws -> [(event: AlertEventRecord, attempts: [AlertAttemptRecord])]
    /// Appends one delivery attempt of a pending event and applies its outcome in one
    /// transaction; `false` (and nothing written) when the event is no longer pending.
    @discardableResult
    func recordAlertAttempt(id: String, attempt: AlertAttemptRecord, outcome: AlertAttemptOutcome) async throws -> Bool
}

/// The calls ledger: calls frozen when made and their scores, both append-only (no method
/// updates or deletes a row).
public protocol CallLedger: Sendable {
    /// Appends the calls not stored yet (a call's id is its content hash, ``CallRows/id(of:)``),
    /// in one transaction; returns the ids of those added, in order. The same call twice
    /// adds nothing.
    func appendCalls(_ calls: [Call], stamp: String) async throws -> [String]
    /// Every call with its id and when it was recorded, by day known, then id.
    func storedCalls() async throws -> [StoredCall]
    /// Appends scores in one transaction (each a new row, even for a key already scored:
    /// a revision); see `CallScoring.newScores` for which to append.
    func appendCallScores(_ scores: [CallScore], stamp: String) async throws
    /// Every score in the order appended (the last of a call, follower and horizon is its latest).
    func callScores() async throws -> [CallScore]
}

/// A call as stored: its id (content hash), the call and when it was recorded.
public struct StoredCall: Sendable, Equatable {
    public var id: String
    public var call: Call
    /// ISO 8601 UTC.
    public var recordedAt: String
}

/// Whole-store operations: the data-version fingerprint, an integrity check, and the
/// table-by-table transfer `data migrate` uses.
public protocol StoreMaintenance: Sendable {
    /// ``StoreSQL/dataVersion``: a fingerprint that changes whenever an import, a sync or
    /// an alert writes; identical on both backends for the same content.
    func dataVersion() async throws -> String
    /// `"ok"` for an intact store, else what is wrong.
    func integrityCheck() async throws -> String
    /// Every row of `table` in primary-key order, typed by the catalogue.
    func rows(of table: StoreTable) async throws -> [[StoreValue]]
    /// Loads whole tables in one transaction (deleting every stored row first when
    /// `replace`), then reads each back; a failure leaves the store as it was.
    /// - Throws: ``StoreError`` (`writeFailed`) when the store is not empty and not `replace`.
    func load(_ tables: [(StoreTable, [[StoreValue]])], replace: Bool, verify: @escaping @Sendable ([(StoreTable, [[StoreValue]])]) throws -> Void)
        async throws
}

/// The point-in-time store: a SQLite file (``SQLiteStore``, the embedded default) or a
/// PostgreSQL database (``PostgresStore``, shared by a team), with the same tables
/// (``StoreCatalogue``), meaning and answers on both. Open one with ``Store/open(_:readOnly:)``.
public protocol RiskflowStore: SeriesReading, RankingReading, SeriesWriting, SyncLedger, AlertOutbox, CallLedger, StoreMaintenance {
    /// Where the store is, for messages: the database file, or the PostgreSQL URL without
    /// its password.
    var path: String { get }
    /// The location as given (a PostgreSQL URL keeps its password), to reopen it.
    var location: String { get }
}

extension RiskflowStore {
    /// Every series with its coverage as of the latest data.
    public func list() async throws -> [SeriesInfo] { try await list(asOf: nil) }

    /// Every ranking table with its coverage as of the latest data.
    public func rankingList() async throws -> [RankingInfo] { try await rankingList(asOf: nil) }

    /// The bars of one series as known on `asOf` (`nil`: everything stored).
    public func bars(_ id: String, asOf: Day? = nil) async throws -> Bars {
        try await bars(id, asOf: asOf, from: nil, to: nil)
    }

    /// One ranking table as known on `asOf` (`nil`: everything stored).
    public func ranking(_ id: String, asOf: Day? = nil) async throws -> RankTable {
        try await ranking(id, asOf: asOf, from: nil, to: nil)
    }

    /// The ``MarketData`` of `symbols` as known on `asOf`, read in one snapshot.
    /// - Throws: ``StoreError`` naming the first unknown symbol.
    public func marketData(_ symbols: [String], asOf: Day) async throws -> MarketData {
        let data = try await marketData(for: DataRequest(symbols: symbols), asOf: asOf)
        let known = Set(data.bars.keys)
        if let missing = symbols.first(where: { !known.contains($0.uppercased()) }) {
            throw StoreError.unknownSeries(missing, known: try await ids())
        }
        return MarketData(asOf: asOf, bars: data.bars)
    }

    /// Replaces a series (metadata and every observation) in one transaction.
    /// - Complexity: O(*n*) inserts.
    public func replace(_ bars: Bars, metadata: SeriesMetadata, origin: ImportOrigin) async throws {
        try await replace([(bars, metadata, origin)])
    }
}

import Foundation
import GRDB
import RiskflowCore
import RiskflowFormats

/// What a sync wrote into one series.
public struct MergeOutcome: Sendable, Equatable {
    /// Days the store did not have.
    public var rowsAdded = 0
    /// Known days whose value changed (each stored as a new row with a later `available_at`).
    public var revisions = 0
    /// First and last of the new days, `nil` when none.
    public var firstNew: Day?
    public var lastNew: Day?

    public init() {}
}

/// A series' last sync, as recorded in the store.
public struct SyncState: Sendable, Equatable {
    public var seriesID: String
    public var provider: String
    public var providerID: String
    /// ISO 8601 UTC.
    public var attemptedAt: String
    public var succeededAt: String?
    public var status: String
    public var rowsAdded: Int
    public var revisions: Int
    public var error: String?
}

extension Store {
    /// Two values are the same observation when they agree to 1 part in 10⁶ (Yahoo's
    /// prices are float32; the bundled files carry at most 12 significant digits).
    static func sameValue(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-6 * max(abs(a), abs(b))
    }

    /// Merges a fetched, validated series into the store in **one transaction**: the whole
    /// series is updated or, on any error (or a killed process), nothing is.
    ///
    /// - A day the store does not have is inserted, known on the publication rule's day
    ///   (or, for ALFRED vintages, on its `realtime_start`).
    /// - A known day whose close differs is a **revision**: a new row known on `today`
    ///   (never an overwrite; as-of reads before `today` still see the old value), and the
    ///   series is marked as having revisions. A vintage is stored only when its value
    ///   differs from what was known just before it.
    /// - Days the provider no longer returns are kept.
    ///
    /// `metadata` creates the series when the store does not have it. `state` is recorded
    /// in `sync_state` in the same transaction.
    /// - Complexity: O(*n* log *n*) for *n* fetched rows, one read of the stored rows in range.
    public func merge(
        _ f: FetchedSeries, metadata: SeriesMetadata, today: Day, provider: ProviderName, providerID: String, stamp: String
    ) throws -> MergeOutcome {
        if let postgres {
            return try postgres.merge(f, metadata: metadata, today: today, provider: provider, providerID: providerID, stamp: stamp)
        }
        return try pool.write { db in
            let id = metadata.id.uppercased()
            var key = try Int64.fetchOne(db, sql: "SELECT key FROM series WHERE id = ?", arguments: [id])
            if key == nil {
                try db.execute(
                    sql: """
                        INSERT INTO series (id, kind, unit, calendar, source, licence, name, publication)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, metadata.kind.rawValue, metadata.unit.rawValue, metadata.calendar.rawValue, metadata.source,
                        metadata.licence, metadata.name, metadata.publication.rawValue,
                    ])
                key = db.lastInsertedRowID
            }
            guard let key, let first = f.days.first, let last = f.days.last else { return MergeOutcome() }
            // Stored rows in range, per day, in available_at order.
            var stored: [Day: [(at: Day, close: Double)]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT day, available_at, close FROM observation WHERE series_key = ? AND day BETWEEN ? AND ? ORDER BY day, available_at",
                arguments: [key, first.rawValue, last.rawValue])
            while let r = try rows.next() {
                stored[Day(rawValue: r["day"]), default: []].append((Day(rawValue: r["available_at"]), r["close"]))
            }
            let plan = Store.planMerge(f, stored: stored, publication: metadata.publication, today: today)
            let insert = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO observation (series_key, day, available_at, open, high, low, close, volume, market_cap, vintage)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            func value(_ x: Double) -> (any DatabaseValueConvertible)? { x.isNaN ? nil : x }
            for (i, d, at) in plan.rows {
                try insert.execute(arguments: [
                    key, d.rawValue, at.rawValue, value(f.open[i]), value(f.high[i]), value(f.low[i]), f.close[i],
                    value(f.volume[i]), value(f.marketCap[i]), f.availableAt.map { $0[i].rawValue },
                ])
            }
            let (out, revised) = (plan.outcome, plan.revised)
            if revised { try db.execute(sql: "UPDATE series SET has_revisions = 1 WHERE key = ?", arguments: [key]) }
            if out.rowsAdded + out.revisions > 0 {
                try db.execute(
                    sql: """
                        INSERT INTO import_log (series_id, origin, format, rows, skipped, duplicates, imported_at)
                        VALUES (?, ?, ?, ?, 0, 0, ?)
                        """,
                    arguments: [id, "sync: \(provider.rawValue) \(providerID)", provider.rawValue, out.rowsAdded + out.revisions, stamp])
            }
            try Store.recordSync(
                db, id: id, provider: provider, providerID: providerID, stamp: stamp,
                status: out.rowsAdded + out.revisions > 0 ? "updated" : "unchanged", rowsAdded: out.rowsAdded,
                revisions: out.revisions, error: nil)
            return out
        }
    }

    /// What a merge writes: the fetched rows to insert (index into `f`, day, `available_at`,
    /// in order; a later row with the same day and `available_at` replaces an earlier
    /// one), the outcome, and whether the series now has revisions. Pure: both backends
    /// apply the same plan.
    struct MergePlan {
        var rows: [(index: Int, day: Day, at: Day)] = []
        var outcome = MergeOutcome()
        var revised = false
    }

    /// Decides, against the `stored` rows of the fetched range (per day, by `available_at`),
    /// which fetched rows are new days, which are revisions, and when each became known.
    static func planMerge(_ f: FetchedSeries, stored: [Day: [(at: Day, close: Double)]], publication: PublicationRule, today: Day)
        -> MergePlan
    {
        var stored = stored
        var plan = MergePlan()
        var newDays = Set<Day>()
        for i in 0..<f.count {
            let d = f.days[i]
            let known = stored[d] ?? []
            let at: Day
            if let vintage = f.availableAt?[i] {
                // The value known just before (or at) this vintage.
                if let before = known.last(where: { $0.at <= vintage }), Store.sameValue(before.close, f.close[i]) { continue }
                at = known.contains(where: { $0.at == vintage }) ? max(today, vintage) : vintage
            } else if let latest = known.last {
                if Store.sameValue(latest.close, f.close[i]) { continue }
                at = max(today, publication.availableAt(d), latest.at)
            } else {
                at = publication.availableAt(d)
            }
            if known.isEmpty && !newDays.contains(d) {
                newDays.insert(d)
                plan.outcome.rowsAdded += 1
                plan.outcome.firstNew = min(plan.outcome.firstNew ?? d, d)
                plan.outcome.lastNew = max(plan.outcome.lastNew ?? d, d)
            } else if !known.isEmpty {
                plan.outcome.revisions += 1
                plan.revised = true
            } else {
                plan.revised = true  // a second vintage of a day new in this sync
            }
            plan.rows.append((i, d, at))
            stored[d, default: []].append((at, f.close[i]))
            stored[d, default: []].sort { $0.at < $1.at }
        }
        return plan
    }

    /// Records a failed sync of a series (its data untouched).
    public func recordSyncFailure(id: String, provider: ProviderName, providerID: String, stamp: String, error: String) throws {
        if let postgres { return try postgres.recordSyncFailure(id: id, provider: provider, providerID: providerID, stamp: stamp, error: error) }
        return try pool.write { db in
            try Store.recordSync(
                db, id: id.uppercased(), provider: provider, providerID: providerID, stamp: stamp, status: "failed",
                rowsAdded: 0, revisions: 0, error: error)
        }
    }

    static func recordSync(
        _ db: Database, id: String, provider: ProviderName, providerID: String, stamp: String, status: String, rowsAdded: Int,
        revisions: Int, error: String?
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO sync_state (series_id, provider, provider_id, attempted_at, succeeded_at, status, rows_added, revisions, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(series_id) DO UPDATE SET provider = excluded.provider, provider_id = excluded.provider_id,
                    attempted_at = excluded.attempted_at,
                    succeeded_at = COALESCE(excluded.succeeded_at, sync_state.succeeded_at),
                    status = excluded.status, rows_added = excluded.rows_added, revisions = excluded.revisions,
                    error = excluded.error
                """,
            arguments: [
                id, provider.rawValue, providerID, stamp, status == "failed" ? nil : stamp, status, rowsAdded, revisions, error,
            ])
    }

    /// Every series' last sync, by id.
    public func syncStates() throws -> [String: SyncState] {
        if let postgres { return try postgres.syncStates() }
        return try pool.read { db in
            var out: [String: SyncState] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM sync_state") {
                let s = SyncState(
                    seriesID: r["series_id"], provider: r["provider"], providerID: r["provider_id"], attemptedAt: r["attempted_at"],
                    succeededAt: r["succeeded_at"], status: r["status"], rowsAdded: r["rows_added"], revisions: r["revisions"],
                    error: r["error"])
                out[s.seriesID] = s
            }
            return out
        }
    }

    /// Adds the snapshot of `day` to a ranking table (created if needed), with the sync's
    /// record, in one transaction. A day that already has a snapshot keeps it (the first
    /// snapshot of a day wins) and `false` is returned.
    public func appendRankingSnapshot(
        id: String, source: String, day: Day, entries: [RankTable.Entry], stamp: String
    ) throws -> Bool {
        if let postgres { return try postgres.appendRankingSnapshot(id: id, source: source, day: day, entries: entries, stamp: stamp) }
        return try pool.write { db in
            try db.execute(sql: "INSERT INTO ranking_table (id, source) VALUES (?, ?) ON CONFLICT(id) DO NOTHING", arguments: [id, source])
            guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM ranking_table WHERE id = ?", arguments: [id]) else {
                throw StoreError(.writeFailed, "ranking table \(id) was not created")
            }
            let exists = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM ranking_entry WHERE table_key = ? AND day = ?", arguments: [key, day.rawValue]) ?? 0
            if exists == 0 {
                let insert = try db.makeStatement(
                    sql: """
                        INSERT INTO ranking_entry (table_key, day, available_at, rank, symbol, name, price, market_cap, volume)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                func value(_ x: Double) -> (any DatabaseValueConvertible)? { x.isNaN ? nil : x }
                for e in entries {
                    try insert.execute(arguments: [
                        key, day.rawValue, day.rawValue, e.rank, e.symbol, e.name, value(e.price), value(e.marketCap), value(e.volume),
                    ])
                }
            }
            try Store.recordSync(
                db, id: id, provider: .coingecko, providerID: "coins/markets", stamp: stamp, status: exists == 0 ? "updated" : "unchanged",
                rowsAdded: exists == 0 ? entries.count : 0, revisions: 0, error: nil)
            return exists == 0
        }
    }
}

extension Store {
    /// SQLite's `PRAGMA integrity_check` (on PostgreSQL, a check that no row points at a
    /// missing parent): `"ok"` for an intact database.
    public func integrityCheck() throws -> String {
        if let postgres { return try postgres.integrityCheck() }
        return try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

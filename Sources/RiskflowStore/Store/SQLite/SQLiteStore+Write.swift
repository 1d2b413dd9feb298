import Foundation
import GRDB
import GRDBSQLite
import RiskflowCore
import RiskflowFormats

extension SQLiteStore {
    public func replace(_ items: [(Bars, SeriesMetadata, ImportOrigin)]) async throws {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let items = items.map { ReplaceItem(bars: $0.0, metadata: $0.1, origin: $0.2) }
        try await write { db in
            for item in items { try Self.write(item.bars, metadata: item.metadata, origin: item.origin, stamp: stamp, db: db) }
        }
    }

    /// The bulk path: rows go in batches of 32 per INSERT (fewer statement steps), the tail
    /// one by one, bound with raw SQLite calls.
    /// - Complexity: O(*n*) for *n* rows.
    static func write(_ bars: Bars, metadata: SeriesMetadata, origin: ImportOrigin, stamp: String, db: Database) throws {
        let id = metadata.id.uppercased()
        guard let key = try rows(db, StoreSQL.upsertSeries, StoreSQL.metadataArguments(metadata)).first?.first?.int else {
            throw StoreError(.writeFailed, "series \(id) vanished during its own write")
        }
        try execute(db, StoreSQL.deleteObservations, [.int(key)])
        let batch = 32
        let columns = "(series_key, day, available_at, open, high, low, close, volume, market_cap)"
        let one = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        let many = try db.makeStatement(
            sql: "INSERT INTO observation \(columns) VALUES " + Array(repeating: one, count: batch).joined(separator: ", "))
        let single = try db.makeStatement(sql: "INSERT INTO observation \(columns) VALUES \(one)")
        let rule = metadata.publication
        var i = 0
        while i < bars.count {
            let take = bars.count - i >= batch ? batch : 1
            let stmt = take == batch ? many.sqliteStatement : single.sqliteStatement
            for r in 0..<take {
                let row = i + r
                let base = Int32(r * 9)
                let day = bars.days[row]
                sqlite3_bind_int64(stmt, base + 1, Int64(key))
                sqlite3_bind_int64(stmt, base + 2, Int64(day.rawValue))
                sqlite3_bind_int64(stmt, base + 3, Int64(rule.availableAt(day).rawValue))
                bindOptional(stmt, base + 4, bars.open[row])
                bindOptional(stmt, base + 5, bars.high[row])
                bindOptional(stmt, base + 6, bars.low[row])
                sqlite3_bind_double(stmt, base + 7, bars.close[row])
                bindOptional(stmt, base + 8, bars.volume[row])
                bindOptional(stmt, base + 9, bars.marketCap[row])
            }
            let rc = sqlite3_step(stmt)
            sqlite3_reset(stmt)
            guard rc == SQLITE_DONE else {
                throw StoreError(
                    .writeFailed,
                    "writing \(id) (rows from \(bars.days[i].iso)) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            i += take
        }
        try execute(
            db, StoreSQL.insertImportLog,
            [.text(id), .text(origin.origin), .text(origin.format), .int(bars.count), .int(origin.skipped), .int(origin.duplicates), .text(stamp)])
    }

    @inline(__always)
    private static func bindOptional(_ stmt: SQLiteStatement, _ index: Int32, _ value: Double) {
        if value.isNaN { sqlite3_bind_null(stmt, index) } else { sqlite3_bind_double(stmt, index, value) }
    }

    public func merge(_ f: FetchedSeries, metadata: SeriesMetadata, today: Day, provider: ProviderName, providerID: String, stamp: String)
        async throws -> MergeOutcome
    {
        try await write { db in
            let id = metadata.id.uppercased()
            try Self.execute(db, StoreSQL.insertSeriesIfMissing, StoreSQL.metadataArguments(metadata))
            guard let key = try Self.rows(db, StoreSQL.seriesKey, [.text(id)]).first?.first?.int, let first = f.days.first,
                let last = f.days.last
            else { return MergeOutcome() }
            let stored = try MergePlan.stored(Self.rows(db, StoreSQL.storedCloses, [.int(key), .day(first), .day(last)]))
            let plan = MergePlan(f, stored: stored, publication: metadata.publication, today: today)
            let insert = try db.makeStatement(sql: Self.upsertObservation)
            func value(_ x: Double) -> (any DatabaseValueConvertible)? { x.isNaN ? nil : x }
            for (i, d, at) in plan.distinctRows {
                try insert.execute(arguments: [
                    key, d.rawValue, at.rawValue, value(f.open[i]), value(f.high[i]), value(f.low[i]), f.close[i], value(f.volume[i]),
                    value(f.marketCap[i]), f.availableAt.map { $0[i].rawValue },
                ])
            }
            for s in plan.bookkeeping(key: key, id: id, provider: provider, providerID: providerID, stamp: stamp) {
                try Self.execute(db, s.sql, s.arguments)
            }
            return plan.outcome
        }
    }

    /// One merged row; a re-fetched vintage of the same (day, `available_at`) replaces it.
    static let upsertObservation = """
        INSERT INTO observation (series_key, day, available_at, open, high, low, close, volume, market_cap, vintage)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (series_key, day, available_at) DO UPDATE SET open = excluded.open, high = excluded.high,
            low = excluded.low, close = excluded.close, volume = excluded.volume, market_cap = excluded.market_cap,
            vintage = excluded.vintage
        """

    public func recordSyncFailure(id: String, provider: ProviderName, providerID: String, stamp: String, error: String) async throws {
        try await write { db in
            try Self.execute(
                db, StoreSQL.upsertSyncState,
                StoreSQL.syncArguments(
                    id: id.uppercased(), provider: provider, providerID: providerID, stamp: stamp, status: .failed, rowsAdded: 0,
                    revisions: 0, error: error))
        }
    }

    public func syncStates() async throws -> [String: SyncState] {
        let states = try await read { db in try Self.rows(db, StoreSQL.syncStates).map(StoreRows.syncState) }
        return Dictionary(states.map { ($0.seriesID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Rankings

    public func replaceRanking(_ t: RankTable) async throws {
        try await write { db in
            guard let key = try Self.rows(db, StoreSQL.upsertRankingTable, [.text(t.id), .text(t.source)]).first?.first?.int else {
                throw StoreError(.writeFailed, "ranking table \(t.id) vanished during its own write")
            }
            try Self.execute(db, StoreSQL.deleteRankingEntries, [.int(key)])
            let insert = try db.makeStatement(sql: StoreSQL.insertRankingEntry)
            for k in 0..<t.count {
                for e in t.entries(k) { try insert.execute(arguments: Self.arguments(StoreSQL.entryArguments(key: key, day: t.days[k], e))) }
            }
        }
    }

    public func appendRankingSnapshot(id: String, source: String, day: Day, entries: [RankTable.Entry], stamp: String) async throws
        -> Bool
    {
        try await write { db in
            try Self.execute(db, StoreSQL.insertRankingTableIfMissing, [.text(id), .text(source)])
            guard let key = try Self.rows(db, StoreSQL.rankingTable, [.text(id)]).first?.first?.int else {
                throw StoreError(.writeFailed, "ranking table \(id) was not created")
            }
            let exists = try Self.rows(db, StoreSQL.rankingSnapshotExists, [.int(key), .day(day)]).first?.first?.int ?? 0
            if exists == 0 {
                let insert = try db.makeStatement(sql: StoreSQL.insertRankingEntry)
                for e in entries { try insert.execute(arguments: Self.arguments(StoreSQL.entryArguments(key: key, day: day, e))) }
            }
            try Self.execute(
                db, StoreSQL.upsertSyncState,
                StoreSQL.syncArguments(
                    id: id, provider: .coingecko, providerID: "coins/markets", stamp: stamp, status: exists == 0 ? .updated : .unchanged,
                    rowsAdded: exists == 0 ? entries.count : 0, revisions: 0, error: nil))
            return exists == 0
        }
    }
}

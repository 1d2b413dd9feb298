import GRDB
import GRDBSQLite
import RiskflowCore

extension Store {
    /// The bars of one series as known on `asOf`: only observations whose `available_at`
    /// is on or before `asOf`, the latest revision of each day, restricted to
    /// `from ≤ day ≤ to`.
    ///
    /// - Parameter asOf: `nil` means everything stored.
    /// - Throws: ``StoreError`` for an unknown id.
    public func bars(_ id: String, asOf: Day? = nil, from: Day? = nil, to: Day? = nil) throws -> Bars {
        if let postgres { return try postgres.bars(id, asOf: asOf, from: from, to: to) }
        let meta = try metadata(id)
        return try pool.read { db in
            try Store.readBars(meta: meta, asOf: asOf, from: from, to: to, db: db)
        }
    }

    /// The ``MarketData`` of `symbols` as known on `asOf`, read in one snapshot
    /// transaction so every series reflects the same state of the store.
    ///
    /// - Throws: ``StoreError`` naming the first unknown symbol.
    public func marketData(_ symbols: [String], asOf: Day) throws -> MarketData {
        if let postgres { return try postgres.marketData(symbols, asOf: asOf) }
        let bars = try pool.read { db in
            let all = try Row.fetchAll(db, sql: "SELECT * FROM series").map(Store.metadata(from:))
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            return try symbols.map { s in
                guard let m = byID[s.uppercased()] else { throw StoreError.unknownSeries(s, known: byID.keys.sorted()) }
                return try Store.readBars(meta: m, asOf: asOf, from: nil, to: nil, db: db)
            }
        }
        return MarketData(asOf: asOf, bars: Dictionary(uniqueKeysWithValues: bars.map { ($0.id, $0) }))
    }

    /// The ``MarketData`` a computation asked for (``DataRequest``) as known on `asOf`,
    /// with each series' kind: the requested symbols the store has, and every series of
    /// the requested kinds (and the ranking tables when asked), read in one snapshot
    /// transaction.
    public func marketData(for request: DataRequest, asOf: Day) throws -> MarketData {
        if let postgres { return try postgres.marketData(for: request, asOf: asOf) }
        let (bars, kinds, rankings) = try pool.read { db in
            let all = try Row.fetchAll(db, sql: "SELECT * FROM series ORDER BY id").map(Store.metadata(from:))
            let ids = Set(request.resolve(in: all.map { ($0.id, $0.kind) }))
            let wanted = all.filter { ids.contains($0.id) }
            let bars = try wanted.map { try Store.readBars(meta: $0, asOf: asOf, from: nil, to: nil, db: db) }
            let rankings = request.rankings ? try self.rankings(asOf: asOf, db: db) : [:]
            return (bars, wanted.map { ($0.id, $0.kind) }, rankings)
        }
        return MarketData(
            asOf: asOf, bars: Dictionary(uniqueKeysWithValues: bars.map { ($0.id, $0) }),
            kinds: Dictionary(uniqueKeysWithValues: kinds), rankings: rankings)
    }

    static func readBars(meta: SeriesMetadata, asOf: Day?, from: Day?, to: Day?, db: Database) throws -> Bars {
        guard
            let series = try Row.fetchOne(
                db, sql: "SELECT key, has_revisions FROM series WHERE id = ?", arguments: [meta.id])
        else { throw StoreError(.unknownSeries, "series \(meta.id) is not in the store") }
        let key: Int64 = series["key"]
        let hasRevisions: Bool = series["has_revisions"]
        // With revisions: bare columns with MAX() (SQLite takes them from the row holding
        // the maximum, i.e. the latest revision known on `asOf`). Without: one row per
        // day, a plain range scan of the primary key.
        let statement = try db.makeStatement(
            sql: hasRevisions
                ? """
                SELECT day, open, high, low, close, volume, market_cap, MAX(available_at)
                FROM observation WHERE series_key = ? AND available_at <= ? AND day >= ? AND day <= ?
                GROUP BY day ORDER BY day
                """
                : """
                SELECT day, open, high, low, close, volume, market_cap, available_at
                FROM observation WHERE series_key = ? AND available_at <= ? AND day >= ? AND day <= ?
                ORDER BY day
                """)
        try statement.setArguments([
            key, Int64(asOf?.rawValue ?? Int32.max), Int64(from?.rawValue ?? Int32.min),
            Int64(to?.rawValue ?? Int32.max),
        ])
        let stmt = statement.sqliteStatement
        var days: [Day] = [], open: [Double] = [], high: [Double] = [], low: [Double] = []
        var close: [Double] = [], volume: [Double] = [], marketCap: [Double] = []
        var available: [Day] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw StoreError(
                    .readFailed, "reading \(meta.id) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            days.append(Day(rawValue: Int32(truncatingIfNeeded: sqlite3_column_int64(stmt, 0))))
            open.append(column(stmt, 1))
            high.append(column(stmt, 2))
            low.append(column(stmt, 3))
            close.append(sqlite3_column_double(stmt, 4))
            volume.append(column(stmt, 5))
            marketCap.append(column(stmt, 6))
            available.append(Day(rawValue: Int32(truncatingIfNeeded: sqlite3_column_int64(stmt, 7))))
        }
        sqlite3_reset(stmt)
        var bars = Bars(
            id: meta.id, unit: meta.unit, calendar: meta.calendar, days: days, open: open, high: high, low: low,
            close: close, volume: volume, marketCap: marketCap)
        bars.availableAt = available
        return bars
    }

    @inline(__always)
    private static func column(_ stmt: SQLiteStatement, _ i: Int32) -> Double {
        sqlite3_column_type(stmt, i) == SQLITE_NULL ? .nan : sqlite3_column_double(stmt, i)
    }
}

import GRDB
import GRDBSQLite
import RiskflowCore

extension SQLiteStore {
    public func isEmpty() async throws -> Bool {
        try await read { db in try Int.fetchOne(db, sql: StoreSQL.count) ?? 0 } == 0
    }

    public func list(asOf: Day?) async throws -> [SeriesInfo] {
        try await read { db in try Self.coverage(db, asOf: asOf, id: nil) }
    }

    static func coverage(_ db: Database, asOf: Day?, id: String?) throws -> [SeriesInfo] {
        try rows(db, StoreSQL.coverage, [.day(asOf ?? Day(rawValue: Int32.max)), .int(id == nil ? 1 : 0), .text(id ?? "")])
            .map(StoreRows.info)
    }

    public func info(_ id: String) async throws -> SeriesInfo {
        let found = try await read { db in try Self.coverage(db, asOf: nil, id: id.uppercased()).first }
        guard let found else { throw StoreError.unknownSeries(id, known: try await ids()) }
        return found
    }

    public func metadata(_ id: String) async throws -> SeriesMetadata {
        let found = try await read { db in try Self.metadata(db, id: id.uppercased()).first }
        guard let found else { throw StoreError.unknownSeries(id, known: try await ids()) }
        return found
    }

    public func allMetadata() async throws -> [SeriesMetadata] {
        try await read { db in try Self.metadata(db, id: nil) }
    }

    static func metadata(_ db: Database, id: String?) throws -> [SeriesMetadata] {
        try rows(db, StoreSQL.metadata, [.int(id == nil ? 1 : 0), .text(id ?? "")]).map { try StoreRows.metadata($0) }
    }

    public func latestDay() async throws -> Day? {
        try await read { db in try Int32.fetchOne(db, sql: StoreSQL.latestDay) }.map(Day.init(rawValue:))
    }

    public func ids() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: StoreSQL.ids) }
    }

    public func bars(_ id: String, asOf: Day?, from: Day?, to: Day?) async throws -> Bars {
        let meta = try await metadata(id)
        return try await read { db in try Self.readBars(meta: meta, asOf: asOf, from: from, to: to, db: db) }
    }

    public func marketData(for request: DataRequest, asOf: Day) async throws -> MarketData {
        let (bars, kinds, rankings) = try await read { db in
            let all = try Self.metadata(db, id: nil)
            let ids = Set(request.resolve(in: all.map { ($0.id, $0.kind) }))
            let wanted = all.filter { ids.contains($0.id) }
            let bars = try wanted.map { try Self.readBars(meta: $0, asOf: asOf, from: nil, to: nil, db: db) }
            let rankings = request.rankings ? try Self.rankings(db, asOf: asOf) : [:]
            return (bars, wanted.map { ($0.id, $0.kind) }, rankings)
        }
        return MarketData(
            asOf: asOf, bars: Dictionary(uniqueKeysWithValues: bars.map { ($0.id, $0) }),
            kinds: Dictionary(uniqueKeysWithValues: kinds), rankings: rankings)
    }

    /// The hot path: one series' rows as of a day, stepped with raw SQLite calls into
    /// contiguous columns. With revisions, bare columns with `MAX()` (SQLite takes them
    /// from the row holding the maximum, i.e. the latest revision known on `asOf`);
    /// without, one row per day, a plain range scan of the primary key.
    static func readBars(meta: SeriesMetadata, asOf: Day?, from: Day?, to: Day?, db: Database) throws -> Bars {
        guard let series = try Row.fetchOne(db, sql: StoreSQL.seriesKey, arguments: [meta.id]) else {
            throw StoreError(.unknownSeries, "series \(meta.id) is not in the store")
        }
        let key: Int64 = series[0]
        let hasRevisions: Bool = series[1]
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
            key, Int64(asOf?.rawValue ?? Int32.max), Int64(from?.rawValue ?? Int32.min), Int64(to?.rawValue ?? Int32.max),
        ])
        let stmt = statement.sqliteStatement
        var days: [Day] = [], open: [Double] = [], high: [Double] = [], low: [Double] = []
        var close: [Double] = [], volume: [Double] = [], marketCap: [Double] = []
        var available: [Day] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw StoreError(.readFailed, "reading \(meta.id) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
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
            id: meta.id, unit: meta.unit, calendar: meta.calendar, days: days, open: open, high: high, low: low, close: close,
            volume: volume, marketCap: marketCap)
        bars.availableAt = available
        return bars
    }

    @inline(__always)
    private static func column(_ stmt: SQLiteStatement, _ i: Int32) -> Double {
        sqlite3_column_type(stmt, i) == SQLITE_NULL ? .nan : sqlite3_column_double(stmt, i)
    }

    // MARK: - Rankings

    public func rankingList(asOf: Day?) async throws -> [RankingInfo] {
        try await read { db in try Self.rows(db, StoreSQL.rankingList, [.day(asOf ?? Day(rawValue: Int32.max))]).map(StoreRows.rankingInfo) }
    }

    public func hasRanking(_ id: String) async throws -> Bool {
        try await read { db in try !Self.rows(db, StoreSQL.rankingTable, [.text(id.uppercased())]).isEmpty }
    }

    public func ranking(_ id: String, asOf: Day?, from: Day?, to: Day?) async throws -> RankTable {
        try await read { db in
            guard let row = try Self.rows(db, StoreSQL.rankingTable, [.text(id.uppercased())]).first else {
                throw StoreError.unknownSeries(id, known: try String.fetchAll(db, sql: StoreSQL.allIDs))
            }
            return try Self.readRanking(db, row, asOf: asOf, from: from, to: to)
        }
    }

    /// Every ranking table as known on `asOf`.
    static func rankings(_ db: Database, asOf: Day) throws -> [String: RankTable] {
        var out: [String: RankTable] = [:]
        for row in try rows(db, StoreSQL.rankingTables) {
            let table = try readRanking(db, row, asOf: asOf, from: nil, to: nil)
            out[table.id] = table
        }
        return out
    }

    /// The entries of the ranking table of a (key, id, source) row.
    static func readRanking(_ db: Database, _ table: [StoreValue], asOf: Day?, from: Day?, to: Day?) throws -> RankTable {
        let key = try StoreRows.int(table, 0, "ranking_table")
        let entries = try rows(
            db, StoreSQL.rankingEntries,
            [
                .int(key), .day(asOf ?? Day(rawValue: Int32.max)), .day(from ?? Day(rawValue: Int32.min)),
                .day(to ?? Day(rawValue: Int32.max)),
            ])
        return try StoreRows.rankTable(id: try StoreRows.text(table, 1, "ranking_table"), source: try StoreRows.text(table, 2, "ranking_table"), entries)
    }
}

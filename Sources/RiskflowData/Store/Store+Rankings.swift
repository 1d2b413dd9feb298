import GRDB
import RiskflowCore

/// A stored ranking table's coverage (for `data list`).
public struct RankingInfo: Sendable, Equatable {
    public var id: String
    public var source: String
    public var first: Day?
    public var last: Day?
    /// Snapshot days, and entries over all days.
    public var days: Int
    public var rows: Int
}

extension Store {
    /// Replaces a ranking table (every snapshot) in one transaction; a snapshot is known
    /// on its own day.
    public func replaceRanking(_ table: RankTable) throws {
        if let postgres { return try postgres.replaceRanking(table) }
        return try pool.write { db in try Store.writeRanking(table, db: db) }
    }

    static func writeRanking(_ t: RankTable, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO ranking_table (id, source) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET source = excluded.source",
            arguments: [t.id, t.source])
        guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM ranking_table WHERE id = ?", arguments: [t.id]) else {
            throw StoreError(.writeFailed, "ranking table \(t.id) vanished during its own write")
        }
        try db.execute(sql: "DELETE FROM ranking_entry WHERE table_key = ?", arguments: [key])
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO ranking_entry (table_key, day, available_at, rank, symbol, name, price, market_cap, volume)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        func value(_ x: Double) -> (any DatabaseValueConvertible)? { x.isNaN ? nil : x }
        for k in 0..<t.count {
            for i in t.range(k) {
                try insert.execute(arguments: [
                    key, Int64(t.days[k].rawValue), Int64(t.days[k].rawValue), t.rank[i], t.symbol[i], t.name[i],
                    value(t.price[i]), value(t.marketCap[i]), value(t.volume[i]),
                ])
            }
        }
    }

    /// Every ranking table with its coverage, by id.
    /// With `asOf`, only snapshots published by that day count.
    public func rankingList(asOf: Day? = nil) throws -> [RankingInfo] {
        if let postgres { return try postgres.rankingList(asOf: asOf) }
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.source, MIN(e.day) AS first, MAX(e.day) AS last,
                           COUNT(DISTINCT e.day) AS days, COUNT(e.day) AS rows
                    FROM ranking_table t LEFT JOIN ranking_entry e ON e.table_key = t.key AND e.available_at <= ?
                    GROUP BY t.key ORDER BY t.id
                    """, arguments: [asOf?.rawValue ?? Int32.max]
            ).map { row in
                let first: Int32? = row["first"], last: Int32? = row["last"]
                return RankingInfo(
                    id: row["id"], source: row["source"], first: first.map(Day.init(rawValue:)),
                    last: last.map(Day.init(rawValue:)), days: row["days"], rows: row["rows"])
            }
        }
    }

    /// `true` when the store has the ranking table `id`.
    public func hasRanking(_ id: String) throws -> Bool {
        if let postgres { return try postgres.hasRanking(id) }
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ranking_table WHERE id = ?", arguments: [id.uppercased()]) ?? 0
        } > 0
    }

    /// One ranking table as known on `asOf` (snapshots with `available_at ≤ asOf`), cut
    /// to `from…to`.
    public func ranking(_ id: String, asOf: Day? = nil, from: Day? = nil, to: Day? = nil) throws -> RankTable {
        if let postgres { return try postgres.ranking(id, asOf: asOf, from: from, to: to) }
        return try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT key, source FROM ranking_table WHERE id = ?", arguments: [id.uppercased()])
            else {
                let known = try String.fetchAll(db, sql: "SELECT id FROM series UNION SELECT id FROM ranking_table ORDER BY 1")
                throw StoreError.unknownSeries(id, known: known)
            }
            return try Store.readRanking(key: row["key"], id: id.uppercased(), source: row["source"], asOf: asOf, from: from, to: to, db: db)
        }
    }

    /// Every ranking table as known on `asOf`.
    func rankings(asOf: Day, db: Database) throws -> [String: RankTable] {
        var out: [String: RankTable] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, id, source FROM ranking_table ORDER BY id") {
            let id: String = row["id"]
            out[id] = try Store.readRanking(key: row["key"], id: id, source: row["source"], asOf: asOf, from: nil, to: nil, db: db)
        }
        return out
    }

    static func readRanking(key: Int64, id: String, source: String, asOf: Day?, from: Day?, to: Day?, db: Database) throws
        -> RankTable
    {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT day, rank, symbol, name, price, market_cap, volume FROM ranking_entry
                WHERE table_key = ? AND available_at <= ? AND day >= ? AND day <= ? ORDER BY day, rank
                """,
            arguments: [
                key, Int64(asOf?.rawValue ?? Int32.max), Int64(from?.rawValue ?? Int32.min), Int64(to?.rawValue ?? Int32.max),
            ])
        var table = RankTable(id: id, source: source)
        var day: Day? = nil
        var entries: [RankTable.Entry] = []
        while let row = try rows.next() {
            let d = Day(rawValue: row["day"])
            if d != day {
                if let day { table.append(day: day, entries: entries) }
                day = d
                entries.removeAll(keepingCapacity: true)
            }
            let price: Double? = row["price"], cap: Double? = row["market_cap"], volume: Double? = row["volume"]
            entries.append(
                RankTable.Entry(
                    rank: row["rank"], symbol: row["symbol"], name: row["name"], price: price ?? .nan, marketCap: cap ?? .nan,
                    volume: volume ?? .nan))
        }
        if let day { table.append(day: day, entries: entries) }
        return table
    }
}

import PostgresNIO
import RiskflowCore

extension PostgresStore {
    func rankingList(asOf: Day?) throws -> [RankingInfo] {
        try session.withConnection { c in
            try session.query(
                c,
                """
                SELECT t.id, t.source, MIN(e.day), MAX(e.day), COUNT(DISTINCT e.day), COUNT(e.day)
                FROM ranking_table t LEFT JOIN ranking_entry e ON e.table_key = t.key AND e.available_at <= \(Int(asOf?.rawValue ?? Int32.max))
                GROUP BY t.key ORDER BY t.id
                """
            ).map { row in
                let r = try row.decode((String, String, Int?, Int?, Int, Int).self)
                return RankingInfo(id: r.0, source: r.1, first: r.2.map(Self.day), last: r.3.map(Self.day), days: r.4, rows: r.5)
            }
        }
    }

    func hasRanking(_ id: String) throws -> Bool {
        try session.withConnection { c in try count(c, "SELECT count(*) FROM ranking_table WHERE id = \(id.uppercased())") } > 0
    }

    func ranking(_ id: String, asOf: Day?, from: Day?, to: Day?) throws -> RankTable {
        try session.snapshot { c in
            guard let row = try session.query(c, "SELECT source FROM ranking_table WHERE id = \(id.uppercased())").first else {
                let known = try session.query(c, "SELECT id FROM series UNION SELECT id FROM ranking_table ORDER BY 1").map { try $0.decode(String.self) }
                throw StoreError.unknownSeries(id, known: known)
            }
            return try readRanking(c, id: id.uppercased(), source: try row.decode(String.self), asOf: asOf, from: from, to: to)
        }
    }

    /// Every ranking table as known on `asOf`.
    func rankings(_ c: PostgresConnection, asOf: Day) throws -> [String: RankTable] {
        var out: [String: RankTable] = [:]
        for row in try session.query(c, "SELECT id, source FROM ranking_table ORDER BY id") {
            let (id, source) = try row.decode((String, String).self)
            out[id] = try readRanking(c, id: id, source: source, asOf: asOf, from: nil, to: nil)
        }
        return out
    }

    func readRanking(_ c: PostgresConnection, id: String, source: String, asOf: Day?, from: Day?, to: Day?) throws -> RankTable {
        let (at, lo, hi) = (Int(asOf?.rawValue ?? Int32.max), Int(from?.rawValue ?? Int32.min), Int(to?.rawValue ?? Int32.max))
        let rows = try session.query(
            c,
            """
            SELECT e.day, e.rank, e.symbol, e.name, e.price, e.market_cap, e.volume
            FROM ranking_entry e JOIN ranking_table t ON t.key = e.table_key
            WHERE t.id = \(id) AND e.available_at <= \(at) AND e.day >= \(lo) AND e.day <= \(hi) ORDER BY e.day, e.rank
            """)
        var table = RankTable(id: id, source: source)
        var day: Day? = nil
        var entries: [RankTable.Entry] = []
        for row in rows {
            let r = try row.decode((Int, Int, String, String, Double?, Double?, Double?).self)
            let d = Self.day(r.0)
            if d != day {
                if let day { table.append(day: day, entries: entries) }
                day = d
                entries.removeAll(keepingCapacity: true)
            }
            entries.append(RankTable.Entry(rank: r.1, symbol: r.2, name: r.3, price: r.4 ?? .nan, marketCap: r.5 ?? .nan, volume: r.6 ?? .nan))
        }
        if let day { table.append(day: day, entries: entries) }
        return table
    }

    func appendRankingSnapshot(id: String, source: String, day: Day, entries: [RankTable.Entry], stamp: String) throws -> Bool {
        try session.transaction { c in
            let key = try rankingKey(c, id: id, source: source, update: false)
            let exists = try count(c, "SELECT count(*) FROM ranking_entry WHERE table_key = \(key) AND day = \(Int(day.rawValue))") > 0
            if !exists {
                try insertRankingEntries(
                    c, key: key, days: entries.map { _ in Int(day.rawValue) }, ranks: entries.map(\.rank), symbols: entries.map(\.symbol),
                    names: entries.map(\.name), price: entries.map(\.price), cap: entries.map(\.marketCap), volume: entries.map(\.volume))
            }
            try recordSync(
                c, id: id, provider: .coingecko, providerID: "coins/markets", stamp: stamp, status: exists ? "unchanged" : "updated",
                rowsAdded: exists ? 0 : entries.count, revisions: 0, error: nil)
            return !exists
        }
    }
}

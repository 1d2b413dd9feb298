import PostgresNIO
import RiskflowCore

extension PostgresStore {
    public func isEmpty() async throws -> Bool {
        try await client.withConnection { c in try await rows(c, StoreSQL.count).first?.first?.int ?? 0 } == 0
    }

    public func list(asOf: Day?) async throws -> [SeriesInfo] {
        try await client.withConnection { c in try await coverage(c, asOf: asOf, id: nil) }
    }

    func coverage(_ c: PostgresConnection, asOf: Day?, id: String?) async throws -> [SeriesInfo] {
        try await rows(c, StoreSQL.coverage, [.day(asOf ?? Day(rawValue: Int32.max)), .int(id == nil ? 1 : 0), .text(id ?? "")])
            .map(StoreRows.info)
    }

    public func info(_ id: String) async throws -> SeriesInfo {
        let found = try await client.withConnection { c in try await coverage(c, asOf: nil, id: id.uppercased()).first }
        guard let found else { throw StoreError.unknownSeries(id, known: try await ids()) }
        return found
    }

    public func metadata(_ id: String) async throws -> SeriesMetadata {
        let found = try await client.withConnection { c in try await metadata(c, id: id.uppercased()).first }
        guard let found else { throw StoreError.unknownSeries(id, known: try await ids()) }
        return found
    }

    public func allMetadata() async throws -> [SeriesMetadata] {
        try await client.withConnection { c in try await metadata(c, id: nil) }
    }

    func metadata(_ c: PostgresConnection, id: String?) async throws -> [SeriesMetadata] {
        try await rows(c, StoreSQL.metadata, [.int(id == nil ? 1 : 0), .text(id ?? "")]).map { try StoreRows.metadata($0) }
    }

    public func latestDay() async throws -> Day? {
        try await client.withConnection { c in try await rows(c, StoreSQL.latestDay).first?.first?.day }
    }

    public func ids() async throws -> [String] {
        try await client.withConnection { c in try await rows(c, StoreSQL.ids).compactMap { $0.first?.text } }
    }

    public func bars(_ id: String, asOf: Day?, from: Day?, to: Day?) async throws -> Bars {
        let meta = try await metadata(id)
        return try await client.withConnection { c in try await readBars(c, meta: meta, asOf: asOf, from: from, to: to) }
    }

    public func marketData(for request: DataRequest, asOf: Day) async throws -> MarketData {
        let (bars, kinds, rankings) = try await snapshot { c in
            let all = try await metadata(c, id: nil)
            let ids = Set(request.resolve(in: all.map { ($0.id, $0.kind) }))
            let wanted = all.filter { ids.contains($0.id) }
            var bars: [Bars] = []
            for m in wanted { bars.append(try await readBars(c, meta: m, asOf: asOf, from: nil, to: nil)) }
            let rankings = request.rankings ? try await self.rankings(c, asOf: asOf) : [:]
            return (bars, wanted.map { SeriesKindPair(id: $0.id, kind: $0.kind) }, rankings)
        }
        return MarketData(
            asOf: asOf, bars: Dictionary(uniqueKeysWithValues: bars.map { ($0.id, $0) }),
            kinds: Dictionary(uniqueKeysWithValues: kinds.map { ($0.id, $0.kind) }), rankings: rankings)
    }

    struct SeriesKindPair: Sendable {
        var id: String
        var kind: SeriesKind
    }

    /// The hot path: the latest revision of each day known on `asOf` (`DISTINCT ON (day)`
    /// over `available_at DESC`), in day order, as one row of eight binary arrays
    /// (NULL → NaN) decoded column by column.
    func readBars(_ c: PostgresConnection, meta: SeriesMetadata, asOf: Day?, from: Day?, to: Day?) async throws -> Bars {
        let (at, lo, hi) = (Int(asOf?.rawValue ?? Int32.max), Int(from?.rawValue ?? Int32.min), Int(to?.rawValue ?? Int32.max))
        let n = Self.nanToNull
        let found = try await query(
            c,
            """
            SELECT array_agg(day ORDER BY day), array_agg(COALESCE(open, \(unescaped: n)) ORDER BY day),
                   array_agg(COALESCE(high, \(unescaped: n)) ORDER BY day), array_agg(COALESCE(low, \(unescaped: n)) ORDER BY day),
                   array_agg(close ORDER BY day), array_agg(COALESCE(volume, \(unescaped: n)) ORDER BY day),
                   array_agg(COALESCE(market_cap, \(unescaped: n)) ORDER BY day), array_agg(available_at ORDER BY day)
            FROM (SELECT DISTINCT ON (o.day) o.day, o.open, o.high, o.low, o.close, o.volume, o.market_cap, o.available_at
                  FROM observation o JOIN series s ON s.key = o.series_key
                  WHERE s.id = \(meta.id) AND o.available_at <= \(at) AND o.day >= \(lo) AND o.day <= \(hi)
                  ORDER BY o.day, o.available_at DESC) latest
            """)
        guard let row = found.first else { throw StoreError(.readFailed, "reading \(meta.id) from \(url) returned nothing") }
        let r = try row.decode((Int8Column?, Float8Column?, Float8Column?, Float8Column?, Float8Column?, Float8Column?, Float8Column?, Int8Column?).self)
        func column(_ c: Float8Column?) -> [Double] { c?.values ?? [] }
        var bars = Bars(
            id: meta.id, unit: meta.unit, calendar: meta.calendar, days: (r.0?.values ?? []).map(Self.day), open: column(r.1),
            high: column(r.2), low: column(r.3), close: column(r.4), volume: column(r.5), marketCap: column(r.6))
        bars.availableAt = (r.7?.values ?? []).map(Self.day)
        return bars
    }

    // MARK: - Rankings

    public func rankingList(asOf: Day?) async throws -> [RankingInfo] {
        try await client.withConnection { c in
            try await rows(c, StoreSQL.rankingList, [.day(asOf ?? Day(rawValue: Int32.max))]).map(StoreRows.rankingInfo)
        }
    }

    public func hasRanking(_ id: String) async throws -> Bool {
        try await client.withConnection { c in try await !rows(c, StoreSQL.rankingTable, [.text(id.uppercased())]).isEmpty }
    }

    public func ranking(_ id: String, asOf: Day?, from: Day?, to: Day?) async throws -> RankTable {
        try await snapshot { c in
            guard let row = try await rows(c, StoreSQL.rankingTable, [.text(id.uppercased())]).first else {
                throw StoreError.unknownSeries(id, known: try await rows(c, StoreSQL.allIDs).compactMap { $0.first?.text })
            }
            return try await readRanking(c, row, asOf: asOf, from: from, to: to)
        }
    }

    func rankings(_ c: PostgresConnection, asOf: Day) async throws -> [String: RankTable] {
        var out: [String: RankTable] = [:]
        for row in try await rows(c, StoreSQL.rankingTables) {
            let table = try await readRanking(c, row, asOf: asOf, from: nil, to: nil)
            out[table.id] = table
        }
        return out
    }

    func readRanking(_ c: PostgresConnection, _ table: [StoreValue], asOf: Day?, from: Day?, to: Day?) async throws -> RankTable {
        let key = try StoreRows.int(table, 0, "ranking_table")
        let entries = try await rows(
            c, StoreSQL.rankingEntries,
            [.int(key), .day(asOf ?? Day(rawValue: Int32.max)), .day(from ?? Day(rawValue: Int32.min)), .day(to ?? Day(rawValue: Int32.max))])
        return try StoreRows.rankTable(
            id: try StoreRows.text(table, 1, "ranking_table"), source: try StoreRows.text(table, 2, "ranking_table"), entries)
    }
}

import Foundation
import PostgresNIO
import RiskflowCore

extension PostgresStore {
    /// Replaces several series in one transaction; rows go in one `INSERT … SELECT FROM
    /// unnest(…)` per series (columns as arrays, NaN → NULL).
    func replace(_ items: [(Bars, SeriesMetadata, ImportOrigin)]) throws {
        let stamp = ISO8601DateFormatter().string(from: Date())
        try session.transaction { c in
            for (bars, metadata, origin) in items {
                try write(c, bars, metadata: metadata, origin: origin, stamp: stamp)
            }
        }
    }

    func write(_ c: PostgresConnection, _ bars: Bars, metadata m: SeriesMetadata, origin: ImportOrigin, stamp: String) throws {
        let id = m.id.uppercased()
        guard
            let key = try session.query(
                c,
                """
                INSERT INTO series (id, kind, unit, calendar, source, licence, name, publication)
                VALUES (\(id), \(m.kind.rawValue), \(m.unit.rawValue), \(m.calendar.rawValue), \(m.source), \(m.licence), \(m.name), \(m.publication.rawValue))
                ON CONFLICT (id) DO UPDATE SET has_revisions = 0, kind = excluded.kind, unit = excluded.unit,
                    calendar = excluded.calendar, source = excluded.source, licence = excluded.licence,
                    name = excluded.name, publication = excluded.publication
                RETURNING key
                """
            ).first.map({ try $0.decode(Int.self) })
        else { throw StoreError(.writeFailed, "series \(id) vanished during its own write") }
        try session.query(c, "DELETE FROM observation WHERE series_key = \(key)")
        let rule = m.publication
        let days = bars.days.map { Int($0.rawValue) }
        let available = bars.days.map { Int(rule.availableAt($0).rawValue) }
        try insertObservations(
            c, key: key, days: days, availableAt: available, vintages: nil,
            columns: [bars.open, bars.high, bars.low, bars.close, bars.volume, bars.marketCap], conflict: false, id: id)
        try session.query(
            c,
            """
            INSERT INTO import_log (series_id, origin, format, rows, skipped, duplicates, imported_at)
            VALUES (\(id), \(origin.origin), \(origin.format), \(bars.count), \(origin.skipped), \(origin.duplicates), \(stamp))
            """)
    }

    /// One statement for all rows: `columns` are open, high, low, close, volume and market
    /// cap (NaN = missing). `conflict` replaces a row with the same key (a re-fetched vintage).
    func insertObservations(
        _ c: PostgresConnection, key: Int, days: [Int], availableAt: [Int], vintages: [Int?]?, columns: [[Double]], conflict: Bool,
        id: String
    ) throws {
        guard !days.isEmpty else { return }
        var binds = PostgresBindings(capacity: 10)
        binds.append(key)
        binds.append(Int8Column(days))
        binds.append(Int8Column(availableAt))
        for column in columns { binds.append(Float8Column(column)) }
        // Vintages with -1 for "none".
        binds.append(Int8Column((vintages ?? []).map { $0 ?? -1 }))
        let n = Self.nanToNull
        let sql = """
            INSERT INTO observation (series_key, day, available_at, open, high, low, close, volume, market_cap, vintage)
            SELECT $1, t.d, t.a, NULLIF(t.o, \(n)), NULLIF(t.h, \(n)), NULLIF(t.l, \(n)), NULLIF(t.c, \(n)), NULLIF(t.v, \(n)),
                   NULLIF(t.m, \(n)), NULLIF(g.g, -1)
            FROM unnest($2::bigint[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
                 WITH ORDINALITY AS t(d, a, o, h, l, c, v, m, i)
            LEFT JOIN unnest($10::bigint[]) WITH ORDINALITY AS g(g, i) ON g.i = t.i
            """
            + (conflict
                ? """

                ON CONFLICT (series_key, day, available_at) DO UPDATE SET open = excluded.open, high = excluded.high,
                    low = excluded.low, close = excluded.close, volume = excluded.volume, market_cap = excluded.market_cap,
                    vintage = excluded.vintage
                """ : "")
        do {
            try session.query(c, PostgresQuery(unsafeSQL: sql, binds: binds))
        } catch let e as StoreError {
            throw StoreError(
                .writeFailed, "writing \(id) (rows from \(Self.day(days[0]).iso)): \(e.message)", underlying: e.underlying)
        }
    }

    /// Replaces a ranking table in one transaction.
    func replaceRanking(_ t: RankTable) throws {
        try session.transaction { c in
            let key = try rankingKey(c, id: t.id, source: t.source, update: true)
            try session.query(c, "DELETE FROM ranking_entry WHERE table_key = \(key)")
            var days: [Int] = [], ranks: [Int] = [], symbols: [String] = [], names: [String] = []
            var price: [Double] = [], cap: [Double] = [], volume: [Double] = []
            for k in 0..<t.count {
                for i in t.range(k) {
                    days.append(Int(t.days[k].rawValue))
                    ranks.append(t.rank[i])
                    symbols.append(t.symbol[i])
                    names.append(t.name[i])
                    price.append(t.price[i])
                    cap.append(t.marketCap[i])
                    volume.append(t.volume[i])
                }
            }
            try insertRankingEntries(c, key: key, days: days, ranks: ranks, symbols: symbols, names: names, price: price, cap: cap, volume: volume)
        }
    }

    /// The key of ranking table `id`, created when missing (`update`: its source replaced).
    func rankingKey(_ c: PostgresConnection, id: String, source: String, update: Bool) throws -> Int {
        let onConflict = update ? "DO UPDATE SET source = excluded.source" : "DO NOTHING"
        try session.query(c, "INSERT INTO ranking_table (id, source) VALUES (\(id), \(source)) ON CONFLICT (id) \(unescaped: onConflict)")
        guard let key = try session.query(c, "SELECT key FROM ranking_table WHERE id = \(id) FOR UPDATE").first.map({ try $0.decode(Int.self) })
        else { throw StoreError(.writeFailed, "ranking table \(id) vanished during its own write") }
        return key
    }

    /// Entries known on their own day (`available_at = day`).
    func insertRankingEntries(
        _ c: PostgresConnection, key: Int, days: [Int], ranks: [Int], symbols: [String], names: [String], price: [Double], cap: [Double],
        volume: [Double]
    ) throws {
        guard !days.isEmpty else { return }
        let n = Self.nanToNull
        try session.query(
            c,
            """
            INSERT INTO ranking_entry (table_key, day, available_at, rank, symbol, name, price, market_cap, volume)
            SELECT \(key), t.d, t.d, t.r, t.s, t.n, NULLIF(t.p, \(unescaped: n)), NULLIF(t.c, \(unescaped: n)), NULLIF(t.v, \(unescaped: n))
            FROM unnest(\(days)::bigint[], \(ranks)::bigint[], \(symbols)::text[], \(names)::text[], \(price)::float8[], \(cap)::float8[], \(volume)::float8[])
                 AS t(d, r, s, n, p, c, v)
            """)
    }
}

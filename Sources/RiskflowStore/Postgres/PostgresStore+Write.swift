import Foundation
import PostgresNIO
import RiskflowCore
import RiskflowFormats

extension PostgresStore {
    /// Replaces several series in one transaction; each series' rows go in one
    /// `INSERT … SELECT FROM unnest(…)` (columns as binary arrays, NaN → NULL).
    public func replace(_ items: [(Bars, SeriesMetadata, ImportOrigin)]) async throws {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let items = items.map { ReplaceItem(bars: $0.0, metadata: $0.1, origin: $0.2) }
        try await transaction { c in
            for item in items {
                let (bars, m, origin) = (item.bars, item.metadata, item.origin)
                let id = m.id.uppercased()
                guard let key = try await rows(c, StoreSQL.upsertSeries, StoreSQL.metadataArguments(m)).first?.first?.int else {
                    throw StoreError(.writeFailed, "series \(id) vanished during its own write")
                }
                try await execute(c, StoreSQL.deleteObservations, [.int(key)])
                let rule = m.publication
                try await insertObservations(
                    c, key: key, days: bars.days.map { Int($0.rawValue) }, availableAt: bars.days.map { Int(rule.availableAt($0).rawValue) },
                    vintages: nil, columns: [bars.open, bars.high, bars.low, bars.close, bars.volume, bars.marketCap], conflict: false, id: id)
                try await execute(
                    c, StoreSQL.insertImportLog,
                    [
                        .text(id), .text(origin.origin), .text(origin.format), .int(bars.count), .int(origin.skipped), .int(origin.duplicates),
                        .text(stamp),
                    ])
            }
        }
    }

    /// One statement for all rows: `columns` are open, high, low, close, volume and market
    /// cap (NaN = missing). `conflict` replaces a row with the same key (a re-fetched vintage).
    func insertObservations(
        _ c: PostgresConnection, key: Int, days: [Int], availableAt: [Int], vintages: [Int?]?, columns: [[Double]], conflict: Bool,
        id: String
    ) async throws {
        guard !days.isEmpty else { return }
        var binds = PostgresBindings(capacity: 10)
        binds.append(key)
        binds.append(Int8Column(days))
        binds.append(Int8Column(availableAt))
        for column in columns { binds.append(Float8Column(column)) }
        binds.append(Int8Column((vintages ?? []).map { $0 ?? -1 }))  // -1: none
        let n = Self.nanToNull
        let sql = """
            INSERT INTO observation (series_key, day, available_at, open, high, low, close, volume, market_cap, vintage)
            SELECT $1, t.d, t.a, NULLIF(t.o, \(n)), NULLIF(t.h, \(n)), NULLIF(t.l, \(n)), NULLIF(t.c, \(n)), NULLIF(t.v, \(n)),
                   NULLIF(t.m, \(n)), NULLIF(g.g, -1)
            FROM unnest($2::bigint[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
                 WITH ORDINALITY AS t(d, a, o, h, l, c, v, m, i)
            LEFT JOIN unnest($10::bigint[]) WITH ORDINALITY AS g(g, i) ON g.i = t.i
            """ + (conflict ? "\n" + Self.onConflictReplace : "")
        do {
            _ = try await query(c, PostgresQuery(unsafeSQL: sql, binds: binds))
        } catch let e as StoreError {
            throw StoreError(.writeFailed, "writing \(id) (rows from \(Self.day(days[0]).iso)): \(e.message)", underlying: e.underlying)
        }
    }

    static let onConflictReplace = """
        ON CONFLICT (series_key, day, available_at) DO UPDATE SET open = excluded.open, high = excluded.high,
            low = excluded.low, close = excluded.close, volume = excluded.volume, market_cap = excluded.market_cap,
            vintage = excluded.vintage
        """

    /// A merge (``MergePlan``) in one transaction with the series row locked, so a
    /// concurrent sync of the same series waits for this one.
    public func merge(_ f: FetchedSeries, metadata m: SeriesMetadata, today: Day, provider: ProviderName, providerID: String, stamp: String)
        async throws -> MergeOutcome
    {
        try await transaction { c in
            let id = m.id.uppercased()
            try await execute(c, StoreSQL.insertSeriesIfMissing, StoreSQL.metadataArguments(m))
            guard let key = try await rows(c, StoreSQL.seriesKey + " FOR UPDATE", [.text(id)]).first?.first?.int,
                let first = f.days.first, let last = f.days.last
            else { return MergeOutcome() }
            let stored = try MergePlan.stored(await rows(c, StoreSQL.storedCloses, [.int(key), .day(first), .day(last)]))
            let plan = MergePlan(f, stored: stored, publication: m.publication, today: today)
            let rows = plan.distinctRows
            let pick = { (column: [Double]) in rows.map { column[$0.index] } }
            try await insertObservations(
                c, key: key, days: rows.map { Int($0.day.rawValue) }, availableAt: rows.map { Int($0.at.rawValue) },
                vintages: f.availableAt.map { v in rows.map { Int(v[$0.index].rawValue) } },
                columns: [pick(f.open), pick(f.high), pick(f.low), pick(f.close), pick(f.volume), pick(f.marketCap)], conflict: true, id: id)
            for s in plan.bookkeeping(key: key, id: id, provider: provider, providerID: providerID, stamp: stamp) {
                try await execute(c, s.sql, s.arguments)
            }
            return plan.outcome
        }
    }

    public func recordSyncFailure(id: String, provider: ProviderName, providerID: String, stamp: String, error: String) async throws {
        try await transaction { c in
            try await execute(
                c, StoreSQL.upsertSyncState,
                StoreSQL.syncArguments(
                    id: id.uppercased(), provider: provider, providerID: providerID, stamp: stamp, status: .failed, rowsAdded: 0,
                    revisions: 0, error: error))
        }
    }

    public func syncStates() async throws -> [String: SyncState] {
        let states = try await client.withConnection { c in try await rows(c, StoreSQL.syncStates).map(StoreRows.syncState) }
        return Dictionary(states.map { ($0.seriesID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Rankings

    public func replaceRanking(_ t: RankTable) async throws {
        try await transaction { c in
            guard let key = try await rows(c, StoreSQL.upsertRankingTable, [.text(t.id), .text(t.source)]).first?.first?.int else {
                throw StoreError(.writeFailed, "ranking table \(t.id) vanished during its own write")
            }
            try await execute(c, StoreSQL.deleteRankingEntries, [.int(key)])
            var days: [Int] = [], entries: [RankTable.Entry] = []
            for k in 0..<t.count {
                for e in t.entries(k) {
                    days.append(Int(t.days[k].rawValue))
                    entries.append(e)
                }
            }
            try await insertRankingEntries(c, key: key, days: days, entries)
        }
    }

    /// Entries known on their own day (`available_at = day`), in one statement.
    func insertRankingEntries(_ c: PostgresConnection, key: Int, days: [Int], _ entries: [RankTable.Entry]) async throws {
        guard !days.isEmpty else { return }
        let n = Self.nanToNull
        _ = try await query(
            c,
            """
            INSERT INTO ranking_entry (table_key, day, available_at, rank, symbol, name, price, market_cap, volume)
            SELECT \(key), t.d, t.d, t.r, t.s, t.n, NULLIF(t.p, \(unescaped: n)), NULLIF(t.c, \(unescaped: n)), NULLIF(t.v, \(unescaped: n))
            FROM unnest(\(days)::bigint[], \(entries.map(\.rank))::bigint[], \(entries.map(\.symbol))::text[], \(entries.map(\.name))::text[],
                        \(entries.map(\.price))::float8[], \(entries.map(\.marketCap))::float8[], \(entries.map(\.volume))::float8[])
                 AS t(d, r, s, n, p, c, v)
            """)
    }

    public func appendRankingSnapshot(id: String, source: String, day: Day, entries: [RankTable.Entry], stamp: String) async throws
        -> Bool
    {
        try await transaction { c in
            try await execute(c, StoreSQL.insertRankingTableIfMissing, [.text(id), .text(source)])
            guard let key = try await rows(c, StoreSQL.rankingTable + " FOR UPDATE", [.text(id)]).first?.first?.int else {
                throw StoreError(.writeFailed, "ranking table \(id) was not created")
            }
            let exists = try await rows(c, StoreSQL.rankingSnapshotExists, [.int(key), .day(day)]).first?.first?.int ?? 0
            if exists == 0 {
                try await insertRankingEntries(c, key: key, days: Array(repeating: Int(day.rawValue), count: entries.count), entries)
            }
            try await execute(
                c, StoreSQL.upsertSyncState,
                StoreSQL.syncArguments(
                    id: id, provider: .coingecko, providerID: "coins/markets", stamp: stamp, status: exists == 0 ? .updated : .unchanged,
                    rowsAdded: exists == 0 ? entries.count : 0, revisions: 0, error: nil))
            return exists == 0
        }
    }
}

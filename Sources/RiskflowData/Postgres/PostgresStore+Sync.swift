import PostgresNIO
import RiskflowCore
import RiskflowFormats

extension PostgresStore {
    /// ``Store/merge(_:metadata:today:provider:providerID:stamp:)`` on PostgreSQL: the same
    /// ``Store/planMerge(_:stored:publication:today:)``, applied in one transaction with the
    /// series row locked, so a concurrent sync of the same series waits for this one.
    func merge(_ f: FetchedSeries, metadata m: SeriesMetadata, today: Day, provider: ProviderName, providerID: String, stamp: String)
        throws -> MergeOutcome
    {
        try session.transaction { c in
            let id = m.id.uppercased()
            try session.query(
                c,
                """
                INSERT INTO series (id, kind, unit, calendar, source, licence, name, publication)
                VALUES (\(id), \(m.kind.rawValue), \(m.unit.rawValue), \(m.calendar.rawValue), \(m.source), \(m.licence), \(m.name), \(m.publication.rawValue))
                ON CONFLICT (id) DO NOTHING
                """)
            guard let key = try session.query(c, "SELECT key FROM series WHERE id = \(id) FOR UPDATE").first.map({ try $0.decode(Int.self) }),
                let first = f.days.first, let last = f.days.last
            else { return MergeOutcome() }
            var stored: [Day: [(at: Day, close: Double)]] = [:]
            for row in try session.query(
                c,
                """
                SELECT day, available_at, close FROM observation
                WHERE series_key = \(key) AND day BETWEEN \(Int(first.rawValue)) AND \(Int(last.rawValue)) ORDER BY day, available_at
                """)
            {
                let (d, at, close) = try row.decode((Int, Int, Double).self)
                stored[Self.day(d), default: []].append((Self.day(at), close))
            }
            let plan = Store.planMerge(f, stored: stored, publication: m.publication, today: today)
            // A later row with the same (day, available_at) replaces an earlier one, as
            // SQLite's INSERT OR REPLACE does; one statement cannot touch a row twice.
            func rowKey(_ r: (index: Int, day: Day, at: Day)) -> Int64 { Int64(r.day.rawValue) << 32 | Int64(UInt32(bitPattern: r.at.rawValue)) }
            var latest: [Int64: Int] = [:]
            for (k, r) in plan.rows.enumerated() { latest[rowKey(r)] = k }
            let rows = plan.rows.enumerated().filter { latest[rowKey($0.element)] == $0.offset }.map(\.element)
            let pick = { (column: [Double]) in rows.map { column[$0.index] } }
            try insertObservations(
                c, key: key, days: rows.map { Int($0.day.rawValue) }, availableAt: rows.map { Int($0.at.rawValue) },
                vintages: f.availableAt.map { v in rows.map { Int(v[$0.index].rawValue) } },
                columns: [pick(f.open), pick(f.high), pick(f.low), pick(f.close), pick(f.volume), pick(f.marketCap)], conflict: true, id: id)
            let out = plan.outcome
            if plan.revised { try session.query(c, "UPDATE series SET has_revisions = 1 WHERE key = \(key)") }
            if out.rowsAdded + out.revisions > 0 {
                try session.query(
                    c,
                    """
                    INSERT INTO import_log (series_id, origin, format, rows, skipped, duplicates, imported_at)
                    VALUES (\(id), \("sync: \(provider.rawValue) \(providerID)"), \(provider.rawValue), \(out.rowsAdded + out.revisions), 0, 0, \(stamp))
                    """)
            }
            try recordSync(
                c, id: id, provider: provider, providerID: providerID, stamp: stamp,
                status: out.rowsAdded + out.revisions > 0 ? "updated" : "unchanged", rowsAdded: out.rowsAdded, revisions: out.revisions,
                error: nil)
            return out
        }
    }

    func recordSyncFailure(id: String, provider: ProviderName, providerID: String, stamp: String, error: String) throws {
        try session.transaction { c in
            try recordSync(
                c, id: id.uppercased(), provider: provider, providerID: providerID, stamp: stamp, status: "failed", rowsAdded: 0,
                revisions: 0, error: error)
        }
    }

    func recordSync(
        _ c: PostgresConnection, id: String, provider: ProviderName, providerID: String, stamp: String, status: String, rowsAdded: Int,
        revisions: Int, error: String?
    ) throws {
        let succeeded: String? = status == "failed" ? nil : stamp
        try session.query(
            c,
            """
            INSERT INTO sync_state (series_id, provider, provider_id, attempted_at, succeeded_at, status, rows_added, revisions, error)
            VALUES (\(id), \(provider.rawValue), \(providerID), \(stamp), \(succeeded), \(status), \(rowsAdded), \(revisions), \(error))
            ON CONFLICT (series_id) DO UPDATE SET provider = excluded.provider, provider_id = excluded.provider_id,
                attempted_at = excluded.attempted_at,
                succeeded_at = COALESCE(excluded.succeeded_at, sync_state.succeeded_at),
                status = excluded.status, rows_added = excluded.rows_added, revisions = excluded.revisions,
                error = excluded.error
            """)
    }

    func syncStates() throws -> [String: SyncState] {
        try session.withConnection { c in
            var out: [String: SyncState] = [:]
            for row in try session.query(
                c, "SELECT series_id, provider, provider_id, attempted_at, succeeded_at, status, rows_added, revisions, error FROM sync_state")
            {
                let r = try row.decode((String, String, String, String, String?, String, Int, Int, String?).self)
                out[r.0] = SyncState(
                    seriesID: r.0, provider: r.1, providerID: r.2, attemptedAt: r.3, succeededAt: r.4, status: r.5, rowsAdded: r.6,
                    revisions: r.7, error: r.8)
            }
            return out
        }
    }

    /// PostgreSQL checks its own pages; this checks what riskflow relies on beyond that:
    /// every table of the schema is readable and no observation, ranking entry or
    /// delivery attempt points at a missing parent. `"ok"`, else what is wrong.
    func integrityCheck() throws -> String {
        try session.snapshot { c in
            let orphans = try count(
                c,
                """
                SELECT (SELECT count(*) FROM observation o WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.key = o.series_key))
                     + (SELECT count(*) FROM ranking_entry e WHERE NOT EXISTS (SELECT 1 FROM ranking_table t WHERE t.key = e.table_key))
                     + (SELECT count(*) FROM alert_attempt a WHERE NOT EXISTS (SELECT 1 FROM alert_event v WHERE v.id = a.event_id))
                """)
            return orphans == 0 ? "ok" : "\(orphans) rows point at a missing parent"
        }
    }
}

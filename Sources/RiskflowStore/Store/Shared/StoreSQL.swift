import RiskflowCore
import RiskflowFormats

/// The store's statements, written once for both backends: standard SQL that SQLite
/// (3.35+) and PostgreSQL both run (`ON CONFLICT`, `RETURNING`, `CASE` in place of the
/// dialects' `MAX(a, b)`/`GREATEST`), with `?` placeholders (PostgreSQL's `$n` are
/// numbered by ``numbered(_:)``). Only the hot paths (reading and bulk-writing
/// observations) and the integrity check are backend-specific.
enum StoreSQL {
    // MARK: Series

    /// The metadata columns of `series s`, in the order ``decodeMetadata(_:at:)`` reads.
    static let metadataColumns = "s.id, s.kind, s.unit, s.calendar, s.source, s.licence, s.name, s.publication"

    /// Metadata, ordered by id; arguments: `all` (1 or 0), `id`.
    static let metadata = "SELECT \(metadataColumns) FROM series s WHERE ? = 1 OR s.id = ? ORDER BY s.id"

    /// Metadata with coverage (first and last day, distinct days, any volume) of rows
    /// published by `asOf`; arguments: `asOf`, `all` (1 or 0), `id`.
    static let coverage = """
        SELECT \(metadataColumns), MIN(o.day), MAX(o.day), COUNT(DISTINCT o.day),
               CASE WHEN COUNT(o.volume) > 0 THEN 1 ELSE 0 END
        FROM series s LEFT JOIN observation o ON o.series_key = s.key AND o.available_at <= ?
        WHERE ? = 1 OR s.id = ?
        GROUP BY s.key ORDER BY s.id
        """

    static let count = "SELECT COUNT(*) FROM series"
    static let ids = "SELECT id FROM series ORDER BY id"
    static let latestDay = "SELECT MAX((SELECT MAX(day) FROM observation o WHERE o.series_key = s.key)) FROM series s"
    /// Arguments: `id`.
    static let seriesKey = "SELECT key, has_revisions FROM series WHERE id = ?"

    /// Creates or redefines a series (its revisions flag cleared: its rows are replaced
    /// next); arguments: the eight metadata columns. Returns its key.
    static let upsertSeries = """
        INSERT INTO series (id, kind, unit, calendar, source, licence, name, publication)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET has_revisions = 0, kind = excluded.kind, unit = excluded.unit,
            calendar = excluded.calendar, source = excluded.source, licence = excluded.licence,
            name = excluded.name, publication = excluded.publication
        RETURNING key
        """
    /// Creates a series when missing (a sync's first fetch); arguments as ``upsertSeries``.
    static let insertSeriesIfMissing = """
        INSERT INTO series (id, kind, unit, calendar, source, licence, name, publication)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING
        """
    static let deleteObservations = "DELETE FROM observation WHERE series_key = ?"
    static let markRevised = "UPDATE series SET has_revisions = 1 WHERE key = ?"
    /// The stored rows of a day range, for a merge; arguments: key, first, last.
    static let storedCloses = """
        SELECT day, available_at, close FROM observation
        WHERE series_key = ? AND day BETWEEN ? AND ? ORDER BY day, available_at
        """
    /// Arguments: series id, origin, format, rows, skipped, duplicates, stamp.
    static let insertImportLog = """
        INSERT INTO import_log (series_id, origin, format, rows, skipped, duplicates, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    static func metadataArguments(_ m: SeriesMetadata) -> [StoreValue] {
        [
            .text(m.id.uppercased()), .text(m.kind.rawValue), .text(m.unit.rawValue), .text(m.calendar.rawValue), .text(m.source),
            .text(m.licence), .text(m.name), .text(m.publication.rawValue),
        ]
    }

    // MARK: Sync ledger

    /// Arguments: id, provider, provider id, stamp, succeeded stamp (NULL on failure),
    /// status, rows added, revisions, error.
    static let upsertSyncState = """
        INSERT INTO sync_state (series_id, provider, provider_id, attempted_at, succeeded_at, status, rows_added, revisions, error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (series_id) DO UPDATE SET provider = excluded.provider, provider_id = excluded.provider_id,
            attempted_at = excluded.attempted_at,
            succeeded_at = COALESCE(excluded.succeeded_at, sync_state.succeeded_at),
            status = excluded.status, rows_added = excluded.rows_added, revisions = excluded.revisions,
            error = excluded.error
        """
    static let syncStates =
        "SELECT series_id, provider, provider_id, attempted_at, succeeded_at, status, rows_added, revisions, error FROM sync_state"

    static func syncArguments(
        id: String, provider: ProviderName, providerID: String, stamp: String, status: SyncStatus, rowsAdded: Int, revisions: Int,
        error: String?
    ) -> [StoreValue] {
        [
            .text(id), .text(provider.rawValue), .text(providerID), .text(stamp), status == .failed ? .null : .text(stamp),
            .text(status.rawValue), .int(Int64(rowsAdded)), .int(Int64(revisions)), error.map(StoreValue.text) ?? .null,
        ]
    }

    // MARK: Rankings

    /// Arguments: as-of day.
    static let rankingList = """
        SELECT t.id, t.source, MIN(e.day), MAX(e.day), COUNT(DISTINCT e.day), COUNT(e.day)
        FROM ranking_table t LEFT JOIN ranking_entry e ON e.table_key = t.key AND e.available_at <= ?
        GROUP BY t.key ORDER BY t.id
        """
    static let rankingTables = "SELECT key, id, source FROM ranking_table ORDER BY id"
    /// Arguments: id.
    static let rankingTable = "SELECT key, id, source FROM ranking_table WHERE id = ?"
    static let allIDs = "SELECT id FROM series UNION SELECT id FROM ranking_table ORDER BY 1"
    /// Arguments: key, as of, from, to.
    static let rankingEntries = """
        SELECT day, rank, symbol, name, price, market_cap, volume FROM ranking_entry
        WHERE table_key = ? AND available_at <= ? AND day >= ? AND day <= ? ORDER BY day, rank
        """
    /// Arguments: id, source. Returns the key.
    static let upsertRankingTable =
        "INSERT INTO ranking_table (id, source) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET source = excluded.source RETURNING key"
    static let insertRankingTableIfMissing = "INSERT INTO ranking_table (id, source) VALUES (?, ?) ON CONFLICT (id) DO NOTHING"
    static let deleteRankingEntries = "DELETE FROM ranking_entry WHERE table_key = ?"
    /// Arguments: key, day.
    static let rankingSnapshotExists = "SELECT COUNT(*) FROM ranking_entry WHERE table_key = ? AND day = ?"
    /// Arguments: key, day, available at, rank, symbol, name, price, market cap, volume.
    static let insertRankingEntry = """
        INSERT INTO ranking_entry (table_key, day, available_at, rank, symbol, name, price, market_cap, volume)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func entryArguments(key: Int, day: Day, _ e: RankTable.Entry) -> [StoreValue] {
        [
            .int(Int64(key)), .int(Int64(day.rawValue)), .int(Int64(day.rawValue)), .int(Int64(e.rank)), .text(e.symbol),
            .text(e.name), .optional(e.price), .optional(e.marketCap), .optional(e.volume),
        ]
    }

    // MARK: Alerts

    static let alertRuleStates = "SELECT rule, last_evaluated FROM alert_rule_state"
    /// Arguments: id, rule, kind, subject, day, title, details, as of, next attempt, created.
    /// Returns the id when the event was new.
    static let insertAlertEvent = """
        INSERT INTO alert_event (id, rule, kind, subject, day, title, details, as_of, status, attempts, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """
    /// Arguments: rule, day, stamp. The last evaluated day never goes back.
    static let upsertRuleState = """
        INSERT INTO alert_rule_state (rule, last_evaluated, evaluated_at) VALUES (?, ?, ?)
        ON CONFLICT (rule) DO UPDATE SET
            last_evaluated = CASE WHEN excluded.last_evaluated > alert_rule_state.last_evaluated
                                  THEN excluded.last_evaluated ELSE alert_rule_state.last_evaluated END,
            evaluated_at = excluded.evaluated_at
        """
    static let alertEventColumns = "id, rule, kind, subject, day, title, details, as_of, status, attempts, next_attempt_at, created_at"
    static let pendingAlertEvents =
        "SELECT \(alertEventColumns) FROM alert_event WHERE status = 'pending' ORDER BY next_attempt_at, day, id"
    static let alertEvents = "SELECT \(alertEventColumns) FROM alert_event ORDER BY day, rule, id"
    static let alertAttempts = "SELECT event_id, at, status_code, error FROM alert_attempt ORDER BY event_id, n"
    /// Arguments: id.
    static let pendingAttemptCount = "SELECT attempts FROM alert_event WHERE id = ? AND status = 'pending'"
    /// Arguments: id, n, at, status code, error.
    static let insertAlertAttempt = "INSERT INTO alert_attempt (event_id, n, at, status_code, error) VALUES (?, ?, ?, ?, ?)"
    /// Arguments: attempts, status, next attempt (NULL: unchanged), id.
    static let updateAlertEvent =
        "UPDATE alert_event SET attempts = ?, status = ?, next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?"

    static func eventArguments(_ e: AlertEventRecord) -> [StoreValue] {
        [
            .text(e.id), .text(e.rule), .text(e.kind.rawValue), .text(e.subject), .int(Int64(e.day.rawValue)), .text(e.title), .text(e.details),
            .int(Int64(e.asOf.rawValue)), .real(e.nextAttemptAt), .text(e.createdAt),
        ]
    }

    // MARK: Data version

    /// The data-version fingerprint, one definition for both backends: observation rows
    /// (a new day or a revision is a new row), the last import, the series, the ranking
    /// entries, the last sync attempt and the sync records, the alert events and their
    /// attempts, the calls and their scores — eleven fields joined by `:`, `-` for none. About 10 ms on the bundled
    /// SQLite store (one count of the observation b-tree), so callers poll it.
    static let dataVersion = """
        SELECT CAST((SELECT COUNT(*) FROM observation) AS TEXT),
               COALESCE(CAST((SELECT MAX(id) FROM import_log) AS TEXT), '-'),
               CAST((SELECT COUNT(*) FROM series) AS TEXT),
               CAST((SELECT COUNT(*) FROM ranking_entry) AS TEXT),
               COALESCE((SELECT MAX(attempted_at) FROM sync_state), '-'),
               CAST((SELECT COUNT(*) FROM sync_state) AS TEXT),
               CAST((SELECT COUNT(*) FROM alert_event) AS TEXT),
               CAST((SELECT COUNT(*) FROM alert_attempt) AS TEXT),
               CAST((SELECT COALESCE(SUM(attempts), 0) FROM alert_event) AS TEXT),
               CAST((SELECT COUNT(*) FROM call) AS TEXT),
               CAST((SELECT COUNT(*) FROM call_score) AS TEXT)
        """

    static func dataVersion(_ row: [StoreValue]) -> String {
        row.map { $0.text ?? "-" }.joined(separator: ":")
    }

    // MARK: Placeholders

    /// `sql` with each `?` outside quotes replaced by PostgreSQL's `$1`, `$2`, …
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quoted = false
        for ch in sql {
            if ch == "'" { quoted.toggle() }
            if ch == "?" && !quoted {
                n += 1
                out += "$\(n)"
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

extension StoreValue {
    /// A double column's value: NaN (riskflow's "missing") is NULL.
    static func optional(_ x: Double) -> StoreValue { x.isNaN ? .null : .real(x) }
    static func day(_ d: Day) -> StoreValue { .int(Int64(d.rawValue)) }
    static func int(_ i: Int) -> StoreValue { .int(Int64(i)) }
}

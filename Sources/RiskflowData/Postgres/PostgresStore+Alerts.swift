import PostgresNIO
import RiskflowCore

extension PostgresStore {
    func alertRuleStates() throws -> [String: Day] {
        try session.withConnection { c in
            var out: [String: Day] = [:]
            for row in try session.query(c, "SELECT rule, last_evaluated FROM alert_rule_state") {
                let (rule, day) = try row.decode((String, Int).self)
                out[rule] = Self.day(day)
            }
            return out
        }
    }

    func recordAlertEvaluation(rule: String, through day: Day, events: [AlertEventRecord], stamp: String) throws -> [AlertEventRecord] {
        try session.transaction { c in
            var added: [AlertEventRecord] = []
            for e in events {
                let inserted = try session.query(
                    c,
                    """
                    INSERT INTO alert_event (id, rule, kind, subject, day, title, details, as_of, status, attempts, next_attempt_at, created_at)
                    VALUES (\(e.id), \(e.rule), \(e.kind), \(e.subject), \(Int(e.day.rawValue)), \(e.title), \(e.details), \(Int(e.asOf.rawValue)),
                            'pending', 0, \(e.nextAttemptAt), \(e.createdAt))
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """)
                if inserted.first != nil { added.append(e) }
            }
            try session.query(
                c,
                """
                INSERT INTO alert_rule_state (rule, last_evaluated, evaluated_at) VALUES (\(rule), \(Int(day.rawValue)), \(stamp))
                ON CONFLICT (rule) DO UPDATE SET last_evaluated = GREATEST(alert_rule_state.last_evaluated, excluded.last_evaluated),
                    evaluated_at = excluded.evaluated_at
                """)
            return added
        }
    }

    func alertEvents(pendingOnly: Bool) throws -> [AlertEventRecord] {
        let clause = pendingOnly ? "WHERE status = 'pending' ORDER BY next_attempt_at, day, id" : "ORDER BY day, rule, id"
        return try session.withConnection { c in
            try session.query(
                c,
                """
                SELECT id, rule, kind, subject, day, title, details, as_of, status, attempts, next_attempt_at, created_at
                FROM alert_event \(unescaped: clause)
                """
            ).map { row in
                let r = try row.decode((String, String, String, String, Int, String, String, Int, String, Int, Double, String).self)
                guard let status = AlertEventRecord.Status(rawValue: r.8) else {
                    throw StoreError(.unknownValue, "alert event \(r.0) has an unknown status '\(r.8)'")
                }
                return AlertEventRecord(
                    id: r.0, rule: r.1, kind: r.2, subject: r.3, day: Self.day(r.4), title: r.5, details: r.6, asOf: Self.day(r.7),
                    status: status, attemptCount: r.9, nextAttemptAt: r.10, createdAt: r.11)
            }
        }
    }

    func alertAttempts() throws -> [String: [AlertAttemptRecord]] {
        try session.withConnection { c in
            var out: [String: [AlertAttemptRecord]] = [:]
            for row in try session.query(c, "SELECT event_id, at, status_code, error FROM alert_attempt ORDER BY event_id, n") {
                let r = try row.decode((String, String, Int?, String?).self)
                out[r.0, default: []].append(AlertAttemptRecord(at: r.1, statusCode: r.2, error: r.3))
            }
            return out
        }
    }

    func recordAlertAttempt(id: String, attempt: AlertAttemptRecord, outcome: AlertAttemptOutcome) throws -> Bool {
        try session.transaction { c in
            guard
                let n = try session.query(c, "SELECT attempts FROM alert_event WHERE id = \(id) AND status = 'pending' FOR UPDATE").first
                    .map({ try $0.decode(Int.self) })
            else { return false }
            try session.query(
                c,
                "INSERT INTO alert_attempt (event_id, n, at, status_code, error) VALUES (\(id), \(n + 1), \(attempt.at), \(attempt.statusCode), \(attempt.error))")
            let (status, next) = outcome.stored
            try session.query(
                c, "UPDATE alert_event SET attempts = \(n + 1), status = \(status), next_attempt_at = COALESCE(\(next), next_attempt_at) WHERE id = \(id)")
            return true
        }
    }

    /// The same fingerprint as the SQLite store's (counts and maxima of every table a
    /// write touches), in one snapshot.
    func dataVersion() throws -> String {
        try session.snapshot { c in
            try session.query(
                c,
                """
                SELECT concat_ws(':', (SELECT COUNT(*) FROM observation), COALESCE((SELECT MAX(id) FROM import_log)::text, '-'),
                       (SELECT COUNT(*) FROM series), (SELECT COUNT(*) FROM ranking_entry),
                       COALESCE((SELECT MAX(attempted_at) FROM sync_state), '-'), (SELECT COUNT(*) FROM sync_state),
                       (SELECT COUNT(*) FROM alert_event), (SELECT COUNT(*) FROM alert_attempt),
                       (SELECT COALESCE(SUM(attempts), 0) FROM alert_event))
                """
            ).first.map { try $0.decode(String.self) } ?? ""
        }
    }
}

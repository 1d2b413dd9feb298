import Foundation
import GRDB
import RiskflowCore

/// One fired alert event in the outbox, with its delivery state.
public struct AlertEventRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case pending, delivered, dead }

    /// Stable id derived from (rule, subject, day); the `Idempotency-Key` of every attempt.
    public var id: String
    public var rule: String
    public var kind: String
    public var subject: String
    /// The day of the transition.
    public var day: Day
    public var title: String
    public var details: String
    /// The as-of day of the evaluation that found it.
    public var asOf: Day
    public var status: Status
    /// Delivery attempts made so far.
    public var attemptCount: Int
    /// When the next attempt is due (seconds since 1970, UTC).
    public var nextAttemptAt: Double
    /// ISO 8601 UTC.
    public var createdAt: String

    public init(
        id: String, rule: String, kind: String, subject: String, day: Day, title: String, details: String, asOf: Day,
        status: Status = .pending, attemptCount: Int = 0, nextAttemptAt: Double, createdAt: String
    ) {
        self.id = id
        self.rule = rule
        self.kind = kind
        self.subject = subject
        self.day = day
        self.title = title
        self.details = details
        self.asOf = asOf
        self.status = status
        self.attemptCount = attemptCount
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }
}

/// One delivery attempt of an alert event.
public struct AlertAttemptRecord: Sendable, Equatable, Codable {
    /// ISO 8601 UTC.
    public var at: String
    /// The HTTP status answered, `nil` when no response came (timeout, connection error).
    public var statusCode: Int?
    public var error: String?

    public init(at: String, statusCode: Int?, error: String?) {
        self.at = at
        self.statusCode = statusCode
        self.error = error
    }
}

/// What an attempt decided for its event.
public enum AlertAttemptOutcome: Sendable, Equatable {
    case delivered
    /// Try again at this time (seconds since 1970).
    case retry(at: Double)
    case dead

    /// The event's stored status after this outcome, and its next due time (`nil`: unchanged).
    var stored: (status: String, next: Double?) {
        switch self {
        case .delivered: ("delivered", nil)
        case .retry(let at): ("pending", at)
        case .dead: ("dead", nil)
        }
    }
}

extension Store {
    /// The last data day each alert rule evaluated, by rule name.
    public func alertRuleStates() throws -> [String: Day] {
        if let postgres { return try postgres.alertRuleStates() }
        return try pool.read { db in
            var out: [String: Day] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT rule, last_evaluated FROM alert_rule_state") {
                out[r["rule"]] = Day(rawValue: r["last_evaluated"])
            }
            return out
        }
    }

    /// Records a rule's evaluation through `day` and the events it fired in **one
    /// transaction**: either both are stored or neither. An event whose id is already in
    /// the outbox is left as it is (an evaluation repeated after a crash creates nothing
    /// twice). Returns the events that were new.
    public func recordAlertEvaluation(rule: String, through day: Day, events: [AlertEventRecord], stamp: String) throws
        -> [AlertEventRecord]
    {
        if let postgres { return try postgres.recordAlertEvaluation(rule: rule, through: day, events: events, stamp: stamp) }
        return try pool.write { db in
            var added: [AlertEventRecord] = []
            for e in events {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO alert_event
                            (id, rule, kind, subject, day, title, details, as_of, status, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                        """,
                    arguments: [e.id, e.rule, e.kind, e.subject, e.day.rawValue, e.title, e.details, e.asOf.rawValue, e.nextAttemptAt, e.createdAt])
                if db.changesCount > 0 { added.append(e) }
            }
            try db.execute(
                sql: """
                    INSERT INTO alert_rule_state (rule, last_evaluated, evaluated_at) VALUES (?, ?, ?)
                    ON CONFLICT(rule) DO UPDATE SET last_evaluated = MAX(last_evaluated, excluded.last_evaluated),
                        evaluated_at = excluded.evaluated_at
                    """,
                arguments: [rule, day.rawValue, stamp])
            return added
        }
    }

    /// Pending events, the earliest due first.
    public func pendingAlertEvents() throws -> [AlertEventRecord] {
        if let postgres { return try postgres.alertEvents(pendingOnly: true) }
        return try alertEvents(where: "WHERE status = 'pending' ORDER BY next_attempt_at, day, id")
    }

    /// Every event, oldest transition first, with its attempts.
    public func alertHistory() throws -> [(event: AlertEventRecord, attempts: [AlertAttemptRecord])] {
        if let postgres {
            let (events, attempts) = (try postgres.alertEvents(pendingOnly: false), try postgres.alertAttempts())
            return events.map { ($0, attempts[$0.id] ?? []) }
        }
        let events = try alertEvents(where: "ORDER BY day, rule, id")
        let attempts = try pool.read { db in
            var out: [String: [AlertAttemptRecord]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM alert_attempt ORDER BY event_id, n") {
                out[r["event_id"], default: []].append(AlertAttemptRecord(at: r["at"], statusCode: r["status_code"], error: r["error"]))
            }
            return out
        }
        return events.map { ($0, attempts[$0.id] ?? []) }
    }

    func alertEvents(where clause: String) throws -> [AlertEventRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_event " + clause).map { r in
                guard let status = AlertEventRecord.Status(rawValue: r["status"]) else {
                    throw StoreError(.unknownValue, "alert event \(r["id"] as String? ?? "?") has an unknown status '\(r["status"] as String? ?? "")'")
                }
                return AlertEventRecord(
                    id: r["id"], rule: r["rule"], kind: r["kind"], subject: r["subject"], day: Day(rawValue: r["day"]),
                    title: r["title"], details: r["details"], asOf: Day(rawValue: r["as_of"]), status: status,
                    attemptCount: r["attempts"], nextAttemptAt: r["next_attempt_at"], createdAt: r["created_at"])
            }
        }
    }

    /// Appends one delivery attempt of a pending event and applies its outcome, in one
    /// transaction. An event that is no longer pending (delivered or dead-lettered by
    /// another process meanwhile) is left unchanged and `false` is returned.
    @discardableResult
    public func recordAlertAttempt(id: String, attempt: AlertAttemptRecord, outcome: AlertAttemptOutcome) throws -> Bool {
        if let postgres { return try postgres.recordAlertAttempt(id: id, attempt: attempt, outcome: outcome) }
        return try pool.write { db in
            guard let n = try Int.fetchOne(db, sql: "SELECT attempts FROM alert_event WHERE id = ? AND status = 'pending'", arguments: [id])
            else { return false }
            try db.execute(
                sql: "INSERT INTO alert_attempt (event_id, n, at, status_code, error) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, n + 1, attempt.at, attempt.statusCode, attempt.error])
            let (status, next) = outcome.stored
            try db.execute(
                sql: "UPDATE alert_event SET attempts = ?, status = ?, next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
                arguments: [n + 1, status, next, id])
            return true
        }
    }

    /// A fingerprint of the stored data that changes whenever an import or a sync writes:
    /// observation rows (a new day or a revision is a new row), the import log, the series,
    /// the ranking snapshots and the sync records — and the alert outbox (the dashboard
    /// shows the latest deliveries). About 10 ms on the bundled store (one
    /// count of the observation b-tree), so callers poll it, not query it per request.
    public func dataVersion() throws -> String {
        if let postgres { return try postgres.dataVersion() }
        return try pool.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM observation) AS n, (SELECT MAX(id) FROM import_log) AS i,
                           (SELECT COUNT(*) FROM series) AS s, (SELECT COUNT(*) FROM ranking_entry) AS r,
                           (SELECT MAX(attempted_at) FROM sync_state) AS y, (SELECT COUNT(*) FROM sync_state) AS z,
                           (SELECT COUNT(*) FROM alert_event) AS e, (SELECT COUNT(*) FROM alert_attempt) AS a
                    """)
            guard let row else { return "" }
            func text(_ name: String) -> String { (row[name] as DatabaseValue?).map { "\($0)" } ?? "-" }
            return ["n", "i", "s", "r", "y", "z", "e", "a"].map(text).joined(separator: ":")
        }
    }
}

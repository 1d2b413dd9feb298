import RiskflowCore

/// Where a write came from, for the import log.
public struct ImportOrigin: Sendable {
    /// The file path, `snapshot:prices/RUT.csv`, or a provider name.
    public var origin: String
    public var format: String
    public var skipped: Int
    public var duplicates: Int

    public init(origin: String, format: String, skipped: Int = 0, duplicates: Int = 0) {
        self.origin = origin
        self.format = format
        self.skipped = skipped
        self.duplicates = duplicates
    }
}

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

/// One fired alert event in the outbox, with its delivery state.
public struct AlertEventRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case pending, delivered, dead }

    /// Stable id derived from (rule, subject, day); the `Idempotency-Key` of every attempt.
    public var id: String
    public var rule: String
    public var kind: AlertKind
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
        id: String, rule: String, kind: AlertKind, subject: String, day: Day, title: String, details: String, asOf: Day,
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


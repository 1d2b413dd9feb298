import RiskflowCore
import RiskflowRuntime
import RiskflowStore
import RiskflowResearch
import RiskflowSignals

/// One query parameter of an endpoint: its name (the command-line flag without `--`,
/// dashes as underscores), type and meaning. The catalogue drives both the request
/// checks and the OpenAPI document, so the two cannot disagree.
public struct APIParameter: Sendable {
    public enum Kind: Sendable, Equatable {
        case date, integer, number, string, boolean
        /// A whole number 0…2⁶⁴ − 1 (seeds).
        case unsigned
        case choice([String])
        /// Comma-separated dates.
        case dates
        /// Comma-separated symbols or numbers.
        case list
    }

    public var name: String
    public var kind: Kind
    public var summary: String
    public var required: Bool
    /// The default, as the command line documents it (`nil`: none, or computed).
    public var defaultValue: String?
    /// The values an `integer` or `number` takes (`nil`: any finite number).
    public var range: ClosedRange<Double>?
    /// The lower bound of ``range`` is excluded (`periods` must be above 0).
    public var excludesLowerBound: Bool
    /// A regular expression the whole value must match, when the kind's own one is not
    /// enough (`horizons`, `events`).
    public var customPattern: String?
    /// What ``customPattern`` means, for the error message ("a list of days 1…3650").
    public var patternMeaning: String?
    /// A typical value (the OpenAPI `examples`), for parameters without a default.
    public var example: String?
    /// For a parameter made from a job's declaration (``JobParameter``): the declared help
    /// and range, which the command line's flag has (the API may cap the range lower).
    public internal(set) var declaredHelp: String?
    public internal(set) var declaredRange: ClosedRange<Double>?

    public init(
        _ name: String, _ kind: Kind, _ summary: String, required: Bool = false, default defaultValue: String? = nil,
        range: ClosedRange<Double>? = nil, excludesLowerBound: Bool = false, pattern: String? = nil, meaning: String? = nil,
        example: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.required = required
        self.defaultValue = defaultValue
        self.range = range
        self.excludesLowerBound = excludesLowerBound
        self.customPattern = pattern
        self.patternMeaning = meaning
        self.example = example
    }

    /// The integer bounds of ``range``.
    public var intRange: ClosedRange<Int>? {
        range.map { r in
            // Clamped to what an Int holds (a range is declared in Double).
            let lo = max(r.lowerBound.rounded(.up), -9.2e18), hi = min(r.upperBound.rounded(.down), 9.2e18)
            return Int(lo)...Int(max(lo, hi))
        }
    }

    /// What a value that misses ``pattern`` is not, for the 400 message.
    var expectation: String {
        if let patternMeaning { return patternMeaning }
        switch kind {
        case .date: return "a date (YYYY-MM-DD)"
        case .dates: return "a comma-separated list of dates (YYYY-MM-DD)"
        default: return "a comma-separated list with at least one value"
        }
    }

    /// The regular expression a value must match (the OpenAPI `pattern`), `nil` when the
    /// kind has none: every date a valid calendar day, every list a non-empty one.
    public var pattern: String? {
        if let customPattern { return customPattern }
        switch kind {
        case .date: return "^\(APIPattern.day)$"
        case .dates: return APIPattern.list(of: APIPattern.day)
        case .list: return APIPattern.nonEmptyList
        default: return nil
        }
    }

    /// A number as a default is written: `2600` for 2600.0, `0.5` otherwise.
    static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    static let asOf = APIParameter("as_of", .date, "Use only data published on or before this day (default: the store's latest day).")
    static let from = APIParameter("from", .date, "First day to show.")
    static let to = APIParameter("to", .date, "Last day to show.")
}

/// What a computation needs from the server: the read-only store, the signal parameters
/// of `riskflow.toml`, the version string and the clock.
public struct APIEnvironment: Sendable {
    public var store: any RiskflowStore
    public var signals: SignalConfig
    public var version: String
    public var today: @Sendable () -> Day
    /// Shares one computed report among the answers rendered from it (set per request by
    /// the server; `nil` computes every time).
    public var reportMemo: (@Sendable (_ key: String, _ compute: @Sendable () async throws -> ReportResult) async throws -> ReportResult)?

    public init(store: any RiskflowStore, signals: SignalConfig, version: String, today: @escaping @Sendable () -> Day = { Day.today() }) {
        self.store = store
        self.signals = signals
        self.version = version
        self.today = today
    }

    /// `as_of`, else the store's latest day (as the command line's `JobRunner` does).
    func asOf(_ q: QueryParameters) async throws -> Day {
        if let day = try q.day("as_of") { return day }
        return try await store.latestDay() ?? Day(rawValue: 0)
    }
}

/// One `GET /api/v1/…` endpoint: the command it mirrors, its parameters, and the
/// computation that returns exactly what that command prints with `--format json`.
public struct APIEndpoint: Sendable {
    /// The route, e.g. `/api/v1/stage` or `/api/v1/series/{id}`.
    public var path: String
    /// The command whose `--format json` output it returns.
    public var command: String
    public var summary: String
    public var parameters: [APIParameter]
    /// `object` or `array`: the top-level JSON type of a 200 answer.
    public var shape: String
    /// The path parameter's meaning (`{id}`), when the route has one.
    public var pathParameter: String?
    /// The JSON text for a request (parameters already checked against ``parameters``).
    let compute: @Sendable (_ query: QueryParameters, _ pathID: String?, _ env: APIEnvironment) async throws -> String

    init(
        _ path: String, command: String, summary: String, shape: String = "object", pathParameter: String? = nil,
        parameters: [APIParameter],
        compute: @escaping @Sendable (_ query: QueryParameters, _ pathID: String?, _ env: APIEnvironment) async throws -> String
    ) {
        self.path = path
        self.command = command
        self.summary = summary
        self.shape = shape
        self.pathParameter = pathParameter
        self.parameters = parameters
        self.compute = compute
    }

    /// Checks the query against the parameters and computes the answer.
    /// - Throws: ``APIError`` for bad input — 400 for a value outside its declaration
    ///   (what the OpenAPI document says), 422 for values each valid but inconsistent
    ///   together; library errors for what the data cannot answer.
    public func respond(query: QueryParameters, pathID: String?, env: APIEnvironment) async throws -> String {
        try query.check(allowed: parameters.map(\.name))
        for p in parameters {
            if p.required { _ = try query.required(p.name) }
            try query.validate(p)
        }
        if let from = try query.day("from"), let to = try query.day("to"), from > to {
            throw APIError.inconsistent("from", "\(from.iso) is after to \(to.iso)")
        }
        return try await compute(query, pathID, env)
    }
}

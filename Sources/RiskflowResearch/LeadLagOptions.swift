import RiskflowCore

/// How two series are prepared for the lead-lag statistics (the peers' `_common.py`
/// conventions).
public struct LeadLagOptions: Sendable, Codable, Equatable {
    public enum Frequency: String, Sendable, Codable, CaseIterable {
        /// Each series' own rows.
        case daily
        /// The last value of each W-FRI week, empty weeks dropped.
        case weekly
    }

    public enum Alignment: String, Sendable, Codable, CaseIterable {
        /// Returns on each series' own calendar, then inner-joined by date (default).
        case returns
        /// Closes inner-joined first, returns on the common dates.
        case closes
    }

    public enum Transform: String, Sendable, Codable, CaseIterable {
        /// Returns of the kind in `returns` (log or simple).
        case returns
        /// First differences (for level series such as yields or spreads).
        case diff
    }

    public var frequency: Frequency = .daily
    public var returns: ReturnKind = .log
    public var align: Alignment = .returns
    public var transform: Transform = .returns
    /// Granger lags 1…maxLag; VAR orders 0…maxLag.
    public var maxLag = Declared.maxLag.defaultValue
    /// Cross-correlation lags −xcorrLags…xcorrLags.
    public var xcorrLags = Declared.xcorrLags.defaultValue
    /// Rolling windows of `window` aligned rows every `step` rows (`nil`: none).
    public var window = Declared.window.defaultValue
    public var step = Declared.step.defaultValue
    /// Run the ADF tests (each series' moves and levels); a caller that shows no ADF
    /// (the report) skips them, which is most of an analysis' cost.
    public var adf = true
    /// Keep closes dated from…to (either optional) before computing anything.
    public var from: Day?
    public var to: Day?

    public init() {}
}

/// Why a lead-lag analysis cannot run: a code, the reason in words, and the underlying
/// error (the statistics' or the returns') when there is one.
public typealias LeadLagError = CodedError<LeadLagErrorCode>

public enum LeadLagErrorCode: String, Sendable {
    /// A series is not in the data.
    case missingInput = "missing_input"
    /// A log or simple return of a value ≤ 0 (levels that can be zero or negative).
    case nonPositiveValues = "non_positive_values"
    /// Too few aligned observations for the lags asked for.
    case tooFewObservations = "too_few_observations"
    /// The statistics failed (a constant series, a singular design…): see `underlying`.
    case statistics
}

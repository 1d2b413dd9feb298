import RiskflowCore

/// A statistic that cannot be computed from the data given, with the reason.
public typealias StatsError = CodedError<StatsErrorCode>

/// Why a statistic cannot be computed.
public enum StatsErrorCode: String, Sendable {
    /// Fewer observations than the statistic needs.
    case tooFewObservations = "too_few_observations"
    /// A regressor is (numerically) a linear combination of the others.
    case singularDesign = "singular_design"
    /// A series has no variation.
    case constantSeries = "constant_series"
    /// Input values that are NaN or infinite.
    case nonFinite = "non_finite"
    /// The model fits the data perfectly, so the test statistic is undefined.
    case perfectFit = "perfect_fit"
    /// An argument outside its allowed range.
    case invalidArgument = "invalid_argument"
}

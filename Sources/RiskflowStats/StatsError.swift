/// A statistic that cannot be computed from the data given, with the reason.
public struct StatsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
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

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

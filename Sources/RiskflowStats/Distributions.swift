import RealModule

/// The standard normal distribution.
public enum Normal {
    /// Φ(x) = ½ erfc(−x/√2).
    public static func cdf(_ x: Double) -> Double { 0.5 * Double.erfc(-x / 2.0.squareRoot()) }
    /// 1 − Φ(x) = ½ erfc(x/√2), accurate in the upper tail.
    public static func sf(_ x: Double) -> Double { 0.5 * Double.erfc(x / 2.0.squareRoot()) }
}

/// Student's t distribution with `df` degrees of freedom (scipy `stats.t`).
public struct StudentT: Sendable {
    public var df: Double
    /// A `df` that is not positive (or NaN) gives NaN from every function, as scipy does.
    public init(df: Double) {
        self.df = df
    }

    /// P(T > t): for t ≥ 0, ½ I_{ν/(ν+t²)}(ν/2, ½).
    public func sf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let x = df / (df + t * t)
        let half = 0.5 * SpecialFunctions.incompleteBeta(df / 2, 0.5, x)
        return t >= 0 ? half : 1 - half
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double { sf(-t) }

    /// Two-sided p-value P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, ½).
    public func twoSided(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return SpecialFunctions.incompleteBeta(df / 2, 0.5, df / (df + t * t))
    }
}

/// The F distribution with (`d1`, `d2`) degrees of freedom (scipy `stats.f`).
public struct FDistribution: Sendable {
    public var d1: Double
    public var d2: Double
    /// Degrees of freedom that are not positive (or NaN) give NaN from every function, as
    /// scipy does.
    public init(d1: Double, d2: Double) {
        self.d1 = d1
        self.d2 = d2
    }

    /// P(F > f) = I_{d2/(d2+d1·f)}(d2/2, d1/2), computed directly in the tail.
    public func sf(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        if f <= 0 { return 1 }
        if f == .infinity { return 0 }
        // x = d2 / (d2 + d1 f); for large f use the complement form to keep 1 − x exact.
        let x = d2 / (d2 + d1 * f)
        if x > 0.5 {
            let oneMinusX = d1 * f / (d2 + d1 * f)
            return SpecialFunctions.incompleteBetaComplement(d1 / 2, d2 / 2, oneMinusX)
        }
        return SpecialFunctions.incompleteBeta(d2 / 2, d1 / 2, x)
    }

    /// P(F ≤ f).
    public func cdf(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        if f <= 0 { return 0 }
        return SpecialFunctions.incompleteBeta(d1 / 2, d2 / 2, d1 * f / (d2 + d1 * f))
    }
}

/// The chi-squared distribution with `df` degrees of freedom (scipy `stats.chi2`).
public struct ChiSquared: Sendable {
    public var df: Double
    /// A `df` that is not positive (or NaN) gives NaN from every function, as scipy does.
    public init(df: Double) {
        self.df = df
    }

    /// P(X > x) = Q(df/2, x/2).
    public func sf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return x <= 0 ? 1 : SpecialFunctions.incompleteGammaQ(df / 2, x / 2)
    }

    /// P(X ≤ x) = P(df/2, x/2).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return x <= 0 ? 0 : SpecialFunctions.incompleteGammaP(df / 2, x / 2)
    }
}

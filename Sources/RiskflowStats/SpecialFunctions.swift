import RealModule

/// Regularised incomplete beta and gamma functions, the building blocks of the t, F and
/// chi-squared distributions.
///
/// Both are evaluated on the side where their continued fraction or series converges
/// and the requested tail is computed directly, never as `1 − (the other tail)`, so tail
/// probabilities keep their relative accuracy down to ~1e-300 (Numerical Recipes §6.2,
/// §6.4; the same split as Cephes `incbet`/`igamc`, which scipy uses).
public enum SpecialFunctions {
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
    }

    /// The regularised incomplete beta function I_x(a, b) (lower tail).
    ///
    /// Outside a > 0, b > 0 (or NaN): NaN, as scipy; x is clamped to [0, 1].
    public static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        betaTails(a, b, x).lower
    }

    /// 1 − I_x(a, b) = I_{1−x}(b, a), computed directly (upper tail).
    public static func incompleteBetaComplement(_ a: Double, _ b: Double, _ x: Double) -> Double {
        betaTails(a, b, x).upper
    }

    /// Both tails of I_x(a, b); the smaller one is always computed directly.
    static func betaTails(_ a: Double, _ b: Double, _ x: Double) -> (lower: Double, upper: Double) {
        // Outside the domain (a ≤ 0, b ≤ 0 or NaN): NaN, as scipy's betainc.
        guard a > 0, b > 0, !x.isNaN else { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        let logFront = a * Double.log(x) + b * Double.log(onePlus: -x) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = Double.exp(logFront) * betaContinuedFraction(a, b, x) / a
            return (lower, 1 - lower)
        } else {
            let upper = Double.exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b
            return (1 - upper, upper)
        }
    }

    /// The continued fraction of the incomplete beta function (modified Lentz).
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...20_000 {
            let dm = Double(m), m2 = 2 * dm
            var aa = dm * (b - dm) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return h
    }

    /// The regularised lower incomplete gamma function P(a, x).
    public static func incompleteGammaP(_ a: Double, _ x: Double) -> Double { gammaTails(a, x).lower }

    /// The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed
    /// directly in the upper tail.
    public static func incompleteGammaQ(_ a: Double, _ x: Double) -> Double { gammaTails(a, x).upper }

    static func gammaTails(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
        // Outside the domain (a ≤ 0 or NaN): NaN, as scipy's gammainc.
        guard a > 0, !x.isNaN else { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let logFront = a * Double.log(x) - x - Double.logGamma(a)
        if x < a + 1 {
            // Series for P.
            var ap = a
            var sum = 1 / a
            var del = sum
            for _ in 0..<100_000 {
                ap += 1
                del *= x / ap
                sum += del
                if abs(del) < abs(sum) * 1e-17 { break }
            }
            let lower = sum * Double.exp(logFront)
            return (lower, 1 - lower)
        }
        // Continued fraction for Q (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        let upper = Double.exp(logFront) * h
        return (1 - upper, upper)
    }
}

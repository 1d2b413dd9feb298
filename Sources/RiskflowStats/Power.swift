import RealModule

/// Statistical power and minimum detectable effects (MDE), computed from the sample size
/// and the test's null distribution only — never from the observed effect — so that a
/// filter on power keeps the error control of the tests that pass it (Bourgon, Gentleman
/// and Huber 2010, "Independent filtering increases detection power", PNAS 107:9546).
public enum Power {
    /// The power every claim's test must reach at its smallest effect of interest.
    public static let target = 0.8

    // MARK: F tests (Granger)

    /// P(F' ≤ x) for the noncentral F with (`d1`, `d2`) degrees of freedom and
    /// noncentrality `lambda` (scipy `stats.ncf.cdf`), as the Poisson mixture
    /// Σⱼ e^{−λ/2}(λ/2)ʲ/j! · I_{d1 x/(d1 x + d2)}(d1/2 + j, d2/2), summed around the
    /// mode of the Poisson weights until they are below 1e-17 of the total.
    /// - Complexity: O(√λ + 1) incomplete-beta evaluations.
    public static func noncentralFCDF(_ x: Double, d1: Double, d2: Double, lambda: Double) -> Double {
        guard x > 0 else { return 0 }
        guard lambda > 0 else { return FDistribution(d1: d1, d2: d2).cdf(x) }
        let y = d1 * x / (d1 * x + d2)
        let half = lambda / 2
        let mode = Int(half.rounded(.down))
        func logWeight(_ j: Int) -> Double { -half + Double(j) * Double.log(half) - Double.logGamma(Double(j) + 1) }
        func term(_ j: Int) -> Double { Double.exp(logWeight(j)) * SpecialFunctions.incompleteBeta(d1 / 2 + Double(j), d2 / 2, y) }
        var total = term(mode)
        var j = mode + 1
        while true {
            let w = Double.exp(logWeight(j))
            total += w * SpecialFunctions.incompleteBeta(d1 / 2 + Double(j), d2 / 2, y)
            if w < 1e-17 { break }
            j += 1
        }
        j = mode - 1
        while j >= 0 {
            let w = Double.exp(logWeight(j))
            total += w * SpecialFunctions.incompleteBeta(d1 / 2 + Double(j), d2 / 2, y)
            if w < 1e-17 { break }
            j -= 1
        }
        return min(1, max(0, total))
    }

    /// The central F's critical value: the x with P(F > x) = `alpha` (scipy
    /// `stats.f.isf`), by bisection to relative precision 1e-12.
    public static func fCritical(alpha: Double, d1: Double, d2: Double) -> Double {
        let f = FDistribution(d1: d1, d2: d2)
        var lo = 0.0, hi = 1.0
        while f.sf(hi) > alpha { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if f.sf(mid) > alpha { lo = mid } else { hi = mid }
            if hi - lo <= 1e-12 * hi { break }
        }
        return (lo + hi) / 2
    }

    /// Power of an F test with `u` numerator and `v` denominator degrees of freedom at
    /// Cohen's effect size f² (noncentrality λ = f²·(u + v + 1), Cohen 1988 §9.3, as
    /// G*Power): P(F' > F_crit(α)).
    public static func fTest(f2: Double, u: Int, v: Int, alpha: Double) -> Double {
        let d1 = Double(u), d2 = Double(v)
        let crit = fCritical(alpha: alpha, d1: d1, d2: d2)
        return 1 - noncentralFCDF(crit, d1: d1, d2: d2, lambda: f2 * (d1 + d2 + 1))
    }

    /// The smallest partial R² (= f²/(1 + f²)) an F test detects with probability `power`.
    /// - Complexity: about 60 power evaluations (bisection on f²).
    public static func fTestMDE(u: Int, v: Int, alpha: Double, power: Double = target) -> Double {
        var lo = 0.0, hi = 0.01
        while fTest(f2: hi, u: u, v: v, alpha: alpha) < power && hi < 1e6 { hi *= 2 }
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            if fTest(f2: mid, u: u, v: v, alpha: alpha) < power { lo = mid } else { hi = mid }
            if hi - lo <= 1e-10 * hi { break }
        }
        let f2 = (lo + hi) / 2
        return f2 / (1 + f2)
    }

    /// The partial R² of an F statistic, u·F / (u·F + v).
    public static func partialR2(f: Double, u: Int, v: Int) -> Double { Double(u) * f / (Double(u) * f + Double(v)) }

    /// A confidence interval of the partial R² by inverting the noncentral F (Steiger and
    /// Fouladi 1997): the noncentralities λ whose F distribution puts the observed F at its
    /// (1 ± level)/2 quantiles, as f² = λ/(u + v + 1), R² = f²/(1 + f²).
    public static func partialR2Interval(f: Double, u: Int, v: Int, level: Double = 0.95) -> (low: Double, high: Double) {
        let d1 = Double(u), d2 = Double(v)
        func lambda(_ target: Double) -> Double {
            // cdf(F; λ) decreases in λ: the λ with cdf = target (0 when even λ = 0 is below it).
            guard noncentralFCDF(f, d1: d1, d2: d2, lambda: 0) > target else { return 0 }
            var lo = 0.0, hi = 1.0
            while noncentralFCDF(f, d1: d1, d2: d2, lambda: hi) > target && hi < 1e7 { hi *= 2 }
            for _ in 0..<100 {
                let mid = (lo + hi) / 2
                if noncentralFCDF(f, d1: d1, d2: d2, lambda: mid) > target { lo = mid } else { hi = mid }
                if hi - lo <= 1e-10 * max(1, hi) { break }
            }
            return (lo + hi) / 2
        }
        func r2(_ l: Double) -> Double {
            let f2 = l / (d1 + d2 + 1)
            return f2 / (1 + f2)
        }
        return (r2(lambda((1 + level) / 2)), r2(lambda((1 - level) / 2)))
    }

    /// The smallest denominator df at which an F test with `u` numerator df reaches
    /// `power` at partial R² `r2` (`nil` beyond a million).
    public static func fTestObservationsNeeded(u: Int, r2: Double, alpha: Double, power: Double = target) -> Int? {
        let f2 = self.f2(partialR2: r2)
        var hi = 8
        while fTest(f2: f2, u: u, v: hi, alpha: alpha) < power {
            hi *= 2
            if hi > 1_000_000 { return nil }
        }
        var lo = hi / 2
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if fTest(f2: f2, u: u, v: mid, alpha: alpha) < power { lo = mid } else { hi = mid }
        }
        return hi
    }

    /// Cohen's f² of a partial R².
    public static func f2(partialR2 r: Double) -> Double { r / (1 - r) }

    // MARK: Normal approximation (event studies)

    /// z with Φ(z) = `p` (bisection on the normal cdf to 1e-14).
    public static func normalQuantile(_ p: Double) -> Double {
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if Normal.cdf(mid) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-14 { break }
        }
        return (lo + hi) / 2
    }

    /// Power of a two-sided z test at level `alpha` of an effect `effect` whose estimate
    /// has standard error `se`: Φ(|δ|/se − z₁₋α/₂) + Φ(−|δ|/se − z₁₋α/₂).
    public static func normal(effect: Double, se: Double, alpha: Double) -> Double {
        guard se > 0 else { return effect == 0 ? alpha : 1 }
        let z = normalQuantile(1 - alpha / 2), d = abs(effect) / se
        return Normal.cdf(d - z) + Normal.cdf(-d - z)
    }

    /// The effect a two-sided z test detects with probability `power`:
    /// (z₁₋α/₂ + z_power)·se (the far tail, below 1e-3 there, is left out).
    public static func normalMDE(se: Double, alpha: Double, power: Double = target) -> Double {
        (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * se
    }

    // MARK: Binomial (exact)

    /// P(X = k) for X ~ Binomial(n, p).
    public static func binomialPMF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        guard k >= 0, k <= n else { return 0 }
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        let logC = Double.logGamma(Double(n) + 1) - Double.logGamma(Double(k) + 1) - Double.logGamma(Double(n - k) + 1)
        return Double.exp(logC + Double(k) * Double.log(p) + Double(n - k) * Double.log(1 - p))
    }

    /// The two-sided exact binomial p-value of `k` successes in `n` trials against `p`
    /// (scipy `stats.binomtest(k, n, p).pvalue`): the probability of every outcome no more
    /// likely than k (pmf ≤ pmf(k)·(1 + 1e-7)); 1 when k = n·p.
    public static func binomialTwoSided(k: Int, n: Int, p: Double) -> Double {
        guard n > 0 else { return 1 }
        if Double(k) == p * Double(n) { return 1 }
        let d = binomialPMF(k, n, p) * (1 + 1e-7)
        var total = 0.0
        for i in 0...n {
            let q = binomialPMF(i, n, p)
            if q <= d { total += q }
        }
        return min(1, total)
    }

    /// Power of the two-sided exact binomial test of `p0` at level `alpha` when the true
    /// probability is `p1`: P₁(the test rejects), summed over every outcome exactly.
    /// - Complexity: O(n²) additions (the null's pmf is computed once).
    public static func binomial(n: Int, p0: Double, p1: Double, alpha: Double) -> Double {
        guard n > 0 else { return 0 }
        let null = (0...n).map { binomialPMF($0, n, p0) }
        var power = 0.0
        for k in 0...n {
            // binomialTwoSided(k:n:p:) from the table.
            var pk = 1.0
            if Double(k) != p0 * Double(n) {
                let d = null[k] * (1 + 1e-7)
                pk = 0
                for q in null where q <= d { pk += q }
            }
            if min(1, pk) <= alpha { power += binomialPMF(k, n, p1) }
        }
        return min(1, power)
    }

    /// The smallest p₁ > p₀ that the two-sided exact test detects with probability
    /// `power`, as p₁ − p₀ (`nil` when even p₁ = 1 is not detected: too few trials).
    public static func binomialMDE(n: Int, p0: Double, alpha: Double, power: Double = target) -> Double? {
        guard n > 0, binomial(n: n, p0: p0, p1: 1, alpha: alpha) >= power else { return nil }
        var lo = p0, hi = 1.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if binomial(n: n, p0: p0, p1: mid, alpha: alpha) < power { lo = mid } else { hi = mid }
        }
        return hi - p0
    }
}

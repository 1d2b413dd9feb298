import RealModule

/// The Granger test with heteroskedasticity- and autocorrelation-robust (Newey–West, HAC)
/// inference: weekly returns are not i.i.d., and the classical F trusts them to be.
extension Granger {
    /// Newey–West's rule of thumb for the number of lags: ⌊4·(n/100)^(2/9)⌋.
    public static func neweyWestLags(_ n: Int) -> Int {
        Int((4 * Double.pow(Double(n) / 100, 2.0 / 9)).rounded(.down))
    }

    /// The HAC Wald test that x's `lag` lags add nothing to y's own lags: the regression of
    /// ``single(x:y:lag:)``'s unrestricted model, with the covariance of statsmodels
    /// `OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L})` (Bartlett weights
    /// 1 − l/(L+1), no small-sample correction), L = `maxLags` or ⌊4·(n/100)^(2/9)⌋, and
    /// `wald_test` of the cause's coefficients against χ² with `lag` degrees of freedom.
    /// - Returns: the Wald χ² and its p-value.
    /// - Complexity: O(n·k²) with k = 2·lag + 1, plus O(L·n·k²) for the covariance.
    public static func hacWald(x: [Double], y: [Double], lag p: Int, maxLags: Int? = nil) throws(StatsError)
        -> (chi2: Double, p: Double)
    {
        try validate(x: x, y: y, maxLag: p)
        let n = x.count
        let m = n - p
        let target = Array(y[p...])
        var columns: [[Double]] = [[Double](repeating: 1, count: m)]
        for l in 1...p { columns.append(Array(y[(p - l)..<(n - l)])) }
        for l in 1...p { columns.append(Array(x[(p - l)..<(n - l)])) }
        let fit = try OLS.fit(DesignMatrix(columns: columns), target)
        let k = fit.k
        let lags = min(maxLags ?? neweyWestLags(m), m - 1)
        // Moment conditions u_t = x_t · e_t, row by row.
        var u = [Double](repeating: 0, count: m * k)
        for t in 0..<m {
            for j in 0..<k { u[t * k + j] = columns[j][t] * fit.residuals[t] }
        }
        var s = [Double](repeating: 0, count: k * k)
        for l in 0...max(0, lags) {
            let w = 1 - Double(l) / Double(lags + 1)
            for i in 0..<k {
                for j in 0..<k {
                    var acc = 0.0
                    for t in l..<m { acc += u[t * k + i] * u[(t - l) * k + j] }
                    if l == 0 { s[i * k + j] += w * acc } else {
                        s[i * k + j] += w * acc
                        s[j * k + i] += w * acc
                    }
                }
            }
        }
        // V = (XᵀX)⁻¹ S (XᵀX)⁻¹, only the cause's block is needed.
        let xxi = fit.unscaledCovariance
        let idx = Array((p + 1)...(2 * p))
        var left = [Double](repeating: 0, count: p * k)  // rows idx of (XᵀX)⁻¹ · S
        for (a, r) in idx.enumerated() {
            for j in 0..<k {
                var acc = 0.0
                for i in 0..<k { acc += xxi[r * k + i] * s[i * k + j] }
                left[a * k + j] = acc
            }
        }
        var v = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for (b, c) in idx.enumerated() {
                var acc = 0.0
                for j in 0..<k { acc += left[a * k + j] * xxi[j * k + c] }
                v[a * p + b] = acc
            }
        }
        guard let l = GuardedCholesky.factor(v, p, relativePivot: 0) else {
            throw StatsError(.singularDesign, "the HAC covariance of the cause's coefficients is singular")
        }
        let z = GuardedCholesky.forward(l, p, idx.map { fit.coefficients[$0] })
        let chi2 = z.reduce(0) { $0 + $1 * $1 }
        return (chi2, ChiSquared(df: Double(p)).sf(chi2))
    }
}

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
        let full = NeweyWest.covariance(columns: columns, fit: fit, maxLags: lags)
        let idx = Array((p + 1)...(2 * p))
        var v = [Double](repeating: 0, count: p * p)
        for (a, r) in idx.enumerated() {
            for (b, c) in idx.enumerated() { v[a * p + b] = full[r * k + c] }
        }
        guard let l = GuardedCholesky.factor(v, p, relativePivot: 0) else {
            throw StatsError(.singularDesign, "the HAC covariance of the cause's coefficients is singular")
        }
        let z = GuardedCholesky.forward(l, p, idx.map { fit.coefficients[$0] })
        let chi2 = z.reduce(0) { $0 + $1 * $1 }
        return (chi2, ChiSquared(df: Double(p)).sf(chi2))
    }
}

/// Newey–West (HAC) covariance of OLS coefficients, as statsmodels
/// `sandwich_covariance.cov_hac_simple(results, nlags=L, use_correction=False)`:
/// (XᵀX)⁻¹ S (XᵀX)⁻¹ with S = Σ_l w_l Σ_t (u_t u_{t−l}ᵀ + u_{t−l} u_tᵀ) (l = 0 once),
/// u_t = x_t e_t, Bartlett weights w_l = 1 − l/(L + 1).
public enum NeweyWest {
    /// The k × k covariance (row-major) of `fit`, fitted on `columns` (each of length n).
    /// - Complexity: O((L + 1)·n·k²).
    public static func covariance(columns: [[Double]], fit: OLSResult, maxLags lags: Int) -> [Double] {
        let k = fit.k, m = fit.residuals.count
        var u = [Double](repeating: 0, count: m * k)
        for t in 0..<m {
            for j in 0..<k { u[t * k + j] = columns[j][t] * fit.residuals[t] }
        }
        var s = [Double](repeating: 0, count: k * k)
        for l in 0...max(0, min(lags, m - 1)) {
            let w = 1 - Double(l) / Double(lags + 1)
            for i in 0..<k {
                for j in 0..<k {
                    var acc = 0.0
                    for t in l..<m { acc += u[t * k + i] * u[(t - l) * k + j] }
                    s[i * k + j] += w * acc
                    if l > 0 { s[j * k + i] += w * acc }
                }
            }
        }
        let xxi = fit.unscaledCovariance
        var left = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            for j in 0..<k {
                var acc = 0.0
                for i in 0..<k { acc += xxi[r * k + i] * s[i * k + j] }
                left[r * k + j] = acc
            }
        }
        var v = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            for c in 0..<k {
                var acc = 0.0
                for j in 0..<k { acc += left[r * k + j] * xxi[j * k + c] }
                v[r * k + c] = acc
            }
        }
        return v
    }
}

import RealModule

/// Granger causality test at one lag: does x help predict y beyond y's own past?
///
/// Matches `statsmodels.tsa.stattools.grangercausalitytests(data[[y, x]], maxlag,
/// addconst=True)`: for lag p, two OLS fits on the n − p rows that lag leaves —
/// restricted y_t ~ const + y_{t−1…t−p}, unrestricted adding x_{t−1…t−p}.
public struct GrangerResult: Sendable, Codable, Equatable {
    public var lag: Int
    /// Rows used (n − lag).
    public var nobs: Int
    public var ssrRestricted: Double
    public var ssrUnrestricted: Double
    /// ssr F test: ((SSR_r − SSR_u)/SSR_u)/p · df_resid_u, with (p, nobs − 2p − 1) df.
    public var f: Double
    public var p: Double
    public var dfNum: Int
    public var dfDenom: Int
    /// ssr chi² test: nobs · (SSR_r − SSR_u)/SSR_u, p df.
    public var chi2: Double
    public var chi2P: Double
    /// Likelihood ratio: −2 (llf_r − llf_u), p df.
    public var lr: Double
    public var lrP: Double
    /// Wald F test that the p coefficients on x's lags are zero (statsmodels `params_ftest`).
    public var paramsF: Double
    public var paramsP: Double
}

public enum Granger {
    /// The tests for lags 1…`maxLag`.
    ///
    /// - Parameters:
    ///   - x: the candidate cause.
    ///   - y: the effect, aligned with `x`.
    /// - Throws: ``StatsError`` when n ≤ 3·maxLag + 1 (statsmodels' limit), a series is
    ///   constant, the fit is perfect, or the design is singular.
    public static func test(x: [Double], y: [Double], maxLag: Int) throws(StatsError) -> [GrangerResult] {
        try validate(x: x, y: y, maxLag: maxLag)
        if let fast = fastBothWays(x: x, y: y, maxLag: maxLag).forward { return fast }
        var out: [GrangerResult] = []
        out.reserveCapacity(maxLag)
        for p in 1...maxLag { out.append(try single(x: x, y: y, lag: p)) }
        return out
    }

    /// Both directions at once (x → y, y → x), sharing one set of cross-products.
    /// - Throws: as ``test(x:y:maxLag:)``.
    public static func testBothWays(x: [Double], y: [Double], maxLag: Int) throws(StatsError) -> (
        xToY: [GrangerResult], yToX: [GrangerResult]
    ) {
        try validate(x: x, y: y, maxLag: maxLag)
        let fast = fastBothWays(x: x, y: y, maxLag: maxLag)
        func exact(_ a: [Double], _ b: [Double]) throws(StatsError) -> [GrangerResult] {
            var out: [GrangerResult] = []
            for p in 1...maxLag { out.append(try single(x: a, y: b, lag: p)) }
            return out
        }
        let forward: [GrangerResult]
        if let f = fast.forward { forward = f } else { forward = try exact(x, y) }
        let backward: [GrangerResult]
        if let b = fast.backward { backward = b } else { backward = try exact(y, x) }
        return (forward, backward)
    }

    static func validate(x: [Double], y: [Double], maxLag: Int) throws(StatsError) {
        guard x.count == y.count else { throw StatsError(.invalidArgument, "x and y must be aligned (\(x.count) and \(y.count) values)") }
        guard maxLag >= 1 else { throw StatsError(.invalidArgument, "maxLag must be at least 1") }
        let n = x.count
        guard n > 3 * maxLag + 1 else {
            throw StatsError(
                .tooFewObservations,
                "Granger test with \(maxLag) lags needs more than \(3 * maxLag + 1) observations, got \(n)")
        }
        for v in x where !v.isFinite { throw StatsError(.nonFinite, "x holds NaN or infinite values") }
        for v in y where !v.isFinite { throw StatsError(.nonFinite, "y holds NaN or infinite values") }
        if isConstant(x) { throw StatsError(.constantSeries, "the cause series is constant") }
        if isConstant(y) { throw StatsError(.constantSeries, "the effect series is constant") }
    }

    /// One lag's pair of fits (Householder QR; the exact path).
    public static func single(x: [Double], y: [Double], lag p: Int) throws(StatsError) -> GrangerResult {
        let n = x.count
        let m = n - p
        let target = Array(y[p...])
        var own: [[Double]] = [[Double](repeating: 1, count: m)]
        for l in 1...p { own.append(Array(y[(p - l)..<(n - l)])) }
        var joint = own
        for l in 1...p { joint.append(Array(x[(p - l)..<(n - l)])) }
        let restricted = try OLS.fit(DesignMatrix(columns: own), target)
        let unrestricted = try OLS.fit(DesignMatrix(columns: joint), target)
        var tss = 0.0
        let mean = target.reduce(0, +) / Double(m)
        for v in target { tss += (v - mean) * (v - mean) }
        if tss == 0 || unrestricted.ssr == 0 || unrestricted.ssr / tss < Double.ulpOfOne {
            throw StatsError(.perfectFit, "the unrestricted model fits perfectly; the test is undefined")
        }
        let paramsF = waldF(unrestricted, restrictedColumns: (p + 1)...(2 * p))
        return statistics(lag: p, nobs: m, ssrRestricted: restricted.ssr, ssrUnrestricted: unrestricted.ssr, paramsF: paramsF)
    }

    /// Wald F for H0: β_j = 0 for j in `restrictedColumns`:
    /// (Rβ)ᵀ [R (XᵀX)⁻¹ Rᵀ]⁻¹ (Rβ) / q / σ².
    static func waldF(_ fit: OLSResult, restrictedColumns: ClosedRange<Int>) -> Double {
        let idx = Array(restrictedColumns)
        let q = idx.count, k = fit.k
        // A = R (XᵀX)⁻¹ Rᵀ (q × q) = L Lᵀ; solve L z = Rβ, then (Rβ)ᵀ A⁻¹ (Rβ) = zᵀz.
        var a = [Double](repeating: 0, count: q * q)
        for (i, ci) in idx.enumerated() {
            for (j, cj) in idx.enumerated() { a[i * q + j] = fit.unscaledCovariance[ci * k + cj] }
        }
        guard let l = GuardedCholesky.factor(a, q, relativePivot: 0) else { return .nan }
        let z = GuardedCholesky.forward(l, q, idx.map { fit.coefficients[$0] })
        var quad = 0.0
        for v in z { quad += v * v }
        let sigma2 = fit.ssr / Double(fit.dfResid)
        return quad / Double(q) / sigma2
    }

    static func isConstant(_ v: [Double]) -> Bool {
        guard let f = v.first else { return true }
        return v.allSatisfy { $0 == f }
    }
}

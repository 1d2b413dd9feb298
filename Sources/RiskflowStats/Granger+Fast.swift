import RealModule

extension Granger {
    /// Lags 1…maxLag in both directions from one set of cross-products: the normal
    /// equations, solved by Cholesky, where the restricted model is the leading block of
    /// the unrestricted one. `nil` for a direction whose design is ill-conditioned or
    /// whose fit explains over 99 % of the variance (cancellation in SSR = yᵀy − ‖w‖²);
    /// the caller then uses the Householder path, which matches statsmodels there.
    ///
    /// The params F test equals the ssr F test for exclusion restrictions in OLS (an
    /// algebraic identity); it is computed from the same quantities.
    static func fastBothWays(x: [Double], y: [Double], maxLag: Int) -> (forward: [GrangerResult]?, backward: [GrangerResult]?) {
        let g = LaggedCrossProducts(x: x, y: y, maxLag: maxLag, from: maxLag)
        func direction(own: (Int) -> Int, other: (Int) -> Int, target: Int) -> [GrangerResult]? {
            var out: [GrangerResult] = []
            for p in 1...maxLag {
                var columns = [0]
                for l in 1...p { columns.append(own(l)) }
                for l in 1...p { columns.append(other(l)) }
                columns.append(target)
                let a = g.submatrix(columns, extraRowsFrom: p, lags: p)
                let k = 2 * p + 1
                let kk = k + 1
                var xtx = [Double](repeating: 0, count: k * k)
                var xty = [Double](repeating: 0, count: k)
                for i in 0..<k {
                    for j in 0..<k { xtx[i * k + j] = a[i * kk + j] }
                    xty[i] = a[i * kk + k]
                }
                let yy = a[k * kk + k]
                guard let l = GuardedCholesky.factor(xtx, k) else { return nil }
                let w = GuardedCholesky.forward(l, k, xty)
                var explainedRestricted = 0.0
                for i in 0...p { explainedRestricted += w[i] * w[i] }
                var explained = explainedRestricted
                for i in (p + 1)..<k { explained += w[i] * w[i] }
                guard explained < 0.99 * yy else { return nil }
                let nobs = x.count - p
                let ssrR = yy - explainedRestricted
                let ssrU = yy - explained
                guard ssrU > 0 else { return nil }
                out.append(statistics(lag: p, nobs: nobs, ssrRestricted: ssrR, ssrUnrestricted: ssrU, paramsF: nil))
            }
            return out
        }
        let forward = direction(own: g.yLag, other: g.xLag, target: g.yNow)
        let backward = direction(own: g.xLag, other: g.yLag, target: g.xNow)
        return (forward, backward)
    }

    /// The test statistics from the two SSRs (statsmodels' formulas), for the fast and
    /// the exact path alike. `paramsF` is the Wald F when computed separately; `nil`
    /// takes the ssr F (the two are equal for exclusion restrictions in OLS).
    static func statistics(lag p: Int, nobs m: Int, ssrRestricted: Double, ssrUnrestricted: Double, paramsF: Double?)
        -> GrangerResult
    {
        let df = m - 2 * p - 1
        let diff = ssrRestricted - ssrUnrestricted
        let f = diff / ssrUnrestricted / Double(p) * Double(df)
        let chi2 = Double(m) * diff / ssrUnrestricted
        let md = Double(m)
        func llf(_ ssr: Double) -> Double { -md / 2 * (Double.log(2 * Double.pi) + Double.log(ssr / md) + 1) }
        let lr = -2 * (llf(ssrRestricted) - llf(ssrUnrestricted))
        let fDist = FDistribution(d1: Double(p), d2: Double(df))
        let chi = ChiSquared(df: Double(p))
        let pf = paramsF ?? f
        return GrangerResult(
            lag: p, nobs: m, ssrRestricted: ssrRestricted, ssrUnrestricted: ssrUnrestricted, f: f, p: fDist.sf(f),
            dfNum: p, dfDenom: df, chi2: chi2, chi2P: chi.sf(chi2), lr: lr, lrP: chi.sf(lr), paramsF: pf,
            paramsP: paramsF == nil ? fDist.sf(f) : fDist.sf(pf))
    }
}

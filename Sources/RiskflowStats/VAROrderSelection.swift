import RealModule

/// VAR lag-order selection for a bivariate system with a constant.
///
/// Matches `statsmodels.tsa.api.VAR(data).select_order(maxlags=L, trend="c")`: orders
/// 0…L are all fitted on the same n − L rows (offset L − p), each equation by OLS;
/// Σ̂ = residual cross-products / nobs (the MLE), ld = ln det Σ̂, free parameters
/// p·K² + K, and
/// AIC = ld + 2·free/nobs, BIC = ld + ln(nobs)·free/nobs,
/// HQIC = ld + 2 ln(ln nobs)·free/nobs, FPE = ((nobs + Kp + 1)/(nobs − Kp − 1))^K · e^ld.
/// The chosen order of each criterion is its first minimum.
public struct VAROrderSelection: Sendable, Codable, Equatable {
    public var maxLag: Int
    /// Rows used by every order (n − maxLag).
    public var nobs: Int
    /// Criterion values for orders 0…maxLag.
    public var aicValues: [Double]
    public var bicValues: [Double]
    public var hqicValues: [Double]
    public var fpeValues: [Double]
    public var aic: Int
    public var bic: Int
    public var hqic: Int
    public var fpe: Int

    /// Selects the order for the system (series₀, series₁) (statsmodels column order
    /// does not change the criteria).
    /// - Throws: ``StatsError`` when maxLag exceeds what the sample can estimate
    ///   ((n − K − 1) / (1 + K)), or a fit is singular.
    public static func select(_ series: [[Double]], maxLag: Int) throws(StatsError) -> VAROrderSelection {
        let k = series.count
        guard k >= 1, series.allSatisfy({ $0.count == series[0].count }) else {
            throw StatsError(.invalidArgument, "the series of a VAR must be aligned (one value each per row)")
        }
        let total = series[0].count
        let maxEstimable = (total - k - 1) / (1 + k)
        guard maxLag >= 0 else { throw StatsError(.invalidArgument, "maxLag must be ≥ 0") }
        guard maxLag <= maxEstimable else {
            throw StatsError(
                .tooFewObservations,
                "VAR order selection up to \(maxLag) lags needs more observations (\(total) allow at most \(maxEstimable))"
            )
        }
        let nobs = total - maxLag
        let lds = (k == 2 ? fastLogDeterminants(series, maxLag: maxLag) : nil)
        var aic: [Double] = [], bic: [Double] = [], hqic: [Double] = [], fpe: [Double] = []
        let nd = Double(nobs)
        for p in 0...maxLag {
            let ld: Double
            if let lds { ld = lds[p] } else { ld = try qrLogDeterminant(series, order: p, maxLag: maxLag) }
            let free = Double(p * k * k + k)
            let dfModel = Double(k * p + 1)
            aic.append(ld + 2 / nd * free)
            bic.append(ld + Double.log(nd) / nd * free)
            hqic.append(ld + 2 * Double.log(Double.log(nd)) / nd * free)
            fpe.append(Double.pow((nd + dfModel) / (nd - dfModel), Double(k)) * Double.exp(ld))
        }
        func argmin(_ v: [Double]) -> Int { v.indices.min { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }! }
        return VAROrderSelection(
            maxLag: maxLag, nobs: nobs, aicValues: aic, bicValues: bic, hqicValues: hqic, fpeValues: fpe,
            aic: argmin(aic), bic: argmin(bic), hqic: argmin(hqic), fpe: argmin(fpe))
    }

    /// ln det Σ̂ for orders 0…maxLag of a bivariate system from one set of cross-products:
    /// with regressors ordered [1, y₁, x₁, y₂, x₂, …], order p uses the leading 1 + 2p
    /// of them, so one Cholesky factor serves every order and EᵀE = YᵀY − WₚᵀWₚ with
    /// W = L⁻¹XᵀY. `nil` (use the QR path) when the design is ill-conditioned, a fit
    /// explains over 99 % of a series, or the residuals are nearly collinear.
    static func fastLogDeterminants(_ series: [[Double]], maxLag: Int) -> [Double]? {
        // series = [s0, s1]; LaggedCrossProducts' "y" is s0 and "x" is s1.
        let g = LaggedCrossProducts(x: series[1], y: series[0], maxLag: maxLag, from: maxLag)
        var columns = [0]
        for l in stride(from: 1, through: maxLag, by: 1) { columns += [g.yLag(l), g.xLag(l)] }
        let k = columns.count
        let all = columns + [g.yNow, g.xNow]
        let a = g.submatrix(all, extraRowsFrom: maxLag, lags: maxLag)
        let kk = k + 2
        var xtx = [Double](repeating: 0, count: k * k)
        var b0 = [Double](repeating: 0, count: k), b1 = [Double](repeating: 0, count: k)
        for i in 0..<k {
            for j in 0..<k { xtx[i * k + j] = a[i * kk + j] }
            b0[i] = a[i * kk + k]
            b1[i] = a[i * kk + k + 1]
        }
        let yy00 = a[k * kk + k], yy11 = a[(k + 1) * kk + k + 1], yy01 = a[k * kk + k + 1]
        guard let l = GuardedCholesky.factor(xtx, k) else { return nil }
        let w0 = GuardedCholesky.forward(l, k, b0), w1 = GuardedCholesky.forward(l, k, b1)
        let nobs = Double(series[0].count - maxLag)
        var out: [Double] = []
        var s00 = 0.0, s11 = 0.0, s01 = 0.0
        for p in 0...maxLag {
            let upTo = 1 + 2 * p
            let from = p == 0 ? 0 : 1 + 2 * (p - 1)
            for i in from..<upTo {
                s00 += w0[i] * w0[i]
                s11 += w1[i] * w1[i]
                s01 += w0[i] * w1[i]
            }
            let e00 = yy00 - s00, e11 = yy11 - s11, e01 = yy01 - s01
            guard e00 > 0.01 * yy00, e11 > 0.01 * yy11 else { return nil }
            let det = e00 * e11 - e01 * e01
            guard det > 1e-6 * e00 * e11 else { return nil }
            out.append(Double.log(det) - 2 * Double.log(nobs))
        }
        return out
    }

    /// ln det(EᵀE) for the residual columns E, from a Householder QR of E:
    /// det(EᵀE) = Π R_jj². This avoids forming EᵀE, whose determinant loses about
    /// twice as many digits when residuals are nearly collinear. (statsmodels forms
    /// Σ̂ and takes a Cholesky; the two agree to ~1e-13 unless Σ̂ is near-singular.)
    static func logDeterminantOfCrossProducts(_ columns: [[Double]]) -> Double {
        let k = columns.count, n = columns[0].count
        var a = columns.flatMap { $0 }
        var diagonal = [Double](repeating: 0, count: k)
        let dependent = a.withUnsafeMutableBufferPointer { a in
            diagonal.withUnsafeMutableBufferPointer { d in
                HouseholderQR.factor(a, rows: n, columns: k, diagonal: d, rhs: nil, tolerance: 0)
            }
        }
        if dependent != nil { return -.infinity }
        // |R_jj| is the norm of column j below the diagonal before its reflection.
        var ld = 0.0
        for d in diagonal { ld += 2 * Double.log(abs(d)) }
        return ld
    }

    /// ln det Σ̂ for one order by Householder QR: each equation fitted by OLS on the
    /// common rows, then ln det(EᵀE) − K ln nobs.
    static func qrLogDeterminant(_ series: [[Double]], order p: Int, maxLag: Int) throws(StatsError) -> Double {
        let total = series[0].count, nobs = total - maxLag
        // Rows t = maxLag … total − 1; regressors const, then lags 1…p of every series.
        var columns: [[Double]] = [[Double](repeating: 1, count: nobs)]
        for l in stride(from: 1, through: p, by: 1) {
            for s in series { columns.append(Array(s[(maxLag - l)..<(total - l)])) }
        }
        let design = DesignMatrix(columns: columns)
        var residuals: [[Double]] = []
        for s in series { residuals.append(try OLS.fit(design, Array(s[maxLag...])).residuals) }
        return logDeterminantOfCrossProducts(residuals) - Double(series.count) * Double.log(Double(nobs))
    }
}

import RealModule

/// A design matrix stored column by column (column-major), `rows × columns`.
public struct DesignMatrix: Sendable {
    public var rows: Int
    public var columns: Int
    /// Element (i, j) is `values[j * rows + i]`.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        // trap-ok: riskflow builds design matrices only through `init(columns:)` (below) or
        // with `values` sized rows × columns by the same expression.
        precondition(values.count == rows * columns, "values must hold rows × columns elements")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Builds the matrix from its columns (each of length `rows`).
    public init(columns cols: [[Double]]) {
        let rows = cols.first?.count ?? 0
        // trap-ok: every caller's columns are lagged or transformed copies of one aligned
        // sample, cut to the same rows (Granger, ADF, VAR order selection, HAC tests).
        precondition(cols.allSatisfy { $0.count == rows }, "columns must have the same length")
        self.init(rows: rows, columns: cols.count, values: cols.flatMap { $0 })
    }
}

/// An ordinary least squares fit (statsmodels `OLS(y, X).fit()` conventions).
public struct OLSResult: Sendable {
    public var coefficients: [Double]
    /// y − Xβ.
    public var residuals: [Double]
    /// Sum of squared residuals.
    public var ssr: Double
    public var nobs: Int
    /// Number of regressors (constant included).
    public var k: Int
    /// nobs − k.
    public var dfResid: Int
    /// Gaussian log-likelihood −n/2 · (ln 2π + ln(SSR/n) + 1).
    public var logLikelihood: Double
    /// √(σ² · [(XᵀX)⁻¹]ⱼⱼ) with σ² = SSR / dfResid.
    public var standardErrors: [Double]
    /// (XᵀX)⁻¹, `k × k`, row-major.
    public var unscaledCovariance: [Double]

    /// AIC = −2 llf + 2k (statsmodels `aic`, constant counted in k).
    public var aic: Double { -2 * logLikelihood + 2 * Double(k) }
    /// t statistics βⱼ / seⱼ.
    public var tValues: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }
}

/// Ordinary least squares by Householder QR.
public enum OLS {
    /// Fits y = Xβ + ε.
    ///
    /// QR without pivoting; a column whose part outside the span of the previous ones is
    /// below 1e-10 of its own norm makes the design singular: an error, never a fit of
    /// numerical noise (statsmodels' pinv would return one).
    /// - Throws: ``StatsError`` for too few rows (n ≤ k), non-finite values or a singular
    ///   design.
    /// - Complexity: O(n k²).
    public static func fit(_ x: DesignMatrix, _ y: [Double]) throws(StatsError) -> OLSResult {
        let n = x.rows, k = x.columns
        guard y.count == n else { throw StatsError(.invalidArgument, "y has \(y.count) values for \(n) rows") }
        guard n > k else {
            throw StatsError(.tooFewObservations, "OLS needs more observations (\(n)) than regressors (\(k))")
        }
        for v in x.values where !v.isFinite {
            throw StatsError(.nonFinite, "the design matrix holds a NaN or infinite value")
        }
        for v in y where !v.isFinite { throw StatsError(.nonFinite, "y holds a NaN or infinite value") }
        var a = x.values
        var qty = y
        var diag = [Double](repeating: 0, count: k)
        let dependent = a.withUnsafeMutableBufferPointer { a in
            qty.withUnsafeMutableBufferPointer { q in
                diag.withUnsafeMutableBufferPointer { d in
                    HouseholderQR.factor(a, rows: n, columns: k, diagonal: d, rhs: q, tolerance: 1e-10)
                }
            }
        }
        if let j = dependent {
            throw StatsError(
                .singularDesign,
                "the design is singular: regressor \(j + 1) of \(k) is (numerically) a linear combination of the others")
        }
        // R: diagonal in `diag`, above it in `a` (row j, column c > j at a[c·n + j]).
        func r(_ i: Int, _ j: Int) -> Double { i == j ? diag[i] : a[j * n + i] }
        var beta = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = qty[i]
            for j in (i + 1)..<max(i + 1, k) { s -= r(i, j) * beta[j] }
            beta[i] = s / diag[i]
        }
        // Residuals from the original design.
        var residuals = y
        x.values.withUnsafeBufferPointer { xv in
            for j in 0..<k {
                let b = beta[j], col = j * n
                for i in 0..<n { residuals[i] -= xv[col + i] * b }
            }
        }
        var ssr = 0.0
        for e in residuals { ssr += e * e }
        // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ.
        var rInv = [Double](repeating: 0, count: k * k)  // row-major upper triangular
        for j in 0..<k {
            rInv[j * k + j] = 1 / diag[j]
            for i in stride(from: j - 1, through: 0, by: -1) {
                var s = 0.0
                for m in (i + 1)...j { s += r(i, m) * rInv[m * k + j] }
                rInv[i * k + j] = -s / diag[i]
            }
        }
        var cov = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in i..<k {
                var s = 0.0
                for m in j..<k { s += rInv[i * k + m] * rInv[j * k + m] }
                cov[i * k + j] = s
                cov[j * k + i] = s
            }
        }
        let dfResid = n - k
        let sigma2 = ssr / Double(dfResid)
        let se = (0..<k).map { (sigma2 * cov[$0 * k + $0]).squareRoot() }
        let nd = Double(n)
        let llf = -nd / 2 * (Double.log(2 * Double.pi) + Double.log(ssr / nd) + 1)
        return OLSResult(
            coefficients: beta, residuals: residuals, ssr: ssr, nobs: n, k: k, dfResid: dfResid, logLikelihood: llf,
            standardErrors: se, unscaledCovariance: cov)
    }
}

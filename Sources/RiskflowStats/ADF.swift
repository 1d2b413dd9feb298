import RealModule

/// Augmented Dickey-Fuller unit-root test with a constant and the lag chosen by AIC.
///
/// Matches `statsmodels.tsa.stattools.adfuller(x, regression="c", autolag="AIC")`:
/// maxlag = min(⌈12 (n/100)^¼⌉, n/2 − 2) (integer division); every lag 0…maxlag is fitted
/// as Δx_t ~ const + x_{t−1} + Δx_{t−1…t−lag} on the common n − 1 − maxlag rows and the
/// lag with the smallest AIC is kept (ties: the smaller lag); the regression is refitted
/// on all n − 1 − lag rows and the statistic is the t value of x_{t−1}. p-value:
/// MacKinnon (1994) surface; critical values: MacKinnon (2010), for N = 1.
public struct ADFResult: Sendable, Codable, Equatable {
    public var stat: Double
    public var p: Double
    /// The lag chosen.
    public var lags: Int
    /// Rows of the final regression.
    public var nobs: Int
    /// The largest lag searched.
    public var maxLag: Int
    /// The smallest AIC found.
    public var icBest: Double
    public var critical1: Double
    public var critical5: Double
    public var critical10: Double

    /// - Throws: ``StatsError`` for a constant series, non-finite values or a sample too
    ///   short for the regression.
    public static func test(_ x: [Double]) throws(StatsError) -> ADFResult {
        for v in x where !v.isFinite { throw StatsError(.nonFinite, "the series holds NaN or infinite values") }
        guard let first = x.first, x.contains(where: { $0 != first }) else {
            throw StatsError(.constantSeries, "the series is constant: the ADF test is undefined")
        }
        let n = x.count
        var maxLag = Int((12 * Double.pow(Double(n) / 100, 0.25)).rounded(.up))
        maxLag = min(n / 2 - 1 - 1, maxLag)
        guard maxLag >= 0 else {
            throw StatsError(.tooFewObservations, "the ADF test needs more observations than \(n)")
        }
        let dx = (1..<n).map { x[$0] - x[$0 - 1] }
        // Search on the common sample: rows i = maxLag … dx.count − 1 of Δx.
        var best = (aic: Double.infinity, lag: 0)
        for lag in 0...maxLag {
            let fit = try regression(x: x, dx: dx, lag: lag, firstRow: maxLag)
            if fit.aic < best.aic { best = (fit.aic, lag) }
        }
        let final = try regression(x: x, dx: dx, lag: best.lag, firstRow: best.lag)
        let stat = final.coefficients[1] / final.standardErrors[1]
        let nobs = final.nobs
        let crit = MacKinnon.criticalValues(nobs: nobs)
        return ADFResult(
            stat: stat, p: MacKinnon.pValue(stat), lags: best.lag, nobs: nobs, maxLag: maxLag, icBest: best.aic,
            critical1: crit.0, critical5: crit.1, critical10: crit.2)
    }

    /// Δx_i ~ const + x_i(level before the difference) + Δx_{i−1…i−lag}, rows i ≥ firstRow.
    static func regression(x: [Double], dx: [Double], lag: Int, firstRow: Int) throws(StatsError) -> OLSResult {
        let m = dx.count - firstRow
        var columns: [[Double]] = [[Double](repeating: 1, count: m), Array(x[firstRow..<(firstRow + m)])]
        for l in stride(from: 1, through: lag, by: 1) { columns.append(Array(dx[(firstRow - l)..<(firstRow - l + m)])) }
        return try OLS.fit(DesignMatrix(columns: columns), Array(dx[firstRow...]))
    }
}

/// MacKinnon's response surfaces for the Dickey-Fuller τ statistic with a constant,
/// one series (statsmodels `adfvalues.mackinnonp` / `mackinnoncrit`, regression "c", N = 1).
public enum MacKinnon {
    /// Approximate p-value (MacKinnon 1994): Φ of a polynomial in τ, 1 above 2.74,
    /// 0 below −18.83.
    public static func pValue(_ tau: Double) -> Double {
        if tau > 2.74 { return 1 }
        if tau < -18.83 { return 0 }
        // Coefficients scaled exactly as statsmodels does (value × scaling factor).
        let poly: [Double]
        if tau <= -1.61 {
            poly = [3.8269 * 1e-2, 1.4412 * 1, 2.1659 * 1]  // highest degree first
        } else {
            poly = [-1.0368 * 1e-2, -1.2745 * 1e-1, 9.3202 * 1e-1, 1.7339 * 1]
        }
        var y = 0.0
        for c in poly { y = y * tau + c }
        return Normal.cdf(y)
    }

    /// Critical values at 1 %, 5 % and 10 % for a sample of `nobs` (MacKinnon 2010):
    /// β₀ + β₁/n + β₂/n² + β₃/n³.
    public static func criticalValues(nobs: Int) -> (Double, Double, Double) {
        let z = 1 / Double(nobs)
        func value(_ b: [Double]) -> Double {
            var y = 0.0
            for c in b.reversed() { y = y * z + c }
            return y
        }
        return (
            value([-3.43035, -6.5393, -16.786, -79.433]), value([-2.86154, -2.8903, -4.234, -40.040]),
            value([-2.56677, -1.5384, -2.809, 0])
        )
    }
}

import RiskflowCore

/// A one-sample Student t-test of a sample's mean against a given mean.
public struct OneSampleTTest: Sendable, Equatable {
    /// t = (x̄ − μ₀) / (s / √n), s the sample standard deviation (ddof 1).
    public var t: Double
    /// Two-sided p-value, 2·P(T_{n−1} > |t|).
    public var p: Double
    public var df: Int

    /// As `scipy.stats.ttest_1samp(values, popmean)` (two-sided, ddof 1); `nil` with
    /// fewer than 2 values. A sample with no variation gives t = ±∞ (p = 0) when its
    /// mean differs from μ₀ and `NaN` when it equals it, as scipy does.
    ///
    /// Cost: O(n).
    public init?(_ values: [Double], mean mu: Double) {
        let n = values.count
        guard n >= 2 else { return nil }
        var sum = 0.0
        for v in values { sum += v }
        let mean = sum / Double(n)
        var ss = 0.0
        for v in values { ss += (v - mean) * (v - mean) }
        let se = (ss / Double(n - 1) / Double(n)).squareRoot()
        t = (mean - mu) / se
        df = n - 1
        p = t.isNaN ? .nan : StudentT(df: Double(df)).twoSided(t)
    }
}

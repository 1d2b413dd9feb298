import RealModule

/// Performance of a value curve, with the conventions of empyrical / QuantStats (the
/// peers' `metrics.py`): returns r_t of consecutive values, rf = 0, P periods a year.
public struct PerformanceMetrics: Sendable, Equatable, Codable {
    /// prod(1 + r) − 1.
    public var totalReturn: Double
    /// (1 + total)^(P / n) − 1, years counted in return rows.
    public var cagr: Double
    /// std(r, ddof 1) · √P.
    public var volatility: Double
    /// mean(r) / std(r, ddof 1) · √P (`nil` without variation).
    public var sharpe: Double?
    /// mean(r) / √(Σ min(r, 0)² / n) · √P (`nil` without losses).
    public var sortino: Double?
    /// min over t of equity_t / max_{s≤t} equity_s − 1 (≤ 0), from a baseline of 1.
    public var maxDrawdown: Double
    /// cagr / |maxDrawdown| (`nil` without a drawdown).
    public var calmar: Double?

    /// The metrics of `values` (a value curve whose first element is the starting value,
    /// e.g. the initial cash), with `periodsPerYear` periods a year. `nil` with fewer than
    /// two values.
    ///
    /// Cost: O(n), one pass.
    public init?(values: [Double], periodsPerYear p: Double) {
        let n = values.count - 1
        guard n >= 1, let first = values.first, first > 0 else { return nil }
        var sum = 0.0, downSq = 0.0
        var peak = first, mdd = 0.0
        for t in 1...n {
            let r = values[t] / values[t - 1] - 1
            sum += r
            if r < 0 { downSq += r * r }
            peak = max(peak, values[t])
            mdd = min(mdd, values[t] / peak - 1)
        }
        let mean = sum / Double(n)
        // Two-pass variance for accuracy.
        var ss = 0.0
        for t in 1...n {
            let r = values[t] / values[t - 1] - 1
            ss += (r - mean) * (r - mean)
        }
        let sd = n > 1 ? (ss / Double(n - 1)).squareRoot() : .nan
        totalReturn = values[n] / first - 1
        cagr = Double.pow(1 + totalReturn, p / Double(n)) - 1
        volatility = sd * p.squareRoot()
        sharpe = sd > 0 ? mean / sd * p.squareRoot() : nil
        let dd = (downSq / Double(n)).squareRoot()
        sortino = dd > 0 ? mean / dd * p.squareRoot() : nil
        maxDrawdown = mdd
        calmar = mdd < 0 ? cagr / abs(mdd) : nil
    }
}

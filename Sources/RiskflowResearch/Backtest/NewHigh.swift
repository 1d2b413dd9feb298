import RiskflowCore

/// The `new-high` rule, in one place for the backtest, the sweep and the walk-forward: a
/// signal on row t when close[t] > max(close[t−n…t−1]) (the n previous closes only).
enum NewHigh {
    /// signal[t] for every row (false for t < n).
    ///
    /// Cost: O(rows), one rolling-max pass.
    static func signals(_ c: [Double], lookback n: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: c.count)
        guard n >= 1, n < c.count else { return out }
        let high = rollingMax(c, window: n)
        for t in n..<c.count where c[t] > high[t - 1] { out[t] = true }
        return out
    }

    /// Entry orders on their fill rows: the row after each signal.
    static func entries(_ c: [Double], lookback n: Int) -> [Bool] {
        let s = signals(c, lookback: n)
        var entries = [Bool](repeating: false, count: c.count)
        for t in 0..<max(0, c.count - 1) where s[t] { entries[t + 1] = true }
        return entries
    }
}

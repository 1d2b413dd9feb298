import RiskflowCore

/// Values as they were known on each day: the last observation whose publication day
/// (``Bars/knownDays``) is on or before the day.
enum PointInTime {
    /// For each target day, the index of the last row known by then (−1 when none).
    /// Publication days are non-decreasing for every rule riskflow uses.
    /// - Complexity: O(n + m).
    static func knownIndex(_ bars: Bars, on targets: [Day]) -> [Int] {
        let known = bars.knownDays
        var out = [Int](repeating: -1, count: targets.count)
        var j = 0
        for (i, t) in targets.enumerated() {
            while j < known.count && known[j] <= t { j += 1 }
            out[i] = j - 1
        }
        return out
    }

    /// The close known on each target day, `NaN` when none.
    static func closes(_ bars: Bars, on targets: [Day]) -> [Double] {
        knownIndex(bars, on: targets).map { $0 >= 0 ? bars.close[$0] : .nan }
    }
}

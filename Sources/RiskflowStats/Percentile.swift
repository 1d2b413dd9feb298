/// Percentiles by numpy's default (`np.percentile(a, q)`, method "linear"): the value at
/// position (n − 1)·q/100 of the sorted data, interpolated linearly between its
/// neighbours.
public enum Percentile {
    /// The q-th percentile (0 ≤ q ≤ 100) of `values`, `nil` when empty or when q is outside
    /// [0, 100] or NaN (numpy raises there). Reorders `values`
    /// (selection, not a full sort).
    ///
    /// Cost: O(n) expected (quickselect), no allocation.
    public static func linear(_ values: inout [Double], _ q: Double) -> Double? {
        linear(&values, q, from: 0)
    }

    /// Two percentiles q1 ≤ q2 of `values` with one partition pass shared: the second
    /// selection searches only above the first (q1 > q2 selects each from the start).
    public static func linearPair(_ values: inout [Double], _ q1: Double, _ q2: Double) -> (Double?, Double?) {
        let a = linear(&values, q1, from: 0)
        guard !values.isEmpty, a != nil, q1 <= q2 else { return (a, linear(&values, q2, from: 0)) }
        let lo = Int((Double(values.count - 1) * q1 / 100).rounded(.down))
        return (a, linear(&values, q2, from: lo))
    }

    /// The q-th percentile when `values[..<from]` hold only values ≤ the order statistics
    /// sought (after an earlier selection at `from`).
    static func linear(_ values: inout [Double], _ q: Double, from start: Int) -> Double? {
        let n = values.count
        guard n > 0, q >= 0, q <= 100 else { return nil }
        let position = Double(n - 1) * q / 100
        let lo = Int(position.rounded(.down))
        let fraction = position - Double(lo)
        let a = select(&values, lo, from: start)
        guard fraction > 0, lo + 1 < n else { return a }
        // The next order statistic is the smallest value above position lo.
        var b = Double.infinity
        for i in (lo + 1)..<n where values[i] < b { b = values[i] }
        // numpy's _lerp: a + (b − a)·t, written as numpy does for t < 0.5.
        let d = b - a
        return fraction >= 0.5 ? b - d * (1 - fraction) : a + d * fraction
    }

    /// Puts the k-th smallest value at index k, smaller ones before it and larger ones
    /// after it (Hoare's quickselect with median-of-three pivots), and returns it.
    static func select(_ values: inout [Double], _ k: Int, from start: Int = 0) -> Double {
        values.withUnsafeMutableBufferPointer { a in
            var lo = start, hi = a.count - 1
            while hi > lo {
                let mid = lo + (hi - lo) / 2
                // Median of three to index mid.
                if a[mid] < a[lo] { a.swapAt(mid, lo) }
                if a[hi] < a[lo] { a.swapAt(hi, lo) }
                if a[hi] < a[mid] { a.swapAt(hi, mid) }
                let pivot = a[mid]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
            }
            return a[k]
        }
    }
}

import RiskflowCore

/// Two-sided resampling tests (so a claim can be contradicted as well as supported) and
/// the bootstrap interval of a mean. Seeded and reproducible like the one-sided draws.
extension Resampling {
    /// Two-sided permutation p-value of an observed mean of `n` values against the means of
    /// random subsets of `pool` (drawn without replacement): p = (1 + #{draws with
    /// |mean − μ| ≥ |observed − μ|}) / (1 + draws), μ = the pool's mean.
    /// - Cost: O(draws · n²) for small n, parallel across cores.
    public static func permutationPValueTwoSided(
        observed: Double, n: Int, pool: [Double], draws: Int, seed: UInt64, stream: UInt64 = 0
    ) -> Double? {
        guard n >= 1, n <= pool.count, draws >= 1 else { return nil }
        let center = pool.reduce(0, +) / Double(pool.count)
        let distance = abs(observed - center)
        let chunks = min(draws, 64)
        let counts = Parallel.map(chunks) { c -> Int in
            var picks = [Int](repeating: 0, count: n)
            var count = 0
            for d in (draws * c / chunks)..<(draws * (c + 1) / chunks) {
                var g = SplitMix64(seed: seed, stream: stream &* 0x1_0000_0000 &+ UInt64(d))
                let m = sampleMean(pool, n, &g, &picks)
                if abs(m - center) >= distance - 1e-12 * max(1, distance) { count += 1 }
            }
            return count
        }
        return Double(1 + counts.reduce(0, +)) / Double(1 + draws)
    }

    /// The number of ways to choose `k` of `n` (`nil` past `limit`).
    public static func combinations(_ n: Int, _ k: Int, limit: Int) -> Int? {
        guard k >= 0, k <= n else { return 0 }
        var c = 1
        for i in 0..<min(k, n - k) {
            let (m, o) = c.multipliedReportingOverflow(by: n - i)
            guard !o else { return nil }
            c = m / (i + 1)
            if c > limit { return nil }
        }
        return c
    }

    /// Two-sided relabelling p-value of mean(a) − mean(b): exactly, over every split of
    /// a ∪ b into groups of |a| and |b| when there are at most `draws` of them (then p is a
    /// multiple of 1/C(|a|+|b|, |a|): 2 vs 2 gives sixths), else by `draws` random splits
    /// with p = (1 + #) / (1 + draws). A split counts when |difference| ≥ |observed|.
    /// - Returns: the p-value and the number of relabellings enumerated (`nil` when random).
    public static func differencePValueTwoSided(_ a: [Double], _ b: [Double], draws: Int, seed: UInt64)
        -> (p: Double, exactRelabellings: Int?)?
    {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let pooled = a + b
        let total = pooled.reduce(0, +)
        let na = a.count, nb = b.count
        let observed = abs(a.reduce(0, +) / Double(na) - b.reduce(0, +) / Double(nb))
        let tolerance = 1e-12 * max(1, observed)
        @Sendable func diff(_ sumA: Double) -> Double { abs(sumA / Double(na) - (total - sumA) / Double(nb)) }
        if let count = combinations(pooled.count, na, limit: max(draws, 1)) {
            // Every subset of size na, by index combinations in lexicographic order.
            var idx = Array(0..<na)
            var hits = 0
            while true {
                var s = 0.0
                for i in idx { s += pooled[i] }
                if diff(s) >= observed - tolerance { hits += 1 }
                var i = na - 1
                while i >= 0 && idx[i] == pooled.count - na + i { i -= 1 }
                if i < 0 { break }
                idx[i] += 1
                for j in (i + 1)..<na { idx[j] = idx[j - 1] + 1 }
            }
            return (Double(hits) / Double(count), count)
        }
        let chunks = min(draws, 64)
        let counts = Parallel.map(chunks) { c -> Int in
            var picks = [Int](repeating: 0, count: na)
            var count = 0
            for d in (draws * c / chunks)..<(draws * (c + 1) / chunks) {
                var g = SplitMix64(seed: seed, stream: UInt64(d))
                let s = sampleMean(pooled, na, &g, &picks) * Double(na)
                if diff(s) >= observed - tolerance { count += 1 }
            }
            return count
        }
        return (Double(1 + counts.reduce(0, +)) / Double(1 + draws), nil)
    }

    /// Percentile bootstrap interval of the mean of `values` (resampled with replacement,
    /// `draws` times; numpy "linear" percentiles at (1 − level)/2 and (1 + level)/2).
    /// `nil` for fewer than 2 values.
    public static func bootstrapMeanInterval(_ values: [Double], draws: Int, seed: UInt64, level: Double = 0.95)
        -> (low: Double, high: Double)?
    {
        guard values.count >= 2, draws >= 1 else { return nil }
        let n = values.count
        var means = Parallel.map(draws) { d -> Double in
            var g = SplitMix64(seed: seed, stream: 0xB007 &* 0x1_0000_0000 &+ UInt64(d))
            var s = 0.0
            for _ in 0..<n { s += values[g.nextIndex(n)] }
            return s / Double(n)
        }
        let (lo, hi) = Percentile.linearPair(&means, 100 * (1 - level) / 2, 100 * (1 + level) / 2)
        guard let lo, let hi else { return nil }
        return (lo, hi)
    }

    /// Percentile bootstrap interval of mean(a) − mean(b), each group resampled with
    /// replacement on its own (`nil` unless both groups have a value).
    public static func bootstrapDifferenceInterval(_ a: [Double], _ b: [Double], draws: Int, seed: UInt64, level: Double = 0.95)
        -> (low: Double, high: Double)?
    {
        guard !a.isEmpty, !b.isEmpty, a.count + b.count >= 3, draws >= 1 else { return nil }
        var diffs = Parallel.map(draws) { d -> Double in
            var g = SplitMix64(seed: seed, stream: 0xD1FF &* 0x1_0000_0000 &+ UInt64(d))
            var sa = 0.0, sb = 0.0
            for _ in 0..<a.count { sa += a[g.nextIndex(a.count)] }
            for _ in 0..<b.count { sb += b[g.nextIndex(b.count)] }
            return sa / Double(a.count) - sb / Double(b.count)
        }
        let (lo, hi) = Percentile.linearPair(&diffs, 100 * (1 - level) / 2, 100 * (1 + level) / 2)
        guard let lo, let hi else { return nil }
        return (lo, hi)
    }
}

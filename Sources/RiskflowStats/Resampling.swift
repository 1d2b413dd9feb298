import RiskflowCore

/// Permutation and bootstrap draws, seeded and reproducible: draw d uses its own stream
/// `SplitMix64(seed:stream:)`, so results do not depend on how the draws are spread over
/// the cores. Draws run in parallel (``Parallel/map(_:serialBelow:_:)``).
public enum Resampling {
    /// One-sided permutation p-value of an observed mean against means of random subsets:
    /// p = (1 + #{draws whose mean of `n` values, drawn uniformly **without** replacement
    /// from `pool`, is ≥ `observed`}) / (1 + draws). (Phipson and Smyth 2010: never 0.)
    ///
    /// NaN unless 1 ≤ n ≤ pool.count and draws ≥ 1.
    /// - Cost: O(draws · n²) for small n (duplicates are rejected against the n picks
    ///   already made), parallel across cores.
    public static func permutationPValue(
        observed: Double, n: Int, pool: [Double], draws: Int, seed: UInt64, stream: UInt64 = 0
    ) -> Double {
        guard n >= 1, n <= pool.count, draws >= 1 else { return .nan }
        let chunks = min(draws, 64)
        let counts = Parallel.map(chunks) { c in
            permutationCount(
                observed: observed, n: n, pool: pool, draws: (draws * c / chunks)..<(draws * (c + 1) / chunks), seed: seed, stream: stream)
        }
        return Double(1 + counts.reduce(0, +)) / Double(1 + draws)
    }

    /// The draws `draws` (indices into the full run) of ``permutationPValue``: how many
    /// of them have a mean ≥ `observed`. Any split of 0..<draws sums to the same count.
    public static func permutationCount(observed: Double, n: Int, pool: [Double], draws: Range<Int>, seed: UInt64, stream: UInt64) -> Int {
        var picks = [Int](repeating: 0, count: n)
        var count = 0
        for d in draws {
            var g = SplitMix64(seed: seed, stream: stream &* 0x1_0000_0000 &+ UInt64(d))
            let mean = sampleMean(pool, n, &g, &picks)
            // Ties count (a tolerance for summing the same values in another order).
            if mean >= observed - 1e-12 * max(1, abs(observed)) { count += 1 }
        }
        return count
    }

    /// The mean of `n` distinct elements of `pool`, chosen uniformly (for n up to half the
    /// pool by rejection of repeats, above it by a partial Fisher–Yates on a copy).
    static func sampleMean(_ pool: [Double], _ n: Int, _ g: inout SplitMix64, _ picks: inout [Int]) -> Double {
        let m = pool.count
        var sum = 0.0
        if 2 * n <= m {
            var taken = 0
            while taken < n {
                let i = g.nextIndex(m)
                var seen = false
                for t in 0..<taken where picks[t] == i {
                    seen = true
                    break
                }
                if seen { continue }
                picks[taken] = i
                taken += 1
                sum += pool[i]
            }
        } else {
            var copy = pool
            for t in 0..<n {
                let j = t + g.nextIndex(m - t)
                copy.swapAt(t, j)
                sum += copy[t]
            }
        }
        return sum / Double(n)
    }

    /// One-sided permutation p-value of a difference of group means, mean(a) − mean(b),
    /// by relabelling: p = (1 + #{draws whose difference ≥ observed}) / (1 + draws), each
    /// draw a uniformly random split of a ∪ b into groups of |a| and |b|.
    ///
    /// NaN unless both groups are non-empty and draws ≥ 1.
    public static func differencePValue(_ a: [Double], _ b: [Double], draws: Int, seed: UInt64) -> Double {
        guard !a.isEmpty, !b.isEmpty, draws >= 1 else { return .nan }
        let chunks = min(draws, 64)
        let counts = Parallel.map(chunks) { c in
            differenceCount(a, b, draws: (draws * c / chunks)..<(draws * (c + 1) / chunks), seed: seed)
        }
        return Double(1 + counts.reduce(0, +)) / Double(1 + draws)
    }

    /// The draws `draws` of ``differencePValue``: how many relabellings have a difference
    /// ≥ the observed one. Any split of 0..<draws sums to the same count.
    public static func differenceCount(_ a: [Double], _ b: [Double], draws: Range<Int>, seed: UInt64) -> Int {
        let pooled = a + b
        let total = pooled.reduce(0, +)
        let observed = a.reduce(0, +) / Double(a.count) - b.reduce(0, +) / Double(b.count)
        var picks = [Int](repeating: 0, count: a.count)
        var count = 0
        for d in draws {
            var g = SplitMix64(seed: seed, stream: UInt64(d))
            let meanA = sampleMean(pooled, a.count, &g, &picks)
            let sumA = meanA * Double(a.count)
            let diff = meanA - (total - sumA) / Double(b.count)
            // Ties at the observed value count (a tolerance for the re-summation).
            if diff >= observed - 1e-12 * max(1, abs(observed)) { count += 1 }
        }
        return count
    }

    /// Bootstrap percentile band of a mean path: `paths[e][k]` is event e's value on day
    /// k (`NaN` where the event has none). Each of `draws` resamples picks events with
    /// replacement (as many as there are), and takes, per day, the mean over the picked
    /// events that have a value that day; the band is the `lower`/`upper` percentiles
    /// (numpy "linear") of those means per day. `nil` on days no resample has a value.
    ///
    /// Cost: O(draws · events · days), parallel across draws; O(draws · days) memory.
    public static func bootstrapBand(
        paths: [[Double]], days: Int, draws: Int, seed: UInt64, lower: Double = 5, upper: Double = 95
    ) -> [(lo: Double?, hi: Double?)] {
        guard !paths.isEmpty, draws > 0 else { return Array(repeating: (nil, nil), count: days) }
        let chunks = min(draws, 64)
        let blocks = Parallel.map(chunks) { c in
            bootstrapMeans(paths: paths, days: days, draws: (draws * c / chunks)..<(draws * (c + 1) / chunks), seed: seed)
        }
        return bandFromMeans(blocks, days: days, lower: lower, upper: upper)
    }

    /// The draws `draws` of ``bootstrapBand``: each draw's mean per day, day-major
    /// (`out[k · draws.count + r]` is draw `draws.lowerBound + r` on day k; NaN where no
    /// picked event has a value).
    public static func bootstrapMeans(paths: [[Double]], days: Int, draws: Range<Int>, seed: UInt64) -> [Double] {
        let e = paths.count
        let rows = draws.count
        var out = [Double](repeating: .nan, count: rows * days)
        guard e > 0 else { return out }
        // A path holds values on a prefix of days (it stops where the data ends), or has
        // gaps: prefix paths take the fast loop, others the general one.
        let prefix: [Int?] = paths.map { path in
            let n = min(days, path.count)
            let valid = path[..<n].firstIndex { $0.isNaN } ?? n
            return path[valid..<n].allSatisfy(\.isNaN) ? valid : nil
        }
        var sums = [Double](repeating: 0, count: days)
        var ends = [Int](repeating: 0, count: days + 1)  // picks whose prefix ends at each day
        var counts = [Int](repeating: 0, count: days)
        for d in draws {
            var g = SplitMix64(seed: seed, stream: UInt64(d))
            sums.withUnsafeMutableBufferPointer { s in
                for k in 0..<days { s[k] = 0 }
            }
            for k in 0...days { ends[k] = 0 }
            for k in 0..<days { counts[k] = 0 }
            for _ in 0..<e {
                let pick = g.nextIndex(e)
                let path = paths[pick]
                if let valid = prefix[pick] {
                    path.withUnsafeBufferPointer { p in
                        sums.withUnsafeMutableBufferPointer { s in
                            for k in 0..<valid { s[k] += p[k] }
                        }
                    }
                    ends[valid] += 1
                } else {
                    for k in 0..<min(days, path.count) where !path[k].isNaN {
                        sums[k] += path[k]
                        counts[k] += 1
                    }
                }
            }
            // Picks covering day k: those whose prefix ends after k, plus the gapped ones.
            var covering = 0
            for k in 0...days { covering += ends[k] }  // total prefix picks
            let r = d - draws.lowerBound
            out.withUnsafeMutableBufferPointer { o in
                for k in 0..<days {
                    covering -= ends[k]
                    let n = covering + counts[k]
                    if n > 0 { o[k * rows + r] = sums[k] / Double(n) }
                }
            }
        }
        return out
    }

    /// The band from blocks of ``bootstrapMeans`` covering the draws in order: per day,
    /// the `lower`/`upper` percentiles (numpy "linear") of the non-NaN means.
    public static func bandFromMeans(_ blocks: [[Double]], days: Int, lower: Double = 5, upper: Double = 95)
        -> [(lo: Double?, hi: Double?)]
    {
        let rowsOf = blocks.map { days > 0 ? $0.count / days : 0 }
        let total = rowsOf.reduce(0, +)
        return Parallel.map(days) { k -> (lo: Double?, hi: Double?) in
            var column: [Double] = []
            column.reserveCapacity(total)
            for (c, block) in blocks.enumerated() {
                let rows = rowsOf[c]
                for v in block[(k * rows)..<((k + 1) * rows)] where !v.isNaN { column.append(v) }
            }
            let (lo, hi) = Percentile.linearPair(&column, lower, upper)
            return (lo, hi)
        }
    }
}

import RiskflowCore
import RiskflowStats

/// An inclusive integer range `start:end:step` (`20:520:5` is 20, 25, …, 520).
public struct SweepRange: Sendable, Equatable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public var step: Int

    public init(start: Int, end: Int, step: Int) {
        self.start = start
        self.end = end
        self.step = step
    }

    /// Parses `a:b:s` (or `a` alone). Empty or inverted ranges and steps < 1 are errors.
    public init(parsing text: String, name: String) throws(SweepError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        let parts = fields.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (parts.count == 3 || parts.count == 1), parts.count == fields.count else {
            throw SweepError(.badRange, "\(name): '\(text)' is not a range start:end:step of whole numbers")
        }
        start = parts[0]
        end = parts.count == 3 ? parts[1] : parts[0]
        step = parts.count == 3 ? parts[2] : 1
        guard step >= 1 else { throw SweepError(.badRange, "\(name): the step must be at least 1") }
        guard start >= 1 else { throw SweepError(.badRange, "\(name): values must be at least 1") }
        guard end >= start else { throw SweepError(.badRange, "\(name): '\(text)' is empty (its end is below its start)") }
    }

    public var values: [Int] { Array(stride(from: start, through: end, by: step)) }
    public var description: String { "\(start):\(end):\(step)" }
}

public typealias SweepError = CodedError<SweepErrorCode>

public enum SweepErrorCode: String, Sendable {
    case badRange = "bad_range"
    case tooLittleData = "too_little_data"
}

/// The sweep of the `new-high` strategy over lookbacks × holds, with next-row fills and
/// costs: per combo the total return, Sharpe, max drawdown and trades, identical to
/// running ``BacktestEngine`` on each combo (and to vectorbt with the entries shifted one
/// row), but sharing the work: one rolling-max pass and one next-signal jump table per
/// lookback; each combo jumps from trade to trade, with prefix sums of close returns for
/// the Sharpe and range queries (a sparse table for highs and lows, a segment tree for
/// drawdowns) for the max drawdown, so a combo costs O(trades · log rows) and no combos ×
/// rows matrix is ever formed. Combos run in parallel.
public struct Sweep: Sendable {
    let closes: [Double]
    let n: Int
    let costs: Costs
    let lookbacks: [Int]
    let holds: [Int]
    /// nextSignal[l][t]: the first row u ≥ t with a new-high signal for lookback l (n if none).
    let nextSignal: [[Int32]]
    /// Prefix sums of close returns r_t = c_t / c_{t−1} − 1 (t ≥ 1) and of their squares.
    let p1: [Double]
    let p2: [Double]
    let ranges: RangeQueries

    public init(closes: [Double], lookbacks: [Int], holds: [Int], costs: Costs) {
        self.closes = closes
        n = closes.count
        self.costs = costs
        self.lookbacks = lookbacks
        self.holds = holds
        let c = closes, count = closes.count
        nextSignal = Parallel.map(lookbacks.count) { l -> [Int32] in
            let w = lookbacks[l]
            var next = [Int32](repeating: Int32(count), count: count + 1)
            let signal = NewHigh.signals(c, lookback: w)
            var following = Int32(count)
            for t in stride(from: count - 1, through: 0, by: -1) {
                if signal[t] { following = Int32(t) }
                next[t] = following
            }
            return next
        }
        var a = [Double](repeating: 0, count: count + 1), b = a
        for t in 1..<max(1, count) {
            let r = c[t] / c[t - 1] - 1
            a[t + 1] = a[t] + r
            b[t + 1] = b[t] + r * r
        }
        p1 = a
        p2 = b
        ranges = RangeQueries(c)
    }

    /// One combo's results.
    public struct Outcome: Sendable, Equatable, Codable {
        public var totalReturn: Double
        /// Sharpe per period (mean / sd of the n value-curve returns, ddof 1).
        public var sharpePerPeriod: Double
        public var maxDrawdown: Double
        public var trades: Int
    }

    /// The combo `(lookbacks[l], hold)`; with `blocks`, also each block's sums of returns
    /// and of squared returns (CSCV), the blocks being the last ⌊n/S⌋·S returns.
    public func evaluate(lookback l: Int, hold h: Int, blocks s: Int = 0) -> (Outcome, [Double], [Double]) {
        let c = closes
        let buy = (1 + costs.s) * (1 + costs.f), sellFactor = (1 - costs.s) * (1 - costs.f)
        let next = nextSignal[l]
        var value = 100.0, peak = 100.0, ratio = 1.0
        var sum = 0.0, sq = 0.0, trades = 0
        let m = s > 0 ? n / s : 0, drop = n - m * s
        var bs = [Double](repeating: 0, count: s), bq = bs
        func addRow(_ t: Int, _ r: Double) {
            sum += r
            sq += r * r
            if s > 0 && t >= drop {
                bs[(t - drop) / m] += r
                bq[(t - drop) / m] += r * r
            }
        }
        func addCloseReturns(_ from: Int, _ to: Int) {  // rows from..<to
            guard to > from else { return }
            sum += p1[to] - p1[from]
            sq += p2[to] - p2[from]
            guard s > 0 else { return }
            var a = max(from, drop)
            while a < to {
                let block = (a - drop) / m
                let b = min(to, drop + (block + 1) * m)
                bs[block] += p1[b] - p1[a]
                bq[block] += p2[b] - p2[a]
                a = b
            }
        }
        var pos = 0
        while pos < n {
            let signal = Int(next[pos])
            guard signal + 1 < n else { break }
            let e = signal + 1
            let units = value / (c[e] * buy)
            trades += 1
            addRow(e, 1 / buy - 1)
            let x = e + h
            let end = min(x, n)
            // Drawdown over the rows held [e, end): against the peak before the trade,
            // then the trade's own running peak.
            let (low, high, inner) = ranges.query(e, end)
            ratio = min(ratio, low * units / peak, inner)
            peak = max(peak, units * high)
            addCloseReturns(e + 1, end)
            if x >= n {
                value = units * c[n - 1]
                break
            }
            let exitValue = units * c[x] * sellFactor
            addRow(x, c[x] * sellFactor / c[x - 1] - 1)
            value = exitValue
            ratio = min(ratio, value / max(peak, value))
            peak = max(peak, value)
            pos = x
        }
        let count = Double(n)
        let mean = sum / count
        let variance = n > 1 ? (sq - count * mean * mean) / (count - 1) : 0
        let sharpe = variance > 0 ? mean / variance.squareRoot() : 0
        return (Outcome(totalReturn: value / 100 - 1, sharpePerPeriod: sharpe, maxDrawdown: ratio - 1, trades: trades), bs, bq)
    }
}

/// Range minimum and maximum of the closes in O(1) (sparse tables) and the range's own
/// max drawdown ratio, min over t of c_t / max(c_a…c_t), in O(log n) (a segment tree of
/// (max, min, drawdown) merged left to right).
struct RangeQueries: Sendable {
    let maxTable: [[Double]]
    let minTable: [[Double]]
    let size: Int
    let treeMax: [Double]
    let treeMin: [Double]
    let treeRatio: [Double]

    init(_ c: [Double]) {
        let n = c.count
        var maxT = [c], minT = [c]
        var k = 1
        while (1 << k) <= n {
            let half = 1 << (k - 1)
            let pm = maxT[k - 1], pn = minT[k - 1]
            maxT.append((0..<(n - (1 << k) + 1)).map { max(pm[$0], pm[$0 + half]) })
            minT.append((0..<(n - (1 << k) + 1)).map { min(pn[$0], pn[$0 + half]) })
            k += 1
        }
        maxTable = maxT
        minTable = minT
        var size = 1
        while size < max(1, n) { size <<= 1 }
        self.size = size
        var tmax = [Double](repeating: -.infinity, count: 2 * size)
        var tmin = [Double](repeating: .infinity, count: 2 * size)
        var tratio = [Double](repeating: 1, count: 2 * size)
        for i in 0..<n {
            tmax[size + i] = c[i]
            tmin[size + i] = c[i]
        }
        for i in stride(from: size - 1, through: 1, by: -1) {
            let l = 2 * i, r = 2 * i + 1
            tmax[i] = max(tmax[l], tmax[r])
            tmin[i] = min(tmin[l], tmin[r])
            tratio[i] = tmax[l] == -.infinity ? tratio[r] : tmin[r] == .infinity ? tratio[l] : min(tratio[l], tratio[r], tmin[r] / tmax[l])
        }
        treeMax = tmax
        treeMin = tmin
        treeRatio = tratio
    }

    /// (min, max, drawdown ratio) of rows a..<b (b > a).
    func query(_ a: Int, _ b: Int) -> (Double, Double, Double) {
        let k = Int.bitWidth - 1 - (b - a).leadingZeroBitCount
        let low = min(minTable[k][a], minTable[k][b - (1 << k)])
        let high = max(maxTable[k][a], maxTable[k][b - (1 << k)])
        // Segment tree, left pieces in order and right pieces in reverse order (at most
        // one per level: a fixed buffer, no allocation).
        var mx = -Double.infinity, mn = Double.infinity, ratio = 1.0
        @inline(__always) func take(_ node: Int) {
            ratio = mx == -.infinity ? treeRatio[node] : min(ratio, treeRatio[node], treeMin[node] / mx)
            mx = max(mx, treeMax[node])
            mn = min(mn, treeMin[node])
        }
        var right: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int,
                    Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var l = a + size, r = b + size
        withUnsafeMutableBytes(of: &right) { raw in
            let stack = raw.bindMemory(to: Int.self)
            while l < r {
                if l & 1 == 1 {
                    take(l)
                    l += 1
                }
                if r & 1 == 1 {
                    r -= 1
                    stack[count] = r
                    count += 1
                }
                l >>= 1
                r >>= 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) { take(stack[k]) }
        }
        _ = mn
        return (low, high, ratio)
    }
}

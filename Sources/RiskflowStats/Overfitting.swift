import RealModule
import RiskflowCore

extension Normal {
    /// The standard normal quantile Φ⁻¹(p), 0 < p < 1: Acklam's rational approximation
    /// refined by one Halley step on the exact tails (`erfc`), accurate to ~1e-15
    /// relative (scipy `norm.ppf`).
    public static func quantile(_ p: Double) -> Double {
        // Outside (0, 1): the limits, and NaN for NaN (scipy's norm.ppf).
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * Double.log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * Double.log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement: e = Φ(x) − p from the tail that keeps precision.
        for _ in 0..<2 {
            let e = x < 0 ? cdf(x) - p : (1 - p) - sf(x)
            let u = e * (2 * Double.pi).squareRoot() * Double.exp(x * x / 2)
            x -= u / (1 + x * u / 2)
        }
        return x
    }
}

/// The probabilistic and deflated Sharpe ratios (Bailey and López de Prado 2014).
public enum DeflatedSharpe {
    /// PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)), SR per period over
    /// T returns, γ₃ the skewness and γ₄ the (non-excess) kurtosis.
    public static func probabilistic(sharpe sr: Double, benchmark: Double, observations t: Int, skewness g3: Double, kurtosis g4: Double)
        -> Double
    {
        let denominator = (1 - g3 * sr + (g4 - 1) / 4 * sr * sr).squareRoot()
        return Normal.cdf((sr - benchmark) * Double(t - 1).squareRoot() / denominator)
    }

    /// The expected maximum Sharpe ratio of N independent trials with variance V of their
    /// Sharpe ratios: SR₀ = √V·((1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e))), γ the
    /// Euler–Mascheroni constant.
    public static func expectedMaximum(trials n: Int, variance v: Double) -> Double {
        let gamma = 0.5772156649015329
        guard n > 1 else { return 0 }
        return v.squareRoot() * ((1 - gamma) * Normal.quantile(1 - 1 / Double(n)) + gamma * Normal.quantile(1 - 1 / (Double(n) * Double.exp(1))))
    }

    /// DSR = PSR(SR₀).
    public static func deflated(sharpe sr: Double, observations t: Int, skewness g3: Double, kurtosis g4: Double, trials n: Int, variance v: Double)
        -> Double
    {
        probabilistic(sharpe: sr, benchmark: expectedMaximum(trials: n, variance: v), observations: t, skewness: g3, kurtosis: g4)
    }

    /// Population skewness and non-excess kurtosis (`scipy.stats.skew`,
    /// `kurtosis(fisher=False)`, both with bias) of `x`.
    public static func moments(_ x: [Double]) -> (skewness: Double, kurtosis: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        m2 /= n
        m3 /= n
        m4 /= n
        return (m3 / Double.pow(m2, 1.5), m4 / (m2 * m2))
    }
}

/// The probability of backtest overfitting by combinatorially symmetric cross-validation
/// (Bailey, Borwein, López de Prado and Zhu 2015), from per-block sums of each trial's
/// returns, so a split costs O(N·S).
public enum CSCV {
    public struct Result: Sendable, Equatable {
        /// Share of splits whose in-sample best ranks in the bottom half out of sample (λ ≤ 0).
        public var pbo: Double
        public var blocks: Int
        public var splits: Int
        /// OLS slope of the in-sample best's out-of-sample Sharpe on its in-sample Sharpe.
        public var degradationSlope: Double?
        /// λ = ln(ω̄ / (1 − ω̄)) per split.
        public var logits: [Double]
    }

    /// - Parameters:
    ///   - sums, squares: `[trial][block]` sums of returns and of squared returns.
    ///   - rowsPerBlock: returns per block (equal blocks).
    /// Performance is the Sharpe ratio (mean / sample sd) of the pooled blocks; the OOS
    /// rank is the average rank among all trials (ties averaged), ω̄ = rank / (N + 1).
    public static func pbo(sums: [[Double]], squares: [[Double]], rowsPerBlock m: Int) -> Result? {
        let n = sums.count
        guard n >= 2, let s = sums.first?.count, s >= 2, s % 2 == 0, m >= 1 else { return nil }
        // All C(S, S/2) in-sample sets as bit masks.
        let masks = (0..<(UInt32(1) << s)).filter { $0.nonzeroBitCount == s / 2 }
        let rows = Double(m * s / 2)
        @Sendable func sharpe(_ sum: Double, _ sq: Double) -> Double {
            let mean = sum / rows
            let variance = (sq - rows * mean * mean) / (rows - 1)
            return variance > 0 ? mean / variance.squareRoot() : (mean > 0 ? .infinity : mean < 0 ? -.infinity : 0)
        }
        /// A strictly increasing function of the Sharpe ratio (SR·|SR|) without a square
        /// root: ranks and the best are decided on it.
        @Sendable func key(_ sum: Double, _ sq: Double) -> Double {
            let mean = sum / rows
            let variance = (sq - rows * mean * mean) / (rows - 1)
            return variance > 0 ? mean * abs(mean) / variance : (mean > 0 ? .infinity : mean < 0 ? -.infinity : 0)
        }
        // Contiguous per-trial block sums and totals: a split sums its S/2 in-sample blocks
        // and takes the out-of-sample half as total − in-sample.
        var flatSums = [Double](repeating: 0, count: n * s), flatSquares = flatSums
        var totalSums = [Double](repeating: 0, count: n), totalSquares = totalSums
        for i in 0..<n {
            for j in 0..<s {
                flatSums[i * s + j] = sums[i][j]
                flatSquares[i * s + j] = squares[i][j]
                totalSums[i] += sums[i][j]
                totalSquares[i] += squares[i][j]
            }
        }
        let fs = flatSums, fq = flatSquares, ts = totalSums, tq = totalSquares
        let chunks = min(masks.count, Parallel.cores * 8)
        let parts = Parallel.map(chunks) { c -> [(logit: Double, isSharpe: Double, oosSharpe: Double)] in
            var oos = [Double](repeating: 0, count: n)
            var out: [(logit: Double, isSharpe: Double, oosSharpe: Double)] = []
            var blocks = [Int](repeating: 0, count: s / 2)
            for k in (masks.count * c / chunks)..<(masks.count * (c + 1) / chunks) {
                let mask = masks[k]
                var b = 0
                for j in 0..<s where mask & (1 << j) != 0 {
                    blocks[b] = j
                    b += 1
                }
                var best = 0, bestKey = -Double.infinity, bestSum = 0.0, bestSq = 0.0
                for i in 0..<n {
                    var a = 0.0, a2 = 0.0
                    let base = i * s
                    for j in blocks {
                        a += fs[base + j]
                        a2 += fq[base + j]
                    }
                    let p = key(a, a2)
                    if p > bestKey {
                        bestKey = p
                        best = i
                        bestSum = a
                        bestSq = a2
                    }
                    oos[i] = key(ts[i] - a, tq[i] - a2)
                }
                let bestPerf = sharpe(bestSum, bestSq), bestOOS = sharpe(ts[best] - bestSum, tq[best] - bestSq)
                // Average rank (1 = worst) of the best's OOS performance.
                var below = 0, equal = 0
                let target = oos[best]
                for i in 0..<n {
                    if oos[i] < target { below += 1 } else if oos[i] == target { equal += 1 }
                }
                let rank = Double(below) + Double(equal + 1) / 2
                let w = rank / Double(n + 1)
                out.append((Double.log(w / (1 - w)), bestPerf, bestOOS))
            }
            return out
        }
        let results = parts.flatMap { $0 }
        let logits = results.map(\.logit)
        let pbo = Double(logits.filter { $0 <= 0 }.count) / Double(logits.count)
        // Degradation: OLS slope of OOS on IS Sharpe of the in-sample best.
        let pts = results.filter { $0.isSharpe.isFinite && $0.oosSharpe.isFinite }
        var slope: Double? = nil
        if pts.count >= 2 {
            let mx = pts.map(\.isSharpe).reduce(0, +) / Double(pts.count), my = pts.map(\.oosSharpe).reduce(0, +) / Double(pts.count)
            var sxy = 0.0, sxx = 0.0
            for p in pts {
                sxy += (p.isSharpe - mx) * (p.oosSharpe - my)
                sxx += (p.isSharpe - mx) * (p.isSharpe - mx)
            }
            slope = sxx > 0 ? sxy / sxx : nil
        }
        return Result(pbo: pbo, blocks: s, splits: masks.count, degradationSlope: slope, logits: logits)
    }
}

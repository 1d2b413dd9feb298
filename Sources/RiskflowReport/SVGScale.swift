import RealModule
import RiskflowCore

/// Axis scales and tick placement for the SVG charts.
struct LinearScale {
    var domain: ClosedRange<Double>
    /// Output pixels (start, end); end may be below start (y grows downward).
    var range: (Double, Double)
    var isLog = false

    func map(_ v: Double) -> Double {
        let (a, b) = isLog ? (Double.log10(domain.lowerBound), Double.log10(domain.upperBound)) : (domain.lowerBound, domain.upperBound)
        let x = isLog ? Double.log10(max(v, domain.lowerBound)) : v
        guard b > a else { return (range.0 + range.1) / 2 }
        return range.0 + (x - a) / (b - a) * (range.1 - range.0)
    }

    /// Ticks at "nice" steps (1, 2, 2.5, 5 × 10^k) or, on a log scale, at 1, 2, 5 × 10^k.
    func ticks(count: Int = 5) -> [Double] {
        let lo = domain.lowerBound, hi = domain.upperBound
        if isLog {
            var out: [Double] = []
            var p = Double.pow(10, Double.log10(lo).rounded(.down))
            let decades = Double.log10(hi / lo)
            let mults: [Double] = decades > 4 ? [1] : decades > 1.5 ? [1, 3] : [1, 2, 5]
            while p <= hi * 1.0001 {
                for m in mults where p * m >= lo * 0.9999 && p * m <= hi * 1.0001 { out.append(p * m) }
                p *= 10
            }
            return out
        }
        let span = hi - lo
        guard span > 0 else { return [lo] }
        let raw = span / Double(count)
        let mag = Double.pow(10, Double.log10(raw).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        var t = (lo / step).rounded(.up) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    /// A domain padded by 5 % with room for the ticks (log: positive values only).
    static func domain(_ values: [Double], isLog: Bool, include: [Double] = []) -> ClosedRange<Double> {
        let v = (values + include).filter { $0.isFinite && (!isLog || $0 > 0) }
        guard var lo = v.min(), var hi = v.max() else { return 0...1 }
        if isLog { return (lo / 1.15)...(hi * 1.15) }
        if lo == hi {
            lo -= 1
            hi += 1
        }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }
}

/// Date ticks: years (every 1, 2, 5 or 10) or months for short spans.
enum DateTicks {
    static func ticks(from: Day, to: Day) -> [(Day, String)] {
        let years = Double(to - from) / 365.25
        if years < 2 {
            var out: [(Day, String)] = []
            var d = from.startOfMonth.adding(months: 1)
            let step = years < 0.5 ? 1 : 3
            while d <= to {
                let c = d.components
                out.append((d, "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)"))
                d = d.adding(months: step)
            }
            return out
        }
        let step = years <= 10 ? 1 : years <= 20 ? 2 : years <= 50 ? 5 : 10
        var y = from.year + 1
        y = (y + step - 1) / step * step
        var out: [(Day, String)] = []
        while let d = Day(year: y, month: 1, day: 1), d <= to {
            out.append((d, String(y)))
            y += step
        }
        return out
    }
}

/// Reduces a line to at most ~2 points per pixel column (the first, min, max and last
/// of each column, in order), always keeping the days in `keep` (breakout days), so
/// peaks survive and marked days are drawn exactly.
enum Downsample {
    static func minMax(days: [Day], values: [Double], columns: Int, keep: Set<Day> = []) -> (days: [Day], values: [Double]) {
        guard days.count > columns * 4, let first = days.first, let last = days.last, last > first else {
            return (days, values)
        }
        let span = Double(last - first)
        var outD: [Day] = [], outV: [Double] = []
        outD.reserveCapacity(columns * 4)
        outV.reserveCapacity(columns * 4)
        var i = 0
        while i < days.count {
            let col = Int(Double(days[i] - first) / span * Double(columns - 1))
            var j = i
            var lo = i, hi = i
            var forced: [Int] = []
            while j < days.count && Int(Double(days[j] - first) / span * Double(columns - 1)) == col {
                if values[j] < values[lo] { lo = j }
                if values[j] > values[hi] { hi = j }
                if keep.contains(days[j]) { forced.append(j) }
                j += 1
            }
            let picks = Set([i, lo, hi, j - 1] + forced).sorted()
            for k in picks {
                outD.append(days[k])
                outV.append(values[k])
            }
            i = j
        }
        return (outD, outV)
    }
}

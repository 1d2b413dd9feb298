import Foundation
import RiskflowCore
import Testing
import RiskflowTestSupport

/// Reference values from pandas 3.1 (`Fixtures/make_rolling_fixtures.py`).
struct RollingFixture: Decodable {
    struct Window: Decodable {
        var sum: [Double?]
        var mean: [Double?]
        var std: [Double?]
        var min: [Double?]
        var max: [Double?]
        var std_exact: [Double?]
    }
    struct Case: Decodable {
        var name: String
        var x: [Double?]
        var windows: [String: Window]
    }
    struct Resample: Decodable {
        var days: [String]
        var values: [Double]
        var weekly_days: [String]
        var weekly_values: [Double]
        var monthly_days: [String]
        var monthly_values: [Double]
    }
    var cases: [Case]
    var resample: Resample

    static let shared: RollingFixture = {
        let url = Bundle.module.url(forResource: "rolling_pandas", withExtension: "json")!
        return try! JSONDecoder().decode(RollingFixture.self, from: Data(contentsOf: url))
    }()
}

/// `NaN` where pandas has `None`, and relative agreement elsewhere.
func agree(_ got: [Double], _ want: [Double?], relative: Double, absolute: Double = 0) -> Bool {
    guard got.count == want.count else { return false }
    for (g, w) in zip(got, want) {
        guard let w else {
            if !g.isNaN { return false }
            continue
        }
        if g.isNaN { return false }
        if abs(g - w) > max(absolute, relative * max(abs(w), abs(g))) { return false }
    }
    return true
}

@Suite("Rolling windows") struct RollingTests {
    @Test(arguments: RollingFixture.shared.cases.map(\.name))
    func matchesPandas(caseName: String) {
        let c = RollingFixture.shared.cases.first { $0.name == caseName }!
        let x = c.x.map { $0 ?? .nan }
        for (wText, ref) in c.windows {
            let w = Int(wText)!
            let scale = x.filter(\.isFinite).map(abs).max() ?? 1
            #expect(agree(rollingSum(x, window: w), ref.sum, relative: 1e-12, absolute: 1e-12 * scale * Double(w)), "sum w=\(w)")
            #expect(agree(rollingMean(x, window: w), ref.mean, relative: 1e-12), "mean w=\(w)")
            #expect(agree(rollingMin(x, window: w), ref.min, relative: 0), "min w=\(w)")
            #expect(agree(rollingMax(x, window: w), ref.max, relative: 0), "max w=\(w)")
            // Against the exact two-pass std: tight. Against pandas' online std: pandas' own drift.
            let std = rollingStd(x, window: w)
            let stdScale = ref.std_exact.compactMap { $0 }.max() ?? 1
            #expect(agree(std, ref.std_exact, relative: 1e-9, absolute: 1e-12 * max(stdScale, scale * 1e-6)), "std exact w=\(w)")
            if caseName != "large_offset" {
                #expect(agree(std, ref.std, relative: 1e-7, absolute: 1e-12), "std pandas w=\(w)")
            }
        }
    }

    @Test func edgeCases() {
        #expect(rollingMean([], window: 3).isEmpty)
        #expect(rollingMax([7], window: 1) == [7])
        #expect(rollingStd([7], window: 1)[0].isNaN)
        #expect(rollingSum([1, 2], window: 3).allSatisfy { $0.isNaN })
        let inf = rollingMax([1, .infinity, 2, 3], window: 2)
        #expect(inf[1] == .infinity && inf[2] == .infinity && inf[3] == 3)
        let neg = rollingMin([1, -.infinity, 2, 3], window: 2)
        #expect(neg[1] == -.infinity && neg[3] == 2)
    }

    /// A window below 1 fits no rows: all NaN, never a trap (a flag or query can carry 0).
    @Test func aWindowBelowOneGivesAllNaN() {
        for w in [0, -1, Int.min] {
            #expect(rollingMean([1, 2, 3], window: w).allSatisfy { $0.isNaN })
            #expect(rollingSum([1, 2, 3], window: w).allSatisfy { $0.isNaN })
            #expect(rollingStd([1, 2, 3], window: w).allSatisfy { $0.isNaN })
            #expect(rollingMax([1, 2, 3], window: w).allSatisfy { $0.isNaN })
            #expect(rollingMin([1, 2, 3], window: w).count == 3)
        }
    }

    @Test func stdStaysExactOverLongInputs() {
        // A long random walk: the re-based running sums must not drift.
        var g = SplitMix64(seed: 42)
        var x = [Double](repeating: 0, count: 200_000)
        var level = 1000.0
        for i in x.indices {
            level *= 1 + (Double(g.next() % 2001) - 1000) / 100_000
            x[i] = level
        }
        let w = 50
        let s = rollingStd(x, window: w)
        for t in stride(from: w - 1, to: x.count, by: 997) {
            let win = x[(t - w + 1)...t]
            let m = win.reduce(0, +) / Double(w)
            let exact = (win.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(w - 1)).squareRoot()
            #expect(abs(s[t] - exact) <= 1e-9 * exact, "t=\(t)")
        }
    }

    @Test func resamplingMatchesPandas() {
        let r = RollingFixture.shared.resample
        let s = Series(
            id: "X", unit: .usd, calendar: .daily, days: r.days.map { try! Day(iso: $0) }, values: r.values)
        let w = s.weeklyLast()
        #expect(w.days.map(\.iso) == r.weekly_days)
        #expect(w.values == r.weekly_values)
        let m = s.monthlyLast()
        #expect(m.days.map(\.iso) == r.monthly_days)
        #expect(m.values == r.monthly_values)
    }
}


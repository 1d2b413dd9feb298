import RiskflowStats
import RiskflowTestSupport
import Testing

/// Holm's adjustment against `statsmodels.stats.multitest.multipletests(p, method="holm")`
/// (statsmodels 0.15.0, peers venv; values pasted from its output).
@Suite("Holm adjustment") struct HolmTests {
    static let cases: [([Double], [Double])] = [
        ([0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02]),
        ([0.2, 0.2, 0.01, 0.5, 0.049, 0.0001], [0.6000000000000001, 0.6000000000000001, 0.05, 0.6000000000000001, 0.196, 0.0006000000000000001]),
        ([0.5], [0.5]),
        ([1e-10, 0.3, 0.3, 0.02, 0.9, 0.049, 0.0123, 0.6], [8e-10, 1.0, 1.0, 0.12, 1.0, 0.245, 0.0861, 1.0]),
    ]

    @Test(arguments: 0..<cases.count) func matchesStatsmodels(_ k: Int) {
        let (p, expected) = Self.cases[k]
        let adjusted = Holm.adjust(p)
        for (a, b) in zip(adjusted, expected) { #expect(close(a, b, relative: 1e-15), "\(p) → \(adjusted)") }
    }

    @Test func emptyAndMonotone() {
        #expect(Holm.adjust([]).isEmpty)
        let a = Holm.adjust([0.04, 0.01, 0.03])
        #expect(a[1] <= a[2] && a[2] <= a[0])
    }
}

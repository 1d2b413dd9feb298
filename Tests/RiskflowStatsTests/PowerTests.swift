import Foundation
import RiskflowTestSupport
@testable import RiskflowStats
import Testing

/// Power, MDE, the exact binomial and relabelling tests and the HAC Wald test against
/// scipy/statsmodels (`Fixtures/make_power_fixtures.py` → `power_reference.json`).
@Suite("power and two-sided tests against scipy and statsmodels") struct PowerTests {
    struct Reference: Decodable {
        struct MDE: Decodable { var u, v: Int; var alpha, mde_partial_r2, power_at_r2_002, crit: Double }
        struct CDF: Decodable { var x: Double; var u, v: Int; var lambda, cdf: Double }
        struct Binom: Decodable { var k, n: Int; var p, pvalue: Double }
        struct Relabel: Decodable { var a, b: [Double]; var p: Double; var relabellings: Int }
        struct HAC: Decodable { var lag, maxlags: Int; var chi2, p: Double }
        struct R2: Decodable { var f: Double; var u, v: Int; var low, high: Double }
        var ncf_mde: [MDE]
        var ncf_cdf: [CDF]
        var binomtest: [Binom]
        var relabel: [Relabel]
        var hac: [HAC]
        var r2_interval: [R2]
    }

    static let reference: Reference = {
        let url = Bundle.module.url(forResource: "power_reference", withExtension: "json")!
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    @Test func noncentralFAndTheMDEMatchScipy() {
        for c in Self.reference.ncf_cdf {
            #expect(close(Power.noncentralFCDF(c.x, d1: Double(c.u), d2: Double(c.v), lambda: c.lambda), c.cdf, 1e-8), "\(c)")
        }
        for c in Self.reference.ncf_mde {
            #expect(close(Power.fCritical(alpha: c.alpha, d1: Double(c.u), d2: Double(c.v)), c.crit, 1e-9))
            #expect(close(Power.fTestMDE(u: c.u, v: c.v, alpha: c.alpha), c.mde_partial_r2, 1e-6), "\(c)")
            #expect(close(Power.fTest(f2: Power.f2(partialR2: 0.02), u: c.u, v: c.v, alpha: c.alpha), c.power_at_r2_002, 1e-7))
        }
    }

    @Test func partialR2IntervalInvertsTheNoncentralF() {
        for c in Self.reference.r2_interval {
            let r = Power.partialR2Interval(f: c.f, u: c.u, v: c.v)
            #expect(close(r.low, c.low, relative: 1e-6, absolute: 1e-12), "\(c)")
            #expect(close(r.high, c.high, 1e-6), "\(c)")
        }
    }

    @Test func twoSidedBinomialMatchesBinomtest() {
        for c in Self.reference.binomtest {
            #expect(close(Power.binomialTwoSided(k: c.k, n: c.n, p: c.p), c.pvalue, 1e-10), "\(c)")
        }
        // The power of the exact test is that of its rejection region: with 4 trials at
        // p₀ = 1/6 and α = 0.05, only 3 or 4 successes reject.
        let p1 = 0.6
        #expect(close(Power.binomial(n: 4, p0: 1.0 / 6, p1: p1, alpha: 0.05), 4 * pow(p1, 3) * 0.4 + pow(p1, 4), 1e-12))
        #expect(Power.binomialMDE(n: 2, p0: 1.0 / 6, alpha: 0.05 / 6) == nil)  // two trials cannot reject
    }

    @Test func exactRelabellingEnumeratesEverySplit() throws {
        for c in Self.reference.relabel {
            let r = try #require(Resampling.differencePValueTwoSided(c.a, c.b, draws: 10_000, seed: 1))
            #expect(r.exactRelabellings == c.relabellings)
            #expect(close(r.p, c.p, 1e-12))
        }
        // More splits than draws: random relabelling, p never 0.
        let many = try #require(Resampling.differencePValueTwoSided(Array(repeating: 1, count: 20), (0..<20).map(Double.init), draws: 500, seed: 1))
        #expect(many.exactRelabellings == nil && many.p > 0)
    }

    @Test func hacWaldMatchesStatsmodels() throws {
        let t = (0..<300).map(Double.init)
        let x = t.map { sin(0.37 * $0) + 0.5 * cos(1.91 * $0) + 0.2 * sin(0.05 * $0 * $0) }
        var y = [Double](repeating: 0, count: 300)
        for i in 1..<300 {
            let d = Double(i)
            y[i] = 0.03 * x[i - 1] + 0.8 * sin(2.3 * d) + 0.1 * cos(0.11 * d * d) + 0.2 * y[i - 1]
        }
        for c in Self.reference.hac {
            #expect(Granger.neweyWestLags(300 - c.lag) == c.maxlags)
            let r = try Granger.hacWald(x: x, y: y, lag: c.lag)
            #expect(close(r.chi2, c.chi2, 1e-8), "lag \(c.lag)")
            #expect(close(r.p, c.p, 1e-6), "lag \(c.lag)")
        }
    }

    @Test func normalPowerAndMDE() {
        // (1.96 + 0.8416) σ at α = 0.05, power 0.8.
        #expect(close(Power.normalMDE(se: 1, alpha: 0.05), 2.8015852, 1e-6))
        #expect(close(Power.normal(effect: 2.8015852, se: 1, alpha: 0.05), 0.8 + Normal.cdf(-2.8015852 - 1.959964), 1e-6))
    }
}

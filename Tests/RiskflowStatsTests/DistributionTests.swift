import RiskflowStats
import Testing
import RiskflowTestSupport

struct DistributionFixture: Decodable {
    struct NormalCase: Decodable { var x: Double; var cdf: Double?; var sf: Double? }
    struct TCase: Decodable { var df: Double; var t: Double; var sf: Double?; var cdf: Double? }
    struct FCase: Decodable { var d1: Double; var d2: Double; var x: Double; var sf: Double?; var cdf: Double? }
    struct ChiCase: Decodable { var df: Double; var x: Double; var sf: Double?; var cdf: Double? }
    var normal: [NormalCase]
    var t: [TCase]
    var f: [FCase]
    var chi2: [ChiCase]
    static let shared = loadFixture("distributions_scipy", as: DistributionFixture.self)
}

/// Tails compared relatively down to 1e-300; values below that are 0 in both.
func tailClose(_ a: Double, _ b: Double?, relative: Double = 1e-9) -> Bool {
    guard let b else { return false }
    if b < 1e-300 { return a < 1e-290 }
    return close(a, b, relative: relative, absolute: 1e-300)
}

@Suite("Distributions against scipy") struct DistributionTests {
    @Test func normal() {
        for c in DistributionFixture.shared.normal {
            #expect(tailClose(Normal.cdf(c.x), c.cdf), "cdf \(c.x)")
            #expect(tailClose(Normal.sf(c.x), c.sf), "sf \(c.x)")
        }
    }

    @Test func studentT() {
        for c in DistributionFixture.shared.t {
            let d = StudentT(df: c.df)
            #expect(tailClose(d.sf(c.t), c.sf), "t sf df=\(c.df) t=\(c.t): \(d.sf(c.t)) vs \(c.sf ?? .nan)")
            #expect(tailClose(d.cdf(c.t), c.cdf), "t cdf df=\(c.df) t=\(c.t)")
        }
    }

    @Test func fDistribution() {
        for c in DistributionFixture.shared.f {
            let d = FDistribution(d1: c.d1, d2: c.d2)
            #expect(tailClose(d.sf(c.x), c.sf), "F sf (\(c.d1),\(c.d2)) x=\(c.x): \(d.sf(c.x)) vs \(c.sf ?? .nan)")
            #expect(tailClose(d.cdf(c.x), c.cdf), "F cdf (\(c.d1),\(c.d2)) x=\(c.x): \(d.cdf(c.x)) vs \(c.cdf ?? .nan)")
        }
    }

    @Test func chiSquared() {
        for c in DistributionFixture.shared.chi2 {
            let d = ChiSquared(df: c.df)
            #expect(tailClose(d.sf(c.x), c.sf), "chi2 sf df=\(c.df) x=\(c.x): \(d.sf(c.x)) vs \(c.sf ?? .nan)")
            #expect(tailClose(d.cdf(c.x), c.cdf), "chi2 cdf df=\(c.df) x=\(c.x)")
        }
    }

    @Test func tailsBelow1e100AreComputedNotSubtracted() {
        // scipy: F(16, 1500).sf(100) = 9.537772855393383e-223, chi²(8).sf(1300) = 2.3506152837959182e-275.
        #expect(close(FDistribution(d1: 16, d2: 1500).sf(100), 9.537772855393383e-223))
        #expect(close(ChiSquared(df: 8).sf(1300), 2.3506152837959182e-275))
        // Through the complement a 1 − CDF would give 0 here.
        #expect(FDistribution(d1: 16, d2: 1500).cdf(100) == 1)
        #expect(Normal.sf(37) > 0)
    }
}

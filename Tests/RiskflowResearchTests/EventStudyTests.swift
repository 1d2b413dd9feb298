import Foundation
import RiskflowCore
import RiskflowResearch
import RiskflowStats
import RiskflowTestSupport
import Testing

/// The event study against values computed independently from its definition with numpy
/// and scipy (`Fixtures/make_event_fixtures.py`), and the properties of its random draws.
@Suite("event study") struct EventStudyTests {
    struct Reference: Decodable {
        struct Record: Decodable {
            var date: String
            var entry: String
            var returns: [String: Double?]
        }
        struct Summary: Decodable {
            var h: Int
            var n: Int
            var mean, median, hit_rate, uncond_mean, t_stat, t_p: Double
            var uncond_n: Int
        }
        var days: [String]
        var closes: [Double]
        var events: [String]
        var horizons: [Int]
        var records: [Record]
        var summary: [Summary]
    }

    static let reference: Reference = {
        let url = Bundle.module.url(forResource: "events_reference", withExtension: "json")!
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    static func study(draws: Int = 2000, seed: UInt64 = 1) -> FollowerStudy {
        let r = reference
        let s = Series(id: "X", unit: .usd, calendar: .nyse, days: r.days.map(day), values: r.closes)
        var settings = EventStudySettings()
        settings.horizons = r.horizons
        settings.draws = draws
        settings.seed = seed
        return EventStudy.run(events: r.events.map(day), follower: s, settings: settings, stream: 0)
    }

    @Test func entriesExitsAndReturnsFollowTheDefinition() {
        let study = Self.study()
        let r = Self.reference
        #expect(study.events.map(\.date.iso) == r.records.map(\.date))
        #expect(study.events.map(\.entry.iso) == r.records.map(\.entry))
        for (mine, theirs) in zip(study.events, r.records) {
            for h in r.horizons.map(String.init) {
                let a = mine.returns[h] ?? nil, b = theirs.returns[h] ?? nil
                #expect((a == nil) == (b == nil), "\(mine.date.iso) \(h)")
                if let a, let b { #expect(close(a, b, relative: 1e-12), "\(mine.date.iso) \(h)") }
            }
        }
    }

    @Test func statisticsMatchScipy() {
        let study = Self.study()
        for (mine, theirs) in zip(study.horizons, Self.reference.summary) {
            #expect(mine.h == theirs.h && mine.n == theirs.n && mine.uncondN == theirs.uncond_n)
            #expect(close(mine.mean, theirs.mean, relative: 1e-12))
            #expect(close(mine.median, theirs.median, relative: 1e-12))
            #expect(mine.hitRate == theirs.hit_rate)
            #expect(close(mine.uncondMean, theirs.uncond_mean, relative: 1e-10))
            #expect(close(mine.tStat, theirs.t_stat, relative: 1e-9))
            #expect(close(mine.tP, theirs.t_p, relative: 1e-9))
            #expect(mine.smallSample == (theirs.n < 5))
        }
    }

    @Test func theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        let a = Self.study(seed: 7), b = Self.study(seed: 7), c = Self.study(seed: 8)
        // (`returns` holds NaN for incomplete windows, which never compares equal.)
        #expect(a.horizons == b.horizons && a.path == b.path && a.events == b.events)
        #expect(a.horizons.map(\.permP) != c.horizons.map(\.permP))
    }

    @Test func thePermutationPEstimatesTheExactP() {
        // Pool of 12, samples of 3: the exact p is the share of all 220 subsets whose
        // mean is at least the observed one.
        let pool: [Double] = [0.3, -0.2, 0.05, 0.11, -0.4, 0.27, 0.02, -0.08, 0.15, 0.6, -0.01, 0.09]
        let observed = (0.27 + 0.15 + 0.11) / 3
        var hits = 0, total = 0
        for i in 0..<12 { for j in (i + 1)..<12 { for k in (j + 1)..<12 {
            total += 1
            if (pool[i] + pool[j] + pool[k]) / 3 >= observed - 1e-12 { hits += 1 }
        } } }
        let exact = Double(hits) / Double(total)
        let draws = 40_000
        let p = Resampling.permutationPValue(observed: observed, n: 3, pool: pool, draws: draws, seed: 3)
        let sigma = (exact * (1 - exact) / Double(draws)).squareRoot()
        #expect(abs(p - exact) < 5 * sigma + 1.0 / Double(draws), "p \(p) exact \(exact)")
        // Never zero: an observed mean above every draw still gives 1 / (1 + draws).
        #expect(Resampling.permutationPValue(observed: 10, n: 3, pool: pool, draws: 99, seed: 1) == 0.01)
    }

    @Test func theBootstrapBandOfTwoEventsIsTheirRange() {
        // Resamples of two events: both a (¼), both b (¼), one each (½); the 5th
        // percentile is a and the 95th is b.
        let band = Resampling.bootstrapBand(paths: [[0, 0.1, -0.3], [0, 0.5, 0.2]], days: 3, draws: 20_000, seed: 5)
        #expect(band[0].lo == 0 && band[0].hi == 0)
        #expect(band[1].lo == 0.1 && band[1].hi == 0.5)
        #expect(band[2].lo == -0.3 && band[2].hi == 0.2)
    }

    @Test func theDifferenceTestEnumeratesSmallGroups() {
        // 2 + 2 values: 6 splits, the observed one the most extreme: p ≈ 1/6.
        let p = Resampling.differencePValue([0.5, 0.4], [-0.2, -0.1], draws: 30_000, seed: 2)
        #expect(abs(p - 1.0 / 6) < 0.015)
    }

    @Test func percentilesAreNumpyLinear() {
        var a: [Double] = [5, 1, 4, 2, 3]
        #expect(Percentile.linear(&a, 50) == 3)
        var b: [Double] = [1, 2, 3, 4]
        #expect(Percentile.linear(&b, 5) == 1.15)  // np.percentile([1,2,3,4], 5)
        var c: [Double] = [1, 2, 3, 4]
        #expect(close(Percentile.linear(&c, 95), 3.85, relative: 1e-15))
        var g = SplitMix64(seed: 9)
        var big = (0..<1001).map { _ in g.nextUnit() }
        let sorted = big.sorted()
        #expect(Percentile.linear(&big, 10) == sorted[100])
    }

    @Test func tTestMatchesItsDefinition() throws {
        let t = try #require(OneSampleTTest([0.1, 0.2, 0.4], mean: 0))
        let mean = 0.7 / 3, sd = ((pow(0.1 - mean, 2) + pow(0.2 - mean, 2) + pow(0.4 - mean, 2)) / 2).squareRoot()
        #expect(close(t.t, mean / (sd / 3.0.squareRoot()), relative: 1e-14))
        #expect(t.df == 2)
        #expect(OneSampleTTest([0.1], mean: 0) == nil)
    }
}

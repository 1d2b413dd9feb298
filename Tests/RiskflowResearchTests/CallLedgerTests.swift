import Foundation
import RiskflowCore
import RiskflowData
@testable import RiskflowResearch
import RiskflowSignals
import RiskflowStats
import RiskflowTestSupport
import Testing

/// The calls ledger's pure core (issue 23): the frozen reference, t + 1 scoring with no
/// look-ahead, hits against the frozen median, append-only revisions, the track record's
/// statistics, and the signal calls of a day from the data as known that day.
@Suite("calls ledger: the pure core", .serialized) struct CallLedgerTests {
    static let store = Once<any RiskflowStore> {
        let store = try await Store.open(FileManager.default.temporaryDirectory
            .appendingPathComponent("riskflow-calls-\(UUID().uuidString)/riskflow.sqlite").path)
        try await BundledSnapshot.load(into: store)
        return store
    }

    /// A daily series from a start day.
    func daily(_ id: String, from start: String, _ values: [Double]) -> Series {
        let d0 = day(start)
        return Series(unchecked: id, unit: .usd, calendar: .daily, days: values.indices.map { d0 + $0 }, values: values)
    }

    func call(_ direction: Call.Direction, on d: String, reference: [CallReference] = []) -> Call {
        Call(
            kind: .external, knownAt: day(d), claim: "test", subject: "test", followers: ["X"], horizons: [2], direction: direction,
            source: "test", version: "test", origin: .live, reference: reference)
    }

    @Test func theReferenceRanksAReturnByItsFrozenPercentiles() {
        // Returns over 1 day of 1, 2, …, 101: 100 complete windows.
        let s = daily("X", from: "2024-01-01", (1...101).map(Double.init))
        let r = CallReference.build(s, horizon: 1)
        #expect(r.n == 100 && r.percentiles.count == 101)
        var returns = s.forwardReturns(calendarDays: 1).filter(\.isFinite)
        #expect(r.median == Percentile.linear(&returns, 50))
        #expect(r.percentile(of: r.percentiles[0] - 1) == 0)
        #expect(r.percentile(of: r.percentiles[100] + 1) == 100)
        #expect(r.percentile(of: r.percentiles[30]) == 30)
        let between = (r.percentiles[70] + r.percentiles[71]) / 2
        let rank = r.percentile(of: between) ?? -1
        #expect(rank > 70 && rank < 71)
        // Without data there is nothing to rank against.
        #expect(CallReference(follower: "X", horizon: 1, n: 0, percentiles: []).percentile(of: 0.1) == nil)
    }

    @Test func scoresEnterTheDayAfterAndNeverLookAhead() {
        // NYSE-like: a Friday call enters on Monday (the next row), as the event study.
        let days = [day("2024-03-07"), day("2024-03-08"), day("2024-03-11"), day("2024-03-12"), day("2024-03-13")]
        let s = Series(unchecked: "X", unit: .usd, calendar: .nyse, days: days, values: [10, 11, 12, 13, 15])
        let w = CallScoring.window(s, after: day("2024-03-08"), horizon: 2)
        #expect(w?.entry == day("2024-03-11") && w?.exit == day("2024-03-13"))
        var c = call(.up, on: "2024-03-08")
        c.followers = ["X"]
        // Known on 2024-03-12, the exit (03-13) is not in the data: no score.
        #expect(CallScoring.scores(of: c, id: "c1", closes: ["X": s], asOf: day("2024-03-12")).isEmpty)
        let scored = CallScoring.scores(of: c, id: "c1", closes: ["X": s], asOf: day("2024-03-13"))
        #expect(scored.count == 1 && scored[0].return == 15.0 / 12 - 1 && scored[0].scoredAsOf == day("2024-03-13"))
        // A follower the call names but the data lacks is not scored; one without rows
        // before the call is not scored either.
        c.followers = ["X", "Y"]
        #expect(CallScoring.scores(of: c, id: "c1", closes: ["X": s], asOf: day("2024-03-13")).map(\.follower) == ["X"])
        #expect(CallScoring.window(s, after: day("2024-03-01"), horizon: 2) == nil)
    }

    @Test func aHitHasTheCalledDirectionAndBeatsTheFrozenMedian() {
        let s = daily("X", from: "2024-01-01", [100, 100, 102, 104])
        // Frozen median +5 %: +4 % is up but below it (miss); a down call at −10 % beats
        // a median of −5 % downwards (hit).
        let grid = (0...100).map { Double($0) / 1000 }  // median 0.05
        let up = CallReference(follower: "X", horizon: 2, n: 100, percentiles: grid)
        var c = call(.up, on: "2024-01-01", reference: [up])
        let a = CallScoring.scores(of: c, id: "c", closes: ["X": s], asOf: day("2024-01-04"))
        #expect(a.count == 1 && abs(a[0].return - 0.04) < 1e-12 && a[0].outcome == .miss && a[0].median == 0.05)
        #expect(a[0].percentile.map { abs($0 - 40) < 1e-9 } == true)
        c.reference = [CallReference(follower: "X", horizon: 2, n: 100, percentiles: grid.map { $0 - 0.06 })]  // median −1 %
        #expect(CallScoring.scores(of: c, id: "c", closes: ["X": s], asOf: day("2024-01-04"))[0].outcome == .hit)
        var d = call(.down, on: "2024-01-02", reference: [CallReference(follower: "X", horizon: 2, n: 100, percentiles: grid.map { $0 - 0.1 })])
        d.horizons = [2]
        let b = CallScoring.scores(of: d, id: "d", closes: ["X": daily("X", from: "2024-01-01", [100, 100, 104, 100])], asOf: day("2024-01-04"))
        // Entry 01-03 at 104, exit 01-05 is past the data: nothing yet.
        #expect(b.isEmpty)
        let s2 = daily("X", from: "2024-01-01", [100, 100, 104, 100, 93.6])
        let b2 = CallScoring.scores(of: d, id: "d", closes: ["X": s2], asOf: day("2024-01-05"))
        #expect(b2.count == 1 && abs(b2[0].return - (-0.1)) < 1e-12 && b2[0].outcome == .hit)
    }

    @Test func aRevisionAddsAScoreAndNeverRewritesOne() {
        let s = daily("X", from: "2024-01-01", [100, 100, 104, 110])
        let c = call(.up, on: "2024-01-01")
        let first = CallScoring.scores(of: c, id: "c", closes: ["X": s], asOf: day("2024-01-04"))
        #expect(CallScoring.newScores(computed: first, existing: []) == first)
        // The same data again: nothing new.
        let again = CallScoring.scores(of: c, id: "c", closes: ["X": s], asOf: day("2024-01-10"))
        #expect(CallScoring.newScores(computed: again, existing: first).isEmpty)
        // The exit close revised: one new score; the first stays as it was.
        let revised = daily("X", from: "2024-01-01", [100, 100, 104, 95])
        let added = CallScoring.newScores(
            computed: CallScoring.scores(of: c, id: "c", closes: ["X": revised], asOf: day("2024-01-11")), existing: first)
        #expect(added.count == 1 && added[0].exitClose == 95 && added[0].outcome == .miss && first[0].exitClose == 110)
        // Revised back: compared with the latest version, so it is new again.
        #expect(CallScoring.newScores(computed: first, existing: first + added).count == 1)
    }

    @Test func theTrackRecordCountsEachCallOnceAndCallsSmallSamplesSmall() {
        var calls: [String: Call] = [:]
        var scores: [CallScore] = []
        for i in 0..<10 {
            var c = call(.up, on: "2024-01-01")
            c.knownAt = day("2024-01-01") + i
            calls["c\(i)"] = c
            let outcome: CallScore.Outcome = i < 7 ? .hit : .miss
            scores.append(CallScore(
                callID: "c\(i)", follower: "X", horizon: 2, entry: c.knownAt + 1, exit: c.knownAt + 3, entryClose: 1, exitClose: 1,
                return: 0, percentile: Double(i * 10), median: 0, outcome: outcome, scoredAsOf: c.knownAt + 3))
        }
        // A revised score of c9 turning it into a hit: only the latest counts.
        var revised = scores[9]
        revised.outcome = .hit
        revised.exitClose = 2
        scores.append(revised)
        // A replayed call is its own row.
        var replayed = call(.up, on: "2024-02-01")
        replayed.origin = .replayed
        calls["r"] = replayed
        scores.append(CallScore(
            callID: "r", follower: "X", horizon: 2, entry: day("2024-02-02"), exit: day("2024-02-04"), entryClose: 1, exitClose: 1,
            return: 0, percentile: 50, median: 0, outcome: .miss, scoredAsOf: day("2024-02-04")))
        let t = CallTrackRecord.summarise(calls: calls, scores: scores)
        #expect(t.rows.map(\.origin) == [.live, .replayed])
        let live = t.rows[0]
        #expect(live.n == 10 && live.hits == 8 && live.hitRate == 0.8)
        // scipy.stats.binomtest(8, 10, 0.5).pvalue = 0.109375; statsmodels
        // proportion_confint(8, 10, method="wilson") = (0.4901625, 0.9433178).
        #expect(abs((live.p ?? 0) - 0.109375) < 1e-12)
        #expect(abs((live.ciLow ?? 0) - 0.49016247) < 1e-7 && abs((live.ciHigh ?? 0) - 0.94331779) < 1e-7)
        #expect(live.small && (live.power ?? 1) < 0.8)
        #expect(abs((live.meanPercentile ?? 0) - 45) < 1e-12)
    }

    /// The seed commentary's call (2026-01-08: ETH and altcoins up within one to three
    /// months) graded from the bundled data: ETH about −29 % at 90 days, a miss, equal to
    /// the scorecard's out-of-sample call (the same t + 1 windows).
    @Test func theSeedCallIsAMissAndAgreesWithTheScorecard() async throws {
        let store = try await Self.store.value()
        let asOf = day("2026-09-25")
        let known = day("2026-01-08")
        let config = SignalConfig()
        let before = try await store.marketData(for: SignalCalls.inputs(config: config, followers: ["ETH", "ALTS"]), asOf: known)
        let call = Call(
            kind: .external, knownAt: known, claim: "ETH and altcoins respond within one to three months", subject: "commentary",
            followers: ["ETH", "ALTS"], horizons: [30, 60, 90], direction: .up, source: "seed commentary", version: "test",
            origin: .live, reference: SignalCalls.references(data: before, config: config, followers: ["ETH", "ALTS"], horizons: [30, 60, 90]))
        // The reference holds nothing known after the call's day.
        let eth = try #require(before.closes("ETH"))
        #expect(eth.days.last.map { $0 <= known } == true)
        let now = try await store.marketData(for: SignalCalls.inputs(config: config, followers: ["ETH", "ALTS"]), asOf: asOf)
        var closes: [String: Series] = [:]
        closes["ETH"] = now.closes("ETH")
        closes["ALTS"] = AltBasket.build(now, config: config.altseason)
        let scores = CallScoring.scores(of: call, id: "seed", closes: closes, asOf: asOf)
        #expect(scores.count == 6)
        let eth90 = try #require(scores.first { $0.follower == "ETH" && $0.horizon == 90 })
        #expect(eth90.return > -0.33 && eth90.return < -0.25 && eth90.outcome == .miss)
        #expect(eth90.entry == day("2026-01-09"))
        // The scorecard's call starts from the first close above 2,600 (2026-01-08) too.
        var p = ScorecardParameters()
        p.draws = 100
        let job = ScorecardJob(parameters: p)
        let card = try job.run(try await store.marketData(for: job.inputs, asOf: asOf))
        let theirs = try #require(card.call?.returns.first { $0.follower == "ETH" && $0.h == 90 }?.return)
        #expect(abs(theirs - eth90.return) < 1e-12)
    }

    /// A signal's call is made on the day it is first known, from the data as known that
    /// day: the 2020-11-20 qualified breakout (the scorecard's charitable 2021 precedent;
    /// closes are known the same day) is a call on that day and on no other.
    @Test func aQualifiedBreakoutIsACallOnItsSignalDayOnly() async throws {
        let store = try await Self.store.value()
        let config = SignalConfig()
        let request = SignalCalls.inputs(config: config, followers: SignalCalls.defaultFollowers)
        func calls(_ d: String) async throws -> [Call] {
            let data = try await store.marketData(for: request, asOf: day(d))
            let before = try await store.marketData(for: request, asOf: day(d) - 1)
            let new = SignalCalls.firstKnown(
                on: day(d), today: SignalCalls.events(data, config: config).events,
                yesterday: SignalCalls.events(before, config: config).events)
            return SignalCalls.calls(on: day(d), events: new, data: data, config: config, version: "test", origin: .replayed)
        }
        let on = try await calls("2020-11-20")
        let breakout = try #require(on.first { $0.kind == .qualifiedBreakout })
        #expect(breakout.subject == "RUT" && breakout.direction == .up && breakout.origin == .replayed)
        #expect(breakout.followers == ["ETH", "ALTS", "BTC"] && breakout.horizons == [30, 60, 90])
        #expect(breakout.reference.count == 9 && breakout.reference.allSatisfy { $0.n > 0 })
        #expect(try await calls("2020-11-19").allSatisfy { $0.kind != .qualifiedBreakout })
        #expect(try await calls("2020-11-23").allSatisfy { $0.kind != .qualifiedBreakout })
        // The same day twice gives the same call, byte for byte (idempotent recording).
        #expect(try await calls("2020-11-20").map(\.canonicalText) == on.map(\.canonicalText))
    }
}

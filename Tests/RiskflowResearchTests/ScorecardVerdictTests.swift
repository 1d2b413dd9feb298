import Foundation
import RiskflowCore
import RiskflowData
@testable import RiskflowResearch
import RiskflowSignals
import RiskflowStats
import RiskflowTestSupport
import Testing

/// The verdict rules can give every verdict (none is impossible by construction), the
/// power filter comes before Holm, and the bundled data's C8 sub-claims carry the numbers
/// pandas computes from the CSVs.
@Suite("scorecard verdicts", .serialized) struct ScorecardVerdictTests {
    /// A synthetic statistical claim: p, the effect's sign, its power, and its grid cells.
    func claim(_ id: String, p: Double, estimate: Double, power: Double, cells: [(Double, Double)], noEffect: Bool = false) -> ClaimOutcome {
        let row = ScorecardRow(
            id: id, claim: id, test: "", statistic: "", value: estimate, n: 30, p: p, verdict: .insufficient, reason: "",
            command: "", details: .none)
        let test = StatisticalTest(
            estimate: estimate, claimsNoEffect: noEffect, effectOfInterest: 0.2, power: { _ in (0.1, power, nil) },
            cells: cells.enumerated().map { ("cell \($0.offset)", $0.element.0, $0.element.1) })
        return ClaimOutcome(row: row, test: test)
    }

    @Test func everyVerdictCanComeOut() async throws {
        let agree = [(0.5, 0.001), (0.4, 0.01), (0.3, 0.02)]
        var claims = [
            claim("S", p: 0.0001, estimate: 0.5, power: 0.9, cells: agree),
            claim("C", p: 0.0001, estimate: -0.5, power: 0.9, cells: agree.map { (-$0.0, $0.1) }),
            claim("U", p: 0.6, estimate: 0.1, power: 0.95, cells: [(0.1, 0.5)]),
            claim("I", p: 0.0001, estimate: 0.5, power: 0.3, cells: agree),
            claim("M", p: 0.0001, estimate: 0.5, power: 0.9, cells: [(0.5, 0.001), (0.1, 0.4), (0.2, 0.3)]),
            claim("N", p: 0.7, estimate: 0.01, power: 0.9, cells: [(0.01, 0.6)], noEffect: true),
            claim("L", p: 0.0001, estimate: 0.3, power: 0.9, cells: [(0.3, 0.001)], noEffect: true),
        ]
        let family = VerdictRules.decide(&claims)
        #expect(claims.map(\.row.verdict) == [.supported, .contradicted, .unsupported, .insufficient, .mixed, .supported, .contradicted])
        // k counts every claim whose test ran; the insufficient one is not in the family.
        #expect(family.k == 7 && family.m == 6 && !family.ids.contains("I"))
        #expect(claims[3].row.pHolm == nil)
        #expect(claims[0].row.robustness?.agreement == 1)
        #expect(claims[4].row.robustness?.agreement == 1.0 / 3)
        // Holm over the six family p-values.
        let expected = Holm.adjust([0.0001, 0.0001, 0.6, 0.0001, 0.7, 0.0001])
        #expect(claims.filter { $0.row.id != "I" }.map { $0.row.pHolm } == expected.map { Optional($0) })
    }

    @Test func aTestThatCouldNotRunIsInsufficient() {
        var claims = [claim("X", p: 0.01, estimate: 1, power: 0.9, cells: [])]
        claims[0].row.p = nil
        let family = VerdictRules.decide(&claims)
        #expect(claims[0].row.verdict == .insufficient && family.k == 0 && family.m == 0)
    }

    static let store = Once<any RiskflowStore> {
        let store = try await Store.open(FileManager.default.temporaryDirectory
            .appendingPathComponent("riskflow-scorecard-\(UUID().uuidString)/riskflow.sqlite").path)
        try await BundledSnapshot.load(into: store)
        return store
    }

    func scorecard(asOf: String, draws: Int = 200) async throws -> ScorecardResult {
        var p = ScorecardParameters()
        p.draws = draws
        let job = ScorecardJob(parameters: p)
        return try job.run(try await Self.store.value().marketData(for: job.inputs, asOf: day(asOf)))
    }

    /// C8 judged like history: the numbers are pandas' from the bundled CSVs
    /// (first close above 2,600 on 2026-01-08 at 2,603.91; YTD 2,603.91 / 2,481.91 − 1;
    /// IWM's 5/50-session volume ratio 0.93609; the prior high of 2025-12-11, 18 sessions).
    @Test func c8IsJudgedByTheHistoricalRules() async throws {
        let r = try await scorecard(asOf: "2026-09-25")
        let c8 = try #require(r.rows.first { $0.id == "C8" })
        #expect(c8.verdict == .isFalse)
        let subs = try #require(c8.subClaims)
        #expect(subs.map(\.verdict) == [.isTrue, .isFalse, .isFalse, .isTrue, .isFalse])
        guard case .yearToDate(let y?, let high?) = subs[1].value, case .volumeRatio(let volume?) = subs[2].value,
            case .base(let sessions?, _) = subs[4].value
        else {
            Issue.record("unexpected sub-claim values")
            return
        }
        #expect(close(y, 0.04915569057701519, 1e-12))
        #expect(close(high, 0.09543456450878574, 1e-12))
        #expect(close(volume, 0.9360945101920145, 1e-12))
        #expect(sessions == 18)
        // Before January 2026 there is no close above 2,600: not true.
        let before = try await scorecard(asOf: "2025-12-31")
        #expect(before.rows.first { $0.id == "C8" }?.verdict == .isFalse)
        #expect(before.call == nil)
    }

    @Test func theCallIsFalseAndThePrecedentsComeFromTheData() async throws {
        let r = try await scorecard(asOf: "2026-09-25")
        #expect(r.call?.verdict == .isFalse)
        let y = r.precedents.years
        #expect(y.map(\.year) == [2017, 2021])
        #expect(y[0].charitable?.signalDate == day("2016-11-21") && y[0].literal.isEmpty)
        #expect(y[1].charitable?.signalDate == day("2020-11-20"))
        #expect(y[1].literal.map(\.breakDate) == [day("2021-11-02")] && y[1].literal[0].status == "unconfirmed")
        #expect(r.precedents.unmentioned.map(\.signalDate) == [day("2013-01-09")])
        #expect(r.bottomLine.count >= 2 && r.bottomLine.count <= 4)
        // C4's null is 1/6 and its p is scipy's binomtest.
        let c4 = try #require(r.rows.first { $0.id == "C4" })
        guard case .cycles(let cycles) = c4.details else {
            Issue.record("C4's details are not its cycles")
            return
        }
        #expect(cycles.nullShare == 1.0 / 6)
        // C7 is a description, never a test.
        #expect(r.rows.first { $0.id == "C7" }?.verdict == .descriptive)
    }

    /// A claim without data writes `"details": {}` as the dictionary did before the
    /// details were typed: the empty typed details encode like an empty dictionary.
    @Test func emptyDetailsEncodeAsAnEmptyObject() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let empty = String(decoding: try encoder.encode([String: Double]()), as: UTF8.self)
        #expect(String(decoding: try encoder.encode(ScorecardDetails.none), as: UTF8.self) == empty)
        #expect(String(decoding: try encoder.encode(ScorecardDetails.granger(GrangerDetails())), as: UTF8.self) == empty)
    }
}

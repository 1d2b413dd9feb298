import Foundation
import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
import RiskflowTestSupport
import Testing

/// The calls ledger in the store, on both backends: calls keyed by their content hash
/// (the same call twice adds nothing), stored and read back whole, scores appended in
/// order (a revision is a new row; nothing is rewritten), and `data migrate` copies both.
@Suite("calls ledger in the store, on SQLite and PostgreSQL") struct CallLedgerStoreTests {
    static func call(_ d: String, kind: Call.Kind = .qualifiedBreakout, origin: Call.Origin = .live) -> Call {
        Call(
            kind: kind, knownAt: day(d), claim: "RUT breakout qualified on \(d): ETH up", subject: "RUT", followers: ["ETH", "ALTS"],
            horizons: [30, 90], direction: .up, source: "riskflow", parameters: ["breakout": "{\"base_sessions\":63}"], version: "test",
            origin: origin,
            reference: [CallReference(follower: "ETH", horizon: 30, n: 3, percentiles: (0...100).map { Double($0) / 100 - 0.5 })])
    }

    static func score(_ id: String, close: Double) -> CallScore {
        CallScore(
            callID: id, follower: "ETH", horizon: 30, entry: day("2026-01-09"), exit: day("2026-02-08"), entryClose: 3000,
            exitClose: close, return: close / 3000 - 1, percentile: nil, median: 0.01, outcome: close > 3030 ? .hit : .miss,
            scoredAsOf: day("2026-02-08"))
    }

    @Test(arguments: TestBackend.available)
    func callsAreKeyedByContentAndScoresAreAppended(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        let a = Self.call("2026-01-08"), b = Self.call("2026-01-09", origin: .replayed)
        let ids = try await store.appendCalls([a, b], stamp: "2026-01-09T00:00:00Z")
        #expect(ids == [CallRows.id(of: a), CallRows.id(of: b)] && ids[0] != ids[1] && ids[0].hasPrefix("call_"))
        // Recording the same calls again adds nothing; a correction is a new call.
        #expect(try await store.appendCalls([a, b], stamp: "later").isEmpty)
        var corrected = a
        corrected.claim += " (corrected)"
        corrected.supersedes = ids[0]
        let c = try await store.appendCalls([corrected], stamp: "later")
        #expect(c.count == 1)
        let stored = try await store.storedCalls()
        #expect(stored.map(\.call) == [a, corrected, b] || stored.map(\.call) == [corrected, a, b])
        #expect(stored.first { $0.id == ids[0] }?.call == a && stored.first { $0.id == ids[0] }?.recordedAt == "2026-01-09T00:00:00Z")
        // Scores: appended in order; a revised close is a second row, the first unchanged.
        try await store.appendCallScores([Self.score(ids[0], close: 3300)], stamp: "s1")
        try await store.appendCallScores([Self.score(ids[0], close: 2900)], stamp: "s2")
        let scores = try await store.callScores()
        #expect(scores == [Self.score(ids[0], close: 3300), Self.score(ids[0], close: 2900)])
        #expect(scores[0].outcome == .hit && scores[1].outcome == .miss && scores[0].percentile == nil && scores[0].median == 0.01)
        #expect(try await store.integrityCheck() == "ok")
    }

    /// `data migrate` copies the ledger bit for bit, both ways.
    @Test(.enabled(if: TestBackend.postgresURL != nil))
    func theLedgerSurvivesACopyBothWays() async throws {
        let source = try await temporaryStore(.sqlite)
        let ids = try await source.appendCalls([Self.call("2026-01-08")], stamp: "s")
        try await source.appendCallScores([Self.score(ids[0], close: 3100)], stamp: "s")
        let postgres = try await temporaryStore(.postgres)
        let there = try await StoreCopy.copy(from: source, to: postgres, replace: false)
        let back = try await temporaryStore(.sqlite)
        #expect(try await StoreCopy.copy(from: postgres, to: back, replace: false) == there)
        #expect(try await back.storedCalls() == source.storedCalls())
        #expect(try await back.callScores() == source.callScores())
        // New scores after the copy get new ids (the identity was reset past the copied ones).
        try await postgres.appendCallScores([Self.score(ids[0], close: 3200)], stamp: "s2")
        #expect(try await postgres.callScores().count == 2)
    }
}

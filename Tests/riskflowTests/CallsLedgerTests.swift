import Foundation
import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowRuntime
import RiskflowSignals
import RiskflowTestSupport
import Testing

/// `riskflow calls` on the bundled data: an external call registered and graded, once;
/// the public JSON keys; and a replay of a period equal to recording it day by day.
@Suite("riskflow calls", .serialized) struct CallsLedgerTests {
    @Test func theSeedCallIsRegisteredOnceAndGraded() throws {
        let cli = try CLI()
        let args = ["calls", "add", "--date", "2026-01-08", "--claim", "ETH and altcoins respond within one to three months",
                    "--follower", "ETH,ALTS", "--source", "seed commentary", "--format", "json"]
        let first = try cli.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("added"))
        let again = try cli.run(args)
        #expect(again.status == 0 && again.stderr.contains("already in the ledger"), "\(again.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        for key in ["as_of", "calls", "track_record"] { #expect(doc[key] != nil, "missing \(key)") }
        let calls = try #require(doc["calls"] as? [[String: Any]])
        #expect(calls.count == 1)
        let call = calls[0]
        for key in ["id", "kind", "known_at", "claim", "subject", "followers", "horizons", "direction", "source", "origin", "version",
                    "parameters", "reference", "scores"] {
            #expect(call[key] != nil, "missing \(key)")
        }
        #expect(call["kind"] as? String == "external" && call["known_at"] as? String == "2026-01-08" && call["origin"] as? String == "live")
        let scores = try #require(call["scores"] as? [[String: Any]])
        #expect(scores.count == 6)
        let eth90 = try #require(scores.first { $0["follower"] as? String == "ETH" && $0["horizon"] as? Int == 90 })
        let r = try #require(eth90["return"] as? Double)
        #expect(r > -0.33 && r < -0.25 && eth90["outcome"] as? String == "miss" && eth90["entry"] as? String == "2026-01-09")
        let rows = try #require((doc["track_record"] as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.count == 6 && rows.allSatisfy { $0["n"] as? Int == 1 && $0["small"] as? Bool == true })
        // As of a day before the call, the ledger shows nothing.
        let before = try cli.run("calls", "--as-of", "2025-12-31", "--format", "json")
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        #expect((empty["calls"] as? [Any])?.isEmpty == true)
        // Bad input is one line naming the flag.
        let bad = try cli.run("calls", "add", "--date", "2026-01-08", "--claim", "x", "--horizons", "0")
        #expect(bad.status != 0 && bad.stderr.contains("--horizons") && bad.stderr.split(separator: "\n").count == 1)
        let unknown = try cli.run("calls", "add", "--date", "2026-01-08", "--claim", "x", "--follower", "NOPE")
        #expect(unknown.status != 0 && unknown.stderr.contains("NOPE"))
    }

    /// A replay of 2020-11-18…2020-11-22 records exactly what recording each day on its
    /// own records (the 2020-11-20 qualified breakout), and recording again adds nothing.
    @Test func aReplayEqualsRecordingDayByDay() async throws {
        func fresh() async throws -> any RiskflowStore {
            let store = try await Store.open(FileManager.default.temporaryDirectory
                .appendingPathComponent("riskflow-calls-\(UUID().uuidString)/riskflow.sqlite").path)
            try await BundledSnapshot.load(into: store)
            return store
        }
        let a = try await fresh(), b = try await fresh()
        let from = day("2020-11-18"), to = day("2020-11-22")
        let replay = try await CallLedgerRunner(store: a, signals: SignalConfig(), version: "t").record(from: from, through: to, origin: .replayed, stamp: "s")
        var d = from
        while d <= to {
            _ = try await CallLedgerRunner(store: b, signals: SignalConfig(), version: "t").record(from: d, through: d, origin: .replayed, stamp: "s")
            d = d + 1
        }
        let callsA = try await a.storedCalls().map(\.call), callsB = try await b.storedCalls().map(\.call)
        #expect(callsA == callsB)
        #expect(callsA.contains { $0.kind == .qualifiedBreakout && $0.knownAt == day("2020-11-20") })
        #expect(replay.added.count == callsA.count)
        let again = try await CallLedgerRunner(store: a, signals: SignalConfig(), version: "t").record(from: from, through: to, origin: .replayed, stamp: "s2")
        #expect(again.added.isEmpty && again.scored.isEmpty)
        // Nothing is scored before its exit is known: as of 2020-11-22 no 30-day window has passed.
        #expect(try await a.callScores().isEmpty)
    }
}

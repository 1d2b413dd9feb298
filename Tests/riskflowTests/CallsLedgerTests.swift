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
    /// The bundled store ships the commentary's call (2026-01-08), graded from the bundled
    /// data; `calls add` registers another external call once.
    @Test func theSeedCallShipsInTheBundledStoreAndAnExternalCallIsAddedOnce() throws {
        let cli = try CLI()
        let listed = try cli.run("calls", "--format", "json")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stderr.contains("first run, loading the bundled snapshot and the seed commentary's call"), "\(listed.stderr)")
        let seedDoc = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let seeds = try #require(seedDoc["calls"] as? [[String: Any]])
        #expect(seeds.count == 1)
        let seed = seeds[0]
        #expect(seed["kind"] as? String == "external" && seed["known_at"] as? String == "2026-01-08" && seed["origin"] as? String == "live")
        #expect(seed["followers"] as? [String] == ["ETH", "ALTS"] && seed["horizons"] as? [Int] == [30, 60, 90] && seed["direction"] as? String == "up")
        let seedScores = try #require(seed["scores"] as? [[String: Any]])
        #expect(seedScores.count == 6)
        let eth90 = try #require(seedScores.first { $0["follower"] as? String == "ETH" && $0["horizon"] as? Int == 90 })
        let r = try #require(eth90["return"] as? Double)
        #expect(r > -0.33 && r < -0.25 && eth90["outcome"] as? String == "miss" && eth90["entry"] as? String == "2026-01-09")
        // Opening the store again does not register it twice.
        let again0 = try cli.run("calls", "--format", "json")
        #expect(!again0.stderr.contains("seed") && again0.stdout == listed.stdout)

        let args = ["calls", "add", "--date", "2026-03-02", "--claim", "BTC outperforms within three months",
                    "--follower", "BTC", "--horizons", "30,90", "--source", "my newsletter", "--format", "json"]
        let first = try cli.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("added"))
        let again = try cli.run(args)
        #expect(again.status == 0 && again.stderr.contains("already in the ledger"), "\(again.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        for key in ["as_of", "calls", "track_record"] { #expect(doc[key] != nil, "missing \(key)") }
        let calls = try #require(doc["calls"] as? [[String: Any]])
        #expect(calls.count == 2)
        let call = try #require(calls.first { $0["source"] as? String == "my newsletter" })
        for key in ["id", "kind", "known_at", "claim", "subject", "followers", "horizons", "direction", "source", "origin", "version",
                    "parameters", "reference", "scores"] {
            #expect(call[key] != nil, "missing \(key)")
        }
        #expect((call["scores"] as? [Any])?.count == 2)
        // One track-record row per source, follower and horizon; each of one call: small.
        let rows = try #require((doc["track_record"] as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.count == 8 && rows.allSatisfy { $0["n"] as? Int == 1 && $0["small"] as? Bool == true })
        // As of a day before the calls, the ledger shows nothing.
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

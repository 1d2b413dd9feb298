import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import Testing

/// Two bars hold the same rows (NaN equal to NaN), known on the same days.
func same(_ a: Bars, _ b: Bars) -> Bool {
    func eq(_ x: [Double], _ y: [Double]) -> Bool { x.elementsEqual(y) { $0 == $1 || ($0.isNaN && $1.isNaN) } }
    return a.days == b.days && a.availableAt == b.availableAt && eq(a.open, b.open) && eq(a.high, b.high) && eq(a.low, b.low)
        && eq(a.close, b.close) && eq(a.volume, b.volume) && eq(a.marketCap, b.marketCap)
}

/// `riskflow data sync` as a user runs it, against the loopback providers.
@Suite("riskflow data sync", .serialized) struct SyncCLITests {
    /// A mock on 127.0.0.1 and a CLI home whose riskflow.toml points every provider at it.
    func withSetup(_ body: (MockProviders, CLI) async throws -> Void) async throws {
        let mock = MockProviders()
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let server = Task { try await mock.run { continuation.yield($0) } }
        defer { server.cancel() }
        var it = stream.makeAsyncIterator()
        let port = try #require(await it.next())
        let cli = try CLI()
        var toml = "[sync]\nconcurrency = 4\n"
        for p in ProviderName.allCases {
            toml += "[providers.\(p.rawValue)]\nbase_url = \"http://127.0.0.1:\(port)\"\nrate_per_minute = 0\ntimeout_seconds = 60\nbackoff_initial_seconds = 0.05\n"
            if p == .fred { toml += "graph_url = \"http://127.0.0.1:\(port)\"\n" }
        }
        _ = try cli.write("riskflow.toml", toml)
        try await body(mock, cli)
    }

    /// A store with `ids` (CoinGecko-mapped crypto) holding their first `stored` days.
    func seedStore(_ cli: CLI, _ mock: MockProviders, ids: [String], stored: Int, total: Int) async throws -> any RiskflowStore {
        let store = try await Store.open(cli.home.appendingPathComponent("riskflow.sqlite").path)
        let days = (0..<total).map { Day(year: 2015, month: 1, day: 1)! + $0 }
        for (k, id) in ids.enumerated() {
            let values = (0..<total).map { 10 + Double(k) + Double($0 % 97) / 10 }
            mock.set(DefaultSymbolMap.mappings[id]!.id, .init(days: days, close: values))
            let nan = [Double](repeating: .nan, count: stored)
            let b = Bars(
                id: id, unit: .usd, calendar: .daily, days: Array(days.prefix(stored)), open: nan, high: nan, low: nan,
                close: Array(values.prefix(stored)), volume: nan, marketCap: nan)
            try await store.replace(b, metadata: SeriesMetadata(id: id, kind: .crypto, unit: .usd, calendar: .daily, source: "test"), origin: .init(origin: "test", format: "test"))
        }
        try await store.replaceRanking(RankTable(id: "COINGECKO-DAILY", source: "test"))
        return store
    }

    @Test func jsonHasOneObjectPerSeriesAndAFailureExitsNonZero() async throws {
        try await withSetup { mock, cli in
            _ = try await seedStore(cli, mock, ids: ["BTC", "ETH"], stored: 100, total: 130)
            mock.setBehaviour("ethereum", .unknown)
            let r = try await cli.runDetached("data", "sync", "BTC", "ETH", "--format", "json")
            #expect(r.status == 1, "\(r.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 2)
            let keys: Set<String> = ["symbol", "provider", "status", "rows_added", "revisions", "first_new", "last_new", "error"]
            #expect(rows.allSatisfy { Set($0.keys) == keys })
            #expect(rows[0]["symbol"] as? String == "BTC" && rows[0]["status"] as? String == "updated")
            #expect(rows[0]["rows_added"] as? Int == 30 && rows[0]["first_new"] as? String == "2015-04-11")
            #expect(rows[0]["error"] is NSNull)
            #expect(rows[1]["status"] as? String == "failed")
            #expect((rows[1]["error"] as? String)?.contains("CoinGecko ETH") == true)
            // Plain progress lines on a pipe.
            #expect(r.stderr.contains("riskflow: [2/2]"))
            // data list says when each series was synced.
            let list = try await cli.runDetached("data", "list", "--format", "json")
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(listed.first { $0["id"] as? String == "BTC" }?["synced_at"] is String)
            #expect(listed.first { $0["id"] as? String == "ETH" }?["synced_at"] is NSNull)
        }
    }

    @Test func dryRunPrintsRequestsWithoutKeysAndWritesNothing() async throws {
        try await withSetup { mock, cli in
            let store = try await seedStore(cli, mock, ids: ["BTC"], stored: 100, total: 130)
            let before = try await store.bars("BTC")
            let r = try await cli.runDetached("data", "sync", "BTC", "--dry-run", "--format", "json")
            #expect(r.status == 0, "\(r.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["provider"] as? String == "coingecko" && rows[0]["id"] as? String == "bitcoin")
            #expect((rows[0]["url"] as? String)?.contains("/api/v3/coins/bitcoin/market_chart/range?vs_currency=usd") == true)
            #expect(mock.requests.isEmpty)
            #expect(same(try await store.bars("BTC"), before))
        }
    }

    @Test func badConfigAndUnknownSymbolsAreClearErrors() async throws {
        try await withSetup { _, cli in
            let bad = try cli.write("bad.toml", "[providers.yahoo]\nbase_ur = \"http://x\"\n")
            let r = try await cli.runDetached("data", "sync", "--config", bad, "--dry-run")
            #expect(r.status != 0 && r.stderr.contains("bad.toml: line 2: unknown key 'base_ur' in [providers.yahoo]"), "\(r.stderr)")
            let p = try cli.write("p.toml", "[providers.nasdaq]\nbase_url = \"http://x\"\n")
            #expect(try await cli.runDetached("data", "sync", "--config", p, "--dry-run").stderr.contains("unknown provider [providers.nasdaq]"))
            let u = try await cli.runDetached("data", "sync", "NOPE", "--dry-run")
            #expect(u.status != 0 && u.stderr.contains("[sync.symbols] NOPE"), "\(u.stderr)")
            // The signal commands still read the same file with its sync sections.
            #expect(try await cli.runDetached("liquidity", "--format", "json").status == 0)
        }
    }

    /// kill -9 in the middle of a sync: every series is exactly as before or fully
    /// updated, the database is intact, and a reader ran meanwhile (WAL).
    @Test func aKilledSyncLeavesEverySeriesBeforeOrAfter() async throws {
        try await withSetup { mock, cli in
            let ids = Array(DefaultSymbolMap.mappings.filter { $0.value.provider == .coingecko }.keys.sorted().prefix(40))
            let store = try await seedStore(cli, mock, ids: ids, stored: 100, total: 4_000)
            var before: [String: Bars] = [:]
            for id in ids { before[id] = try await store.bars(id, asOf: .latestPossible) }
            // The reference: the same sync, complete, on a store seeded the same way.
            let reference = try CLI()
            _ = try await seedStore(reference, mock, ids: ids, stored: 100, total: 4_000)
            try FileManager.default.copyItem(
                at: cli.home.appendingPathComponent("riskflow.toml"), to: reference.home.appendingPathComponent("riskflow.toml"))
            let full = try await withCheckedThrowingContinuation { c in Thread { c.resume(with: Result { try reference.run(["data", "sync"] + ids) }) }.start() }
            #expect(full.status == 0, "\(full.stderr)")
            let refStore = try await Store.open(reference.home.appendingPathComponent("riskflow.sqlite").path)

            let p = try cli.start(["data", "sync"] + ids)
            // Wait until a few series are written, read meanwhile, then kill -9.
            let deadline = ContinuousClock.now + .seconds(60)
            while p.isRunning && p.stderrSoFar.components(separatedBy: "riskflow: [").count < 4 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            let reader = try await cli.runDetached("data", "show", ids[0], "--format", "csv")
            #expect(reader.status == 0, "\(reader.stderr)")
            kill(p.process.processIdentifier, SIGKILL)
            p.process.waitUntilExit()
            #expect(p.process.terminationReason == .uncaughtSignal)

            let after = try await Store.open(cli.home.appendingPathComponent("riskflow.sqlite").path)
            #expect(try await after.integrityCheck() == "ok")
            var unchanged = 0, updated = 0
            for id in ids {
                let now = try await after.bars(id, asOf: .latestPossible)
                if same(now, before[id]!) { unchanged += 1 } else {
                    #expect(same(now, try await refStore.bars(id, asOf: .latestPossible)), "\(id) is half-written")
                    updated += 1
                }
            }
            #expect(updated > 0 && unchanged + updated == ids.count)
        }
    }
}

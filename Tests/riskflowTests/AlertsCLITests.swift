import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A riskflow.toml with two rules posting to the receiver on `port`.
func alertsConfig(port: Int, lookback: Int = 60, extra: String = "") -> String {
    """
    [alerts]
    lookback_days = \(lookback)
    timeout_seconds = 30
    max_attempts = 4
    backoff_initial_seconds = 0.05
    backoff_max_seconds = 0.2
    \(extra)

    [[alerts.rules]]
    name = "stage"
    kind = "stage_change"
    webhook = "http://127.0.0.1:\(port)/hook"
    secret_env = "HOOK_SECRET"

    [[alerts.rules]]
    name = "liquidity"
    kind = "liquidity_regime_change"
    webhook = "http://127.0.0.1:\(port)/hook"
    format = "slack"
    """
}

@Suite("riskflow alerts and serve on the command line", .serialized) struct AlertsCLITests {
    /// The port `riskflow serve --port 0` logs once it listens (`nil` if it does not within a minute).
    static func address(of p: CLI.Running) async throws -> Int? {
        let deadline = ContinuousClock.now + .seconds(60)
        while p.isRunning && ContinuousClock.now < deadline {
            if let range = p.stderrSoFar.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                return Int(p.stderrSoFar[range].dropFirst("http://127.0.0.1:".count).dropLast())
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func cli(port: Int) throws -> CLI {
        var cli = try CLI()
        cli.environment["HOOK_SECRET"] = "s3cret"
        _ = try cli.write("riskflow.toml", alertsConfig(port: port))
        return cli
    }

    @Test func runDeliversOnceAndHistoryAndListHaveThePublicShape() async throws {
        try await WebhookReceiver.with { receiver, port in
            let cli = try cli(port: port)
            let dry = try await cli.runDetached("alerts", "run", "--as-of", "2026-08-21", "--dry-run")
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("would fire") && dry.stdout.contains("dry run: nothing written, nothing sent"))
            #expect(try await cli.runDetached("alerts", "history", "--format", "json").stdout.filter { !$0.isWhitespace } == "[]")
            #expect(receiver.arrivals.isEmpty)

            receiver.script([.status(500)])
            let run = try await cli.runDetached("alerts", "run", "--as-of", "2026-08-21")
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let history = try JSONSerialization.jsonObject(with: Data(try await cli.runDetached("alerts", "history", "--format", "json").stdout.utf8))
                as! [[String: Any]]
            #expect(!history.isEmpty)
            for e in history {
                #expect(Set(e.keys) == ["id", "rule", "kind", "subject", "day", "status", "attempts"])
                #expect(e["status"] as? String == "delivered")
                let attempts = try #require(e["attempts"] as? [[String: Any]])
                #expect(!attempts.isEmpty)
                for a in attempts { #expect(Set(a.keys) == ["at", "status_code", "error"]) }
            }
            let timedOut = history.filter { ($0["attempts"] as! [[String: Any]]).contains { $0["status_code"] is NSNull } }.map { $0["id"] as! String }
            expectEffectivelyOnce(accepted: receiver.accepted, events: Set(history.map { $0["id"] as! String }), timedOut: Set(timedOut))
            // The scripted 500 answered the first arrival: its attempt shows 500 — or, on a
            // machine loaded enough that the sender gave up first, it timed out (no status).
            #expect(history.contains { ($0["attempts"] as! [[String: Any]]).first?["status_code"] as? Int == 500 } || !timedOut.isEmpty)
            // A second run finds nothing new and sends nothing again.
            let count = receiver.arrivals.count
            let again = try await cli.runDetached("alerts", "run", "--as-of", "2026-08-21")
            #expect(again.status == 0 && again.stdout.contains("0 new events"))
            #expect(receiver.arrivals.count == count)
            let list = try JSONSerialization.jsonObject(with: Data(try await cli.runDetached("alerts", "list", "--format", "json").stdout.utf8))
                as! [[String: Any]]
            #expect(list.map { $0["name"] as? String } == ["stage", "liquidity"])
            #expect(Set(list[0].keys) == ["name", "kind", "level", "channel", "destination", "webhook", "format", "secret_env", "last_evaluated", "pending", "delivered", "dead"])
            #expect(list[0]["last_evaluated"] as? String == "2026-08-21")
            #expect((list[0]["delivered"] as? Int ?? 0) + (list[1]["delivered"] as? Int ?? 0) == history.count)
        }
    }

    @Test func aDeadLetteredEventMakesRunExitOne() async throws {
        try await WebhookReceiver.with { receiver, port in
            let cli = try cli(port: port)
            receiver.script([], then: .status(410))
            let run = try await cli.runDetached("alerts", "run", "--as-of", "2026-08-21")
            #expect(run.status == 1)
            #expect(run.stdout.contains("dead-lettered"))
            let history = try JSONSerialization.jsonObject(with: Data(try await cli.runDetached("alerts", "history", "--format", "json").stdout.utf8))
                as! [[String: Any]]
            #expect(history.allSatisfy { $0["status"] as? String == "dead" })
        }
    }

    @Test func testSendsOneSampleAndNothingIsStored() async throws {
        try await WebhookReceiver.with { receiver, port in
            let cli = try cli(port: port)
            let ok = try await cli.runDetached("alerts", "test", "stage")
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("HTTP 200"))
            try #require(receiver.arrivals.count == 1)
            #expect(receiver.arrivals[0].idempotencyKey?.hasPrefix("test_") == true)
            #expect(receiver.arrivals[0].signature?.hasPrefix("sha256=") == true)
            receiver.script([.status(500)])
            #expect(try await cli.runDetached("alerts", "test", "liquidity").status == 1)
            let unknown = try await cli.runDetached("alerts", "test", "nope")
            #expect(unknown.status != 0 && unknown.stderr.contains("unknown alert rule 'nope'"))
            #expect(try await cli.runDetached("alerts", "history", "--format", "json").stdout.filter { !$0.isWhitespace } == "[]")
        }
    }

    @Test(arguments: [
        ("[[alerts.rules]]\nname = \"a\"\nkind = \"moon\"\nwebhook = \"http://x.test/h\"", "unknown kind 'moon'"),
        ("[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nwebhook = \"ftp://x.test/h\"", "webhook must be an http(s) URL"),
        ("[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nlevel = 60\nwebhook = \"http://x.test/h\"", "level applies to kind altseason_cross only"),
        ("[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nwebhok = \"http://x.test/h\"", "unknown key 'webhok'"),
        ("[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nwebhook = \"http://x.test/h\"\nformat = \"teams\"", "format must be one of json, slack, discord"),
        ("[alerts]\nmax_attempts = 0", "max_attempts must be an integer ≥ 1"),
        ("[alerts]\nretries = 3", "unknown key 'retries' in [alerts]"),
        (
            "[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nwebhook = \"http://x.test/h\"\n[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nwebhook = \"http://x.test/h\"",
            "two [[alerts.rules]] are named 'a'"
        ),
        ("[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\nwebhook = \"http://x.test/h\"\nsecret_env = \"NOPE_UNSET\"", "secret_env NOPE_UNSET is not set"),
    ])
    func badConfigurationIsOneLineNamingTheRuleAndKey(toml: String, words: String) async throws {
        let cli = try CLI()
        let path = try cli.write("alerts.toml", toml)
        let r = try await cli.runDetached("alerts", "list", "--config", path)
        #expect(r.status != 0)
        #expect(r.stderr.contains(words), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error: ") }.count == 1)
    }

    @Test func aKilledDeliveryResumesAndResendsOnlyWithTheSameId() async throws {
        try await WebhookReceiver.with { receiver, port in
            let cli = try cli(port: port)
            // Each delivery takes a while, so the kill lands mid-delivery.
            receiver.script([], then: .slowAccept(seconds: 0.6))
            let p = try cli.start(["alerts", "run", "--as-of", "2026-08-21"])
            let deadline = ContinuousClock.now + .seconds(60)
            while p.isRunning && receiver.accepted.count < 2 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(300))  // the next POST is in flight
            kill(p.process.processIdentifier, SIGKILL)
            p.process.waitUntilExit()
            #expect(p.process.terminationReason == .uncaughtSignal)
            let store = try await Store.open(cli.home.appendingPathComponent("riskflow.sqlite").path)
            #expect(try await store.integrityCheck() == "ok")
            let pendingAfterKill = try await store.pendingAlertEvents().count
            #expect(pendingAfterKill > 0, "the kill came before the end")

            receiver.script([], then: .accept)
            let resumed = try await cli.runDetached("alerts", "run", "--as-of", "2026-08-21")
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(resumed.stdout.contains("0 new events"), "the events were stored once, before the kill")
            let history = try await store.alertHistory()
            let ids = Set(history.map(\.event.id))
            #expect(history.allSatisfy { $0.event.status == .delivered })
            // Every event arrived; a duplicate only ever repeats an id, with the same body.
            #expect(Set(receiver.accepted) == ids)
            var bodies: [String: String] = [:]
            for a in receiver.arrivals {
                let id = try #require(a.idempotencyKey)
                #expect(ids.contains(id))
                if let b = bodies[id] { #expect(b == a.body) } else { bodies[id] = a.body }
            }
            #expect(receiver.accepted.count <= ids.count + 1, "at most the one in flight is sent twice")
        }
    }

    @Test func serveAnswersAndStopsCleanlyOnSIGTERM() async throws {
        let cli = try CLI()
        _ = try await cli.runDetached("data", "list")
        let p = try cli.start(["serve", "--port", "0", "--sync-every", "off"])
        let bound = try #require(try await Self.address(of: p), "serve printed its address: \(p.stderrSoFar)")
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"last_data_day\":\"2026-09-25\""))
        let (_, missing) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/api/v1/stage?as_of=bad")!)
        #expect((missing as? HTTPURLResponse)?.statusCode == 400)
        kill(p.process.processIdentifier, SIGTERM)
        p.process.waitUntilExit()
        #expect(p.process.terminationReason == .exit && p.process.terminationStatus == 0, "\(p.stderrSoFar)")
        #expect(p.stderrSoFar.contains("GET /health 200"), "one log line per request")
        #expect(p.stderrSoFar.contains("GET /api/v1/stage 400"))
    }

    @Test func serveSyncsAtStartUpAndTheAPISeesTheNewData() async throws {
        try await SyncCLITests().withSetup { mock, cli in
            _ = try await cli.runDetached("data", "list")
            let start = try Day(iso: "2026-08-01"), today = Day.today()
            let days = Array(stride(from: start.rawValue, to: today.rawValue, by: 1)).map(Day.init(rawValue:))
            mock.set("bitcoin", .init(days: days, close: days.indices.map { 60_000 + Double($0) }))
            let p = try cli.start(["serve", "--port", "0", "--sync-every", "6h"])
            defer { if p.isRunning { kill(p.process.processIdentifier, SIGKILL) } }
            let deadline = ContinuousClock.now + .seconds(120)
            let bound = try #require(try await Self.address(of: p), "\(p.stderrSoFar)")
            // The start-up sync runs beside the server; wait for its summary line.
            while p.isRunning && !p.stderrSoFar.contains("sync: ") && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(p.stderrSoFar.contains("sync: "), "\(p.stderrSoFar)")
            try await Task.sleep(for: .milliseconds(1200))  // the store probe looks again after 1 s
            let url = URL(string: "http://127.0.0.1:\(bound)/api/v1/series/BTC?from=2026-08-20")!
            let (data, _) = try await URLSession.shared.data(from: url)
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let rows = try #require(doc["rows"] as? [[String: Any]])
            #expect(rows.last?["date"] as? String == (today - 1).iso, "the synced days are served")
            let (metrics, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/metrics")!)
            let text = String(decoding: metrics, as: UTF8.self)
            #expect(text.contains("riskflow_sync_series{provider=\"coingecko\",status=\"updated\"} 1"), "\(text.prefix(2000))")
            #expect(text.contains("riskflow_sync_last_success_timestamp_seconds{provider=\"coingecko\"}"))
            kill(p.process.processIdentifier, SIGTERM)
            p.process.waitUntilExit()
            #expect(p.process.terminationStatus == 0)
        }
    }

    @Test func serveEvaluatesAndDeliversTheRulesOnItsTimer() async throws {
        try await WebhookReceiver.with { receiver, port in
            let cli = try cli(port: port)
            _ = try await cli.runDetached("data", "list")
            let p = try cli.start(["serve", "--port", "0", "--sync-every", "off"])
            defer { if p.isRunning { kill(p.process.processIdentifier, SIGKILL) } }
            let bound = try #require(try await Self.address(of: p), "\(p.stderrSoFar)")
            // The rules are evaluated at start-up and their events delivered without a sync.
            let deadline = ContinuousClock.now + .seconds(60)
            while receiver.accepted.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            // Then until the deliveries are over (the count holds still for 1.5 s).
            var seen = -1, stableSince = ContinuousClock.now
            while ContinuousClock.now < deadline && ContinuousClock.now - stableSince < .milliseconds(1500) {
                if receiver.accepted.count != seen { seen = receiver.accepted.count; stableSince = ContinuousClock.now }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(!receiver.accepted.isEmpty, "\(p.stderrSoFar)")
            #expect(Set(receiver.accepted).count == receiver.accepted.count, "each event once")
            let (page, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/")!)
            let html = String(decoding: page, as: UTF8.self)
            #expect(html.contains("<h2>Alerts</h2><table>") && html.contains("delivered"))
            let (metrics, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(bound)/metrics")!)
            #expect(String(decoding: metrics, as: UTF8.self).contains("riskflow_alert_deliveries_total{outcome=\"delivered\"} \(Set(receiver.accepted).count)"))
            kill(p.process.processIdentifier, SIGTERM)
            p.process.waitUntilExit()
            #expect(p.process.terminationStatus == 0)
        }
    }
}

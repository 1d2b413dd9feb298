import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The whole chain of issue 23 through `riskflow serve`: a store whose data ends on
/// 2020-12-01 (the bundled series of the breakout's inputs and the followers, cut there),
/// so that the start-up recording finds the 2020-11-20 qualified breakout — a live call —
/// and the `breakout_qualified` rules deliver it on every channel (webhook, Telegram,
/// ntfy, e-mail); then a second `serve` whose start-up sync (loopback providers) brings
/// the data to 2021-01-25: the ledger scores the call at 30 and 60 days and a
/// `call_scored` rule delivers the grades.
@Suite("calls: the whole chain through serve", .serialized) struct CallsChainTests {
    static let cut = try! Day(iso: "2020-12-01")
    static let end = try! Day(iso: "2021-01-25")
    static let copied = ["RUT", "IWM", "MDY", "IJH", "XLF", "XLK", "XLE", "XLI", "XLY", "XLP", "XLV", "XLU", "XLB", "ETH", "BTC"]

    /// The CLI's store holding `copied` up to ``cut``; the loopback providers serve what
    /// follows, to ``end``, for RUT, ETH and BTC.
    func prepare(_ cli: CLI, _ mock: MockProviders) async throws {
        let bundled = try await Store.open(FileManager.default.temporaryDirectory
            .appendingPathComponent("riskflow-chain-\(UUID().uuidString)/riskflow.sqlite").path)
        try await BundledSnapshot.load(into: bundled)
        let store = try await Store.open(cli.home.appendingPathComponent("riskflow.sqlite").path)
        for id in Self.copied {
            guard let meta = try? await bundled.metadata(id) else { continue }
            let all = try await bundled.bars(id)
            let head = all.slice(to: Self.cut)
            try await store.replace(head, metadata: meta, origin: .init(origin: "test: bundled \(id) to \(Self.cut.iso)", format: "test"))
            if ["RUT", "ETH", "BTC"].contains(id) {
                let tail = all.slice(from: Self.cut + 1, to: Self.end)
                mock.set(DefaultSymbolMap.mappings[id]!.id, .init(days: tail.days, close: tail.close), instrumentType: id == "RUT" ? "INDEX" : "ETF")
            }
        }
        #expect(try await store.latestDay() == Self.cut)
    }

    func alertRules(hook: Int, smtp: Int) -> String {
        """

        [alerts]
        lookback_days = 30
        timeout_seconds = 10
        max_attempts = 4
        backoff_initial_seconds = 0.05
        backoff_max_seconds = 0.2

        [[alerts.rules]]
        name = "hook"
        kind = "breakout_qualified"
        webhook = "http://127.0.0.1:\(hook)/hook"

        [[alerts.rules]]
        name = "tg"
        kind = "breakout_qualified"
        channel = "telegram"
        chat_id = "42"
        token_env = "CHAIN_TG_TOKEN"
        base_url = "http://127.0.0.1:\(hook)/tg"

        [[alerts.rules]]
        name = "nt"
        kind = "breakout_qualified"
        channel = "ntfy"
        topic = "chain"
        base_url = "http://127.0.0.1:\(hook)"

        [[alerts.rules]]
        name = "mail"
        kind = "breakout_qualified"
        channel = "email"
        smtp_host = "127.0.0.1"
        smtp_port = \(smtp)
        from = "riskflow <alerts@example.com>"
        to = ["me@example.com"]
        starttls = "off"

        [[alerts.rules]]
        name = "graded"
        kind = "call_scored"
        webhook = "http://127.0.0.1:\(hook)/graded"
        """
    }

    /// Waits up to `seconds` for `condition`.
    func waitFor(_ seconds: Int, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition() && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
    }

    @Test func aBreakoutIsCalledDeliveredEverywhereThenScoredAndTheGradeAlerted() async throws {
        try await SyncCLITests().withSetup { mock, baseCLI in
            try await WebhookReceiver.with { receiver, hook in
                try await FakeSMTPServer.with { smtp, smtpPort in
                    var cli = baseCLI
                    cli.environment["CHAIN_TG_TOKEN"] = "chain-token"
                    let sync = try String(contentsOf: cli.home.appendingPathComponent("riskflow.toml"), encoding: .utf8)
                    _ = try cli.write("riskflow.toml", sync + alertRules(hook: hook, smtp: smtpPort))
                    try await prepare(cli, mock)

                    // 1. No sync: the start-up recording finds the breakout; every channel gets it.
                    let first = try cli.start(["serve", "--port", "0", "--sync-every", "off"])
                    defer { if first.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
                    func paths() -> [String] { receiver.arrivals.filter { $0.answered == 200 }.map(\.path) }
                    try await waitFor(120) {
                        paths().contains("/hook") && paths().contains("/tg/botchain-token/sendMessage") && paths().contains("/chain")
                            && !smtp.accepted.isEmpty && first.stderrSoFar.contains("calls: 1 new calls")
                    }
                    kill(first.process.processIdentifier, SIGTERM)
                    await first.exited()
                    #expect(first.process.terminationStatus == 0)
                    let hookBody = try #require(receiver.arrivals.first { $0.path == "/hook" }, "\(first.stderrSoFar)")
                    let event = try #require(try JSONSerialization.jsonObject(with: Data(hookBody.body.utf8)) as? [String: String])
                    #expect(event["kind"] == "breakout_qualified" && event["day"] == "2020-11-20")
                    #expect(smtp.accepted.count == 1 && smtp.accepted[0].contains("RUT breakout qualified"))
                    #expect(!paths().contains("/graded"), "nothing scored before the horizon")
                    let calls = try await cli.runDetached("calls", "--format", "json")
                    let ledger = try #require(try JSONSerialization.jsonObject(with: Data(calls.stdout.utf8)) as? [String: Any])
                    let recorded = try #require((ledger["calls"] as? [[String: Any]])?.first { $0["kind"] as? String == "qualified_breakout" })
                    #expect(recorded["known_at"] as? String == "2020-11-20" && recorded["origin"] as? String == "live")
                    #expect((recorded["scores"] as? [Any])?.isEmpty == true)

                    // 2. A sync brings the data to 2021-01-25: the call is scored, the grade alerted.
                    let second = try cli.start(["serve", "--port", "0", "--sync-every", "6h"])
                    defer { if second.isRunning { kill(second.process.processIdentifier, SIGKILL) } }
                    try await waitFor(180) { paths().filter { $0 == "/graded" }.count >= 2 }
                    kill(second.process.processIdentifier, SIGTERM)
                    await second.exited()
                    let graded = receiver.arrivals.filter { $0.path == "/graded" && $0.answered == 200 }
                    #expect(graded.count == 2, "30 and 60 days scored by 2021-01-25: \(second.stderrSoFar.suffix(3000))")
                    for g in graded {
                        let body = try #require(try JSONSerialization.jsonObject(with: Data(g.body.utf8)) as? [String: String])
                        #expect(body["kind"] == "call_scored" && body["day"] == "2021-01-25" && body["details"]?.contains("ETH") == true)
                    }
                    // Each breakout message arrived once per channel.
                    #expect(paths().filter { $0 == "/hook" }.count == 1 && smtp.accepted.count == 1)
                    let after = try await cli.runDetached("calls", "--format", "json")
                    let doc = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
                    let call = try #require((doc["calls"] as? [[String: Any]])?.first { $0["kind"] as? String == "qualified_breakout" })
                    let scores = try #require(call["scores"] as? [[String: Any]])
                    #expect(scores.contains { $0["follower"] as? String == "ETH" && $0["horizon"] as? Int == 30 && $0["entry"] as? String == "2020-11-21" })
                }
            }
        }
    }
}

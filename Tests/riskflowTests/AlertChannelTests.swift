import Foundation
import RiskflowConfig
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import RiskflowResearch
@testable import RiskflowRuntime
import Testing

/// Telegram and ntfy (issue 23): their configuration, the requests they make (the bot
/// token only in the URL path, never in a body, a header, an error or the output), and
/// delivery through the outbox against loopback servers — 5xx, a timeout, a dropped
/// connection and Telegram's rate limit, each event arriving effectively once.
@Suite("alerts: Telegram and ntfy channels", .serialized) struct AlertChannelTests {
    static let token = "123456:SECRET-bot-token_xyz"

    static func event(title: String = "Risk-curve stage 2 → 3", details: String = "Moved <up> & on") -> AlertEventRecord {
        AlertEventRecord(
            id: "evt_0123", rule: "r", kind: .stageChange, subject: "stage", day: day("2026-08-03"), title: title, details: details,
            asOf: day("2026-08-03"), nextAttemptAt: 0, createdAt: "2026-08-03T00:00:00Z")
    }

    @Test func configurationOfEachChannelAndItsErrors() throws {
        let text = """
            [[alerts.rules]]
            name = "tg"
            kind = "call_scored"
            channel = "telegram"
            chat_id = -1001234
            token_env = "TG_TOKEN"
            base_url = "http://127.0.0.1:9/api"

            [[alerts.rules]]
            name = "phone"
            kind = "stage_change"
            channel = "ntfy"
            topic = "riskflow-alerts"
            priority = 5
            tags = ["warning", "chart"]
            token_env = "NTFY_TOKEN"

            [[alerts.rules]]
            name = "hook"
            kind = "breakout_qualified"
            webhook = "https://example.com/h"
            """
        let s = try AlertsConfigFile.parse(text, file: "r.toml")
        #expect(s.rules.map(\.channel.name) == [.telegram, .ntfy, .webhook])
        #expect(s.rules[0].channel == .telegram(.init(baseURL: "http://127.0.0.1:9/api", tokenEnv: "TG_TOKEN", chatID: "-1001234", parseMode: .html)))
        #expect(s.rules[0].kind == .callScored && s.rules[0].webhook == nil && s.rules[0].format == nil)
        #expect(s.rules[1].channel == .ntfy(.init(topic: "riskflow-alerts", priority: 5, tags: ["warning", "chart"], tokenEnv: "NTFY_TOKEN")))
        #expect(s.rules[1].channel.destination == "https://ntfy.sh/riskflow-alerts")
        #expect(s.rules[2].webhook == "https://example.com/h" && s.rules[2].format == .json)
        let bad: [(String, String)] = [
            ("channel = \"telegram\"\nchat_id = \"1\"", "needs token_env"),
            ("channel = \"telegram\"\ntoken_env = \"T\"", "needs chat_id"),
            ("channel = \"telegram\"\ntoken_env = \"T\"\nchat_id = \"1\"\nwebhook = \"http://x.test/h\"", "unknown key 'webhook'"),
            ("channel = \"telegram\"\ntoken_env = \"T\"\nchat_id = \"1\"\nparse_mode = \"BBCode\"", "parse_mode must be one of"),
            ("channel = \"ntfy\"\ntopic = \"a/b\"", "needs topic"),
            ("channel = \"ntfy\"\ntopic = \"t\"\npriority = 6", "priority must be an integer from 1"),
            ("channel = \"ntfy\"\ntopic = \"t\"\ntags = [\"a,b\"]", "tags must be an array"),
            ("channel = \"ntfy\"\ntopic = \"t\"\nbase_url = \"ftp://x\"", "base_url must be an http(s) URL"),
            ("channel = \"pager\"", "channel must be one of webhook, telegram, ntfy"),
            ("webhook = \"http://x.test/h\"\ntopic = \"t\"", "unknown key 'topic'"),
        ]
        for (keys, words) in bad {
            let toml = "[[alerts.rules]]\nname = \"a\"\nkind = \"stage_change\"\n\(keys)"
            #expect(throws: (any Error).self) { _ = try AlertsConfigFile.parse(toml, file: "r.toml") }
            do { _ = try AlertsConfigFile.parse(toml, file: "r.toml") } catch { #expect("\(error)".contains(words), "\(keys): \(error)") }
        }
    }

    @Test func telegramRequestsCarryTheTokenInThePathOnlyAndEscapeTheText() throws {
        let channel = AlertChannel.telegram(.init(baseURL: "http://127.0.0.1:1/", tokenEnv: "TG", chatID: "@riskflow"))
        #expect(ChannelRequest.make(Self.event(), channel: channel, secrets: [:]) == nil, "no token, no request")
        let r = try #require(ChannelRequest.make(Self.event(), channel: channel, secrets: ["TG": Self.token]))
        #expect(r.url == "http://127.0.0.1:1/bot\(Self.token)/sendMessage")
        #expect(r.headers.allSatisfy { !$0.1.contains(Self.token) })
        let body = String(decoding: r.body, as: UTF8.self)
        #expect(!body.contains(Self.token))
        let json = try #require(try JSONSerialization.jsonObject(with: r.body) as? [String: Any])
        #expect(json["chat_id"] as? String == "@riskflow" && json["parse_mode"] as? String == "HTML")
        #expect(json["text"] as? String == "<b>Risk-curve stage 2 → 3</b>\nMoved &lt;up&gt; &amp; on")
        let md = try #require(ChannelRequest.make(Self.event(), channel: .telegram(.init(tokenEnv: "TG", chatID: "1", parseMode: .markdownV2)), secrets: ["TG": "t"]))
        let mdText = try #require((try JSONSerialization.jsonObject(with: md.body) as? [String: Any])?["text"] as? String)
        #expect(mdText == "*Risk\\-curve stage 2 → 3*\nMoved <up\\> & on")
        #expect(md.url.hasPrefix("https://api.telegram.org/bott/"))
    }

    @Test func ntfyRequestsHaveTitlePriorityTagsAndBearer() throws {
        let channel = AlertChannel.ntfy(.init(baseURL: "http://127.0.0.1:1", topic: "rf", priority: 4, tags: ["warning"], tokenEnv: "NT"))
        #expect(ChannelRequest.make(Self.event(), channel: channel, secrets: [:]) == nil)
        let r = try #require(ChannelRequest.make(Self.event(), channel: channel, secrets: ["NT": "tk"]))
        let headers = Dictionary(r.headers, uniquingKeysWith: { a, _ in a })
        #expect(r.url == "http://127.0.0.1:1/rf" && r.contentType.hasPrefix("text/plain"))
        #expect(headers["Priority"] == "4" && headers["Tags"] == "warning" && headers["Authorization"] == "Bearer tk")
        // A non-ASCII title travels as an RFC 2047 encoded word; an ASCII one as is.
        #expect(headers["Title"] == "=?UTF-8?B?\(Data("Risk-curve stage 2 → 3".utf8).base64EncodedString())?=")
        let ascii = try #require(ChannelRequest.make(Self.event(title: "Stage 2 to 3"), channel: channel, secrets: ["NT": "tk"]))
        #expect(Dictionary(ascii.headers, uniquingKeysWith: { a, _ in a })["Title"] == "Stage 2 to 3")
        #expect(String(decoding: r.body, as: UTF8.self) == "Moved <up> & on")
    }

    /// Both channels through 5xx, a timeout, a dropped connection and a Telegram rate
    /// limit: every event delivered, each accepted once (a repeat only after an attempt
    /// that saw no answer), and the token nowhere but in the request path.
    @Test func deliveryThroughFailuresIsEffectivelyOnceOnBothChannels() async throws {
        try await WebhookReceiver.with { receiver, port in
            let h = try await AlertHarness()
            let rules = [
                AlertRule(name: "tg", kind: .stageChange, channel: .telegram(.init(baseURL: "http://127.0.0.1:\(port)/tg", tokenEnv: "TG", chatID: "42"))),
                AlertRule(name: "nt", kind: .liquidityRegimeChange, channel: .ntfy(.init(baseURL: "http://127.0.0.1:\(port)", topic: "rf", priority: 4, tags: ["chart"], tokenEnv: "NT"))),
            ]
            let engine = try h.engine(port: port, rules: rules, attempts: 20, timeout: 5, environment: ["TG": Self.token, "NT": "ntfy-secret"])
            let added = try await engine.evaluate(asOf: day("2026-08-21")).added
            #expect(added.contains { $0.rule == "tg" } && added.contains { $0.rule == "nt" })
            receiver.script([.status(500), .drop, .stall(seconds: 6), .telegramRateLimit(retryAfter: 1), .status(502), .drop])
            let result = try await engine.deliverAll()
            await engine.shutdown()
            #expect(result.dead.isEmpty && result.delivered == added.count)
            let accepted = receiver.arrivals.filter { $0.answered == 200 }
            // Each event is identified by its text (these channels carry no id).
            func key(_ a: WebhookReceiver.Arrival) -> String {
                if a.path.hasPrefix("/tg/") {
                    return ((try? JSONSerialization.jsonObject(with: Data(a.body.utf8)) as? [String: Any])?["text"] as? String) ?? ""
                }
                return a.body
            }
            func key(_ e: AlertEventRecord) -> String {
                e.rule == "tg" ? "<b>\(ChannelRequest.html(e.title))</b>\n\(ChannelRequest.html(e.details))" : e.details
            }
            let history = try await h.store.alertHistory()
            let timedOut = Set(history.filter { $0.attempts.contains { $0.statusCode == nil } }.map { key($0.event) })
            expectEffectivelyOnce(accepted: accepted.map(key), events: Set(added.map(key)), timedOut: timedOut)
            for a in receiver.arrivals {
                if a.path.hasPrefix("/tg/") {
                    #expect(a.path == "/tg/bot\(Self.token)/sendMessage")
                    #expect(!a.body.contains(Self.token) && !a.headers.values.contains { $0.contains(Self.token) })
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(a.body.utf8)) as? [String: Any])
                    #expect(json["chat_id"] as? String == "42" && json["parse_mode"] as? String == "HTML")
                } else {
                    #expect(a.path == "/rf")
                    #expect(a.headers["priority"] == "4" && a.headers["tags"] == "chart" && a.headers["authorization"] == "Bearer ntfy-secret")
                    #expect(a.headers["title"] != nil && a.idempotencyKey == nil)
                }
            }
            let attempts = history.flatMap(\.attempts)
            // On a loaded machine an answer can come after the deadline and is recorded as
            // no answer (nil): what the receiver answered is checked on its side.
            #expect(receiver.arrivals.contains { $0.answered == 429 } && attempts.contains { $0.statusCode == nil })
            #expect(attempts.filter { $0.statusCode != 200 }.count >= 6, "\(attempts.map(\.statusCode))")
            #expect(attempts.allSatisfy { !($0.error ?? "").contains(Self.token) })
        }
    }

    @Test func alertsTestSendsOnEveryChannelWithoutPrintingTheToken() async throws {
        try await WebhookReceiver.with { receiver, port in
            var cli = try CLI()
            cli.environment["TG_TOKEN"] = Self.token
            _ = try cli.write("riskflow.toml", """
                [[alerts.rules]]
                name = "tg"
                kind = "breakout_qualified"
                channel = "telegram"
                chat_id = "7"
                token_env = "TG_TOKEN"
                base_url = "http://127.0.0.1:\(port)"

                [[alerts.rules]]
                name = "nt"
                kind = "call_scored"
                channel = "ntfy"
                topic = "riskflow"
                base_url = "http://127.0.0.1:\(port)"
                """)
            let tg = try await cli.runDetached("alerts", "test", "tg")
            #expect(tg.status == 0 && tg.stdout.contains("HTTP 200") && tg.stdout.contains("telegram chat 7"), "\(tg.stdout)\(tg.stderr)")
            let nt = try await cli.runDetached("alerts", "test", "nt")
            #expect(nt.status == 0 && nt.stdout.contains("http://127.0.0.1:\(port)/riskflow"), "\(nt.stdout)\(nt.stderr)")
            #expect(receiver.arrivals.map(\.path) == ["/bot\(Self.token)/sendMessage", "/riskflow"])
            let list = try await cli.runDetached("alerts", "list", "--format", "json")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["channel"] as? String } == ["telegram", "ntfy"])
            #expect(rows.allSatisfy { $0["webhook"] is NSNull && $0["destination"] is String })
            for out in [tg.stdout, tg.stderr, nt.stdout, list.stdout] { #expect(!out.contains(Self.token)) }
            // An unset token is a configuration error naming the key and variable.
            var unset = cli
            unset.environment["TG_TOKEN"] = nil
            let r = try await unset.runDetached("alerts", "test", "tg")
            #expect(r.status != 0 && r.stderr.contains("token_env TG_TOKEN is not set"), "\(r.stderr)")
        }
    }
}

@Suite("alerts: call_scored", .serialized) struct CallScoredAlertTests {
    /// The bundled store's seed call is scored when the store is first opened (as of its
    /// latest day, 2026-09-25): a `call_scored` rule fires once per horizon, listing each
    /// follower's grade; evaluating again fires nothing.
    @Test func aScoredLiveCallFiresOncePerHorizon() async throws {
        let h = try await AlertHarness()
        let seed = try #require(try await h.store.storedCalls().first { $0.call.source == SeedCall.source })
        let scores = try await h.store.callScores().filter { $0.callID == seed.id }
        #expect(scores.count == 6 && scores.allSatisfy { $0.scoredAsOf == day("2026-09-25") })
        let engine = try h.engine(port: 9, rules: [AlertRule(name: "graded", kind: .callScored, webhook: "http://127.0.0.1:9/hook")])
        defer { Task { await engine.shutdown() } }
        let added = try await engine.evaluate(asOf: day("2026-09-25")).added
        #expect(added.map(\.subject).sorted() == ["30d", "60d", "90d"].map { "\(seed.id)/\($0)" })
        #expect(added.allSatisfy { $0.kind == .callScored && $0.day == day("2026-09-25") && $0.details.contains("ETH") && $0.details.contains("ALTS") })
        let ninety = try #require(added.first { $0.subject.hasSuffix("/90d") })
        let eth = try #require(scores.first { $0.follower == "ETH" && $0.horizon == 90 })
        #expect(ninety.title.hasPrefix("Call scored at 90 days:") && ninety.details.contains(String(format: "ETH %+.1f%%", eth.return * 100)))
        #expect(try await engine.evaluate(asOf: day("2026-09-25")).added.isEmpty)
    }
}

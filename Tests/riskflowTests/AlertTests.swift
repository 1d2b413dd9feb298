import Crypto
import Foundation
import RiskflowConfig
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import RiskflowServer
@testable import RiskflowRuntime
@testable import RiskflowSignals
import Testing

func day(_ s: String) -> Day { try! Day(iso: s) }

@Suite("alerts: firing") struct AlertFiringTests {
    let rule = AlertRule(name: "r", kind: .stageChange, webhook: "http://127.0.0.1:1/hook")

    @Test func aStageChangeFiresOnTheFirstDayOfTheNewStageOnly() {
        let spells = [
            StageSpell(from: day("2026-01-01"), to: day("2026-01-09"), stage: 1),
            StageSpell(from: day("2026-01-12"), to: day("2026-01-20"), stage: 3),
            StageSpell(from: day("2026-01-21"), to: day("2026-02-02"), stage: 2),
        ]
        let s = AlertSignals(stageSpells: spells)
        let all = AlertEvaluator.firings(rule, signals: s, after: day("2025-12-31"), through: day("2026-02-02"))
        #expect(all.map(\.day) == [day("2026-01-12"), day("2026-01-21")])
        #expect(all.map(\.title) == ["Risk-curve stage 1 → 3", "Risk-curve stage 3 → 2"])
        // `after` is exclusive, `through` inclusive.
        #expect(AlertEvaluator.firings(rule, signals: s, after: day("2026-01-12"), through: day("2026-02-02")).map(\.day) == [day("2026-01-21")])
        #expect(AlertEvaluator.firings(rule, signals: s, after: day("2026-01-11"), through: day("2026-01-12")).map(\.day) == [day("2026-01-12")])
        #expect(AlertEvaluator.firings(rule, signals: s, after: day("2026-01-12"), through: day("2026-01-20")).isEmpty)
    }

    @Test func theAltSeasonIndexFiresOnEachCrossingOfTheLevel() {
        func d(_ date: String, _ index: Double) -> AltSeasonDay {
            AltSeasonDay(date: day(date), index: index, eligible: 40, season: .neutral, btcReturn: 0, carriedCaps: 0, uncapped: 0, thin: false)
        }
        let days = [d("2026-03-01", 70), d("2026-03-02", 75), d("2026-03-03", 80), d("2026-03-04", 74.9), d("2026-03-05", 60)]
        let r = AlertRule(name: "alt", kind: .altseasonCross, level: 75, webhook: "http://127.0.0.1:1/hook")
        let f = AlertEvaluator.firings(r, signals: AlertSignals(altSeason: days), after: day("2026-02-28"), through: day("2026-03-05"))
        #expect(f.map(\.day) == [day("2026-03-02"), day("2026-03-04")])
        #expect(f.map(\.title) == ["Altcoin season index crossed above 75", "Altcoin season index crossed below 75"])
    }

    @Test func regimeChangesFireButNotFromOrToUnknown() {
        let changes = [
            RegimeChange(date: day("2026-01-08"), from: .unknown, to: .neutral),
            RegimeChange(date: day("2026-02-05"), from: .neutral, to: .expanding),
            RegimeChange(date: day("2026-03-05"), from: .expanding, to: .unknown),
        ]
        let r = AlertRule(name: "liq", kind: .liquidityRegimeChange, webhook: "http://127.0.0.1:1/hook")
        let f = AlertEvaluator.firings(r, signals: AlertSignals(liquidityChanges: changes), after: day("2026-01-01"), through: day("2026-12-31"))
        #expect(f.map(\.day) == [day("2026-02-05")])
        #expect(f[0].subject == "net_liquidity")
    }

    @Test func eventIdsAreStableAndDistinct() {
        let a = AlertFiring.id(rule: "r", subject: "stage", day: day("2026-01-12"))
        #expect(a == AlertFiring.id(rule: "r", subject: "stage", day: day("2026-01-12")))
        #expect(a != AlertFiring.id(rule: "r2", subject: "stage", day: day("2026-01-12")))
        #expect(a != AlertFiring.id(rule: "r", subject: "stage", day: day("2026-01-13")))
        #expect(a.hasPrefix("evt_") && a.count == 36)
    }

    @Test func payloadsAndSignatures() async throws {
        let e = AlertEventRecord(
            id: "evt_1", rule: "r", kind: .stageChange, subject: "stage", day: day("2026-01-12"), title: "Risk-curve stage 1 → 3",
            details: "d", asOf: day("2026-01-13"), nextAttemptAt: 0, createdAt: "2026-01-13T00:00:00Z")
        let json = try JSONSerialization.jsonObject(with: AlertPayload.body(e, format: .json)) as! [String: String]
        #expect(json == [
            "id": "evt_1", "rule": "r", "kind": "stage_change", "subject": "stage", "day": "2026-01-12", "title": "Risk-curve stage 1 → 3",
            "details": "d", "as_of": "2026-01-13",
        ])
        let slack = try JSONSerialization.jsonObject(with: AlertPayload.body(e, format: .slack)) as! [String: String]
        #expect(slack == ["text": "*Risk-curve stage 1 → 3*\nd"])
        let discord = try JSONSerialization.jsonObject(with: AlertPayload.body(e, format: .discord)) as! [String: String]
        #expect(discord == ["content": "**Risk-curve stage 1 → 3**\nd"])
        // RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
        #expect(AlertPayload.signature(body: Data("what do ya want for nothing?".utf8), secret: "Jefe")
            == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func backoffDoublesUpToTheMaximumAndHonoursRetryAfter() {
        var s = AlertSettings()
        s.backoffInitialSeconds = 1
        s.backoffMaxSeconds = 10
        #expect(s.backoff(afterAttempts: 1, retryAfter: nil, random: 1) == 1)
        #expect(s.backoff(afterAttempts: 3, retryAfter: nil, random: 1) == 4)
        #expect(s.backoff(afterAttempts: 3, retryAfter: nil, random: 0) == 2)
        #expect(s.backoff(afterAttempts: 9, retryAfter: nil, random: 1) == 10)
        #expect(s.backoff(afterAttempts: 1, retryAfter: 30, random: 1) == 30)
    }
}

/// Each event was accepted, and one accepted twice only when an attempt of it got no
/// answer in time (the receiver answered after the sender gave up: the documented
/// effectively-once case, which happens on a loaded machine).
func expectEffectivelyOnce(accepted: [String], events: Set<String>, timedOut: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Set(accepted) == events, sourceLocation: sourceLocation)
    var counts: [String: Int] = [:]
    for id in accepted { counts[id, default: 0] += 1 }
    for (id, n) in counts where n > 1 {
        #expect(timedOut.contains(id), "\(id) accepted \(n) times without a timed-out attempt", sourceLocation: sourceLocation)
    }
}

/// A store with the bundled data and an engine over it.
struct AlertHarness {
    let cli: CLI
    let store: any RiskflowStore

    init() async throws {
        cli = try CLI()
        _ = try await cli.runDetached("data", "list")
        store = try await Store.open(cli.home.appendingPathComponent("riskflow.sqlite").path)
    }

    func engine(port: Int, rules: [AlertRule]? = nil, attempts: Int = 8, timeout: Double = 30, environment: [String: String] = [:]) throws
        -> AlertEngine
    {
        var s = AlertSettings(rules: rules ?? [
            AlertRule(name: "stage", kind: .stageChange, webhook: "http://127.0.0.1:\(port)/hook", secretEnv: "HOOK_SECRET"),
            AlertRule(name: "liq", kind: .liquidityRegimeChange, webhook: "http://127.0.0.1:\(port)/hook"),
        ])
        s.lookbackDays = 60
        s.maxAttempts = attempts
        s.timeoutSeconds = timeout
        s.backoffInitialSeconds = 0.05
        s.backoffMaxSeconds = 0.2
        return try AlertEngine(store: store, settings: s, signals: .init(), environment: ["HOOK_SECRET": "s3cret"].merging(environment) { $1 })
    }
}

@Suite("alerts: outbox and delivery", .serialized) struct AlertDeliveryTests {
    @Test func aRuleFiresOncePerTransitionAndOnlyLooksBackOnItsFirstRun() async throws {
        let h = try await AlertHarness()
        let engine = try h.engine(port: 9)
        defer { Task { await engine.shutdown() } }
        let (plan, added) = try await engine.evaluate(asOf: day("2026-08-21"))
        #expect(plan.allSatisfy { $0.after == day("2026-06-22") && $0.through == day("2026-08-21") })
        #expect(!added.isEmpty)
        #expect(added.allSatisfy { $0.day > day("2026-06-22") && $0.day <= day("2026-08-21") })
        #expect(Set(added.map(\.id)).count == added.count)
        // Evaluating again creates nothing; the rules remember where they stopped.
        #expect(try await engine.evaluate(asOf: day("2026-08-21")).added.isEmpty)
        await #expect(try h.store.alertRuleStates() == ["stage": day("2026-08-21"), "liq": day("2026-08-21")])
        await #expect(try h.store.pendingAlertEvents().count == added.count)
        // An earlier as-of never moves a rule backwards or re-creates events.
        #expect(try await engine.evaluate(asOf: day("2026-08-01")).added.isEmpty)
        await #expect(try h.store.alertRuleStates()["stage"] == day("2026-08-21"))
    }

    @Test func retriesThroughFailuresTimeoutsAndRateLimitsDeliverEachEventOnce() async throws {
        try await WebhookReceiver.with { receiver, port in
            let h = try await AlertHarness()
            // A 5 s deadline: the stall (6 s) times out, the other answers never do, even on
            // a loaded machine.
            let engine = try h.engine(port: port, attempts: 20, timeout: 5)  // slack for a starved receiver
            let added = try await engine.evaluate(asOf: day("2026-08-21")).added
            #expect(added.count >= 3)
            receiver.script([.status(500), .status(503), .stall(seconds: 6), .status(429, retryAfter: 1), .status(502)])
            let start = ContinuousClock.now
            let result = try await engine.deliverAll()
            await engine.shutdown()
            #expect(result.dead.isEmpty && result.delivered == added.count)
            #expect(ContinuousClock.now - start >= .seconds(1), "waited for Retry-After")
            // Each event was accepted exactly once, under its own id.
            let history = try await h.store.alertHistory()
            expectEffectivelyOnce(accepted: receiver.accepted, events: Set(added.map(\.id)), timedOut: Set(history.filter { $0.attempts.contains { $0.statusCode == nil } }.map(\.event.id)))
            for a in receiver.arrivals {
                let id = try #require(a.idempotencyKey)
                let event = try #require(added.first { $0.id == id })
                let body = try JSONSerialization.jsonObject(with: Data(a.body.utf8)) as! [String: String]
                #expect(body["id"] == id && body["rule"] == event.rule && body["day"] == event.day.iso)
                if event.rule == "stage" {
                    let mac = HMAC<SHA256>.authenticationCode(for: Data(a.body.utf8), using: SymmetricKey(data: Data("s3cret".utf8)))
                    #expect(a.signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
                } else {
                    #expect(a.signature == nil)
                }
            }
            #expect(history.allSatisfy { $0.event.status == .delivered })
            let codes = history.flatMap(\.attempts).map(\.statusCode)
            #expect(codes.filter { $0 == 200 }.count == added.count)
            // Five scripted failures, each retried. On a loaded machine an answer can come
            // after the deadline and is then recorded as no answer (nil), never as success.
            let failures = codes.filter { $0 != 200 }
            #expect(failures.count >= 5, "\(codes)")
            #expect(failures.allSatisfy { [500, 503, 429, 502, nil].contains($0) }, "\(codes)")
            #expect(codes.contains(nil), "the stall timed out")
            #expect(history.flatMap(\.attempts).contains { $0.error?.contains("no answer within 5 s") == true })
        }
    }

    @Test func aPermanentFailureOrTooManyAttemptsDeadLetters() async throws {
        try await WebhookReceiver.with { receiver, port in
            let h = try await AlertHarness()
            let rules = [AlertRule(name: "liq", kind: .liquidityRegimeChange, webhook: "http://127.0.0.1:\(port)/hook")]
            let engine = try h.engine(port: port, rules: rules, attempts: 3)
            let added = try await engine.evaluate(asOf: day("2026-08-21")).added
            #expect(added.count >= 2)
            // The first event meets a 410 (permanent), the next ones only 500s.
            receiver.script([.status(410)], then: .status(500))
            let result = try await engine.deliverAll()
            await engine.shutdown()
            #expect(result.delivered == 0 && result.dead.count == added.count)
            let history = try await h.store.alertHistory()
            let first = try #require(history.first { $0.attempts.first?.statusCode == 410 })
            #expect(first.attempts.count == 1 && first.event.status == .dead)
            #expect(first.attempts[0].error?.contains("permanent") == true)
            for other in history where other.event.id != first.event.id {
                #expect(other.attempts.count == 3 && other.event.status == .dead)
                #expect(other.attempts.last?.error?.contains("dead-lettered after 3 attempts") == true)
            }
        }
    }

    @Test func aMissingSecretOrABadWebhookIsAConfigurationError() async throws {
        let h = try await AlertHarness()
        let bad = [AlertRule(name: "x", kind: .stageChange, webhook: "ftp://example.com/hook")]
        #expect(throws: AlertConfigError.self) { _ = try AlertEngine(store: h.store, settings: .init(rules: bad), signals: .init(), environment: [:]) }
        let secret = [AlertRule(name: "x", kind: .stageChange, webhook: "http://127.0.0.1:1/hook", secretEnv: "NOPE_SECRET")]
        do {
            _ = try AlertEngine(store: h.store, settings: .init(rules: secret), signals: .init(), environment: [:])
            Issue.record("a missing secret must be refused")
        } catch let e as AlertConfigError {
            #expect(e.message.contains("NOPE_SECRET") && e.message.contains("'x'"))
        }
    }
}

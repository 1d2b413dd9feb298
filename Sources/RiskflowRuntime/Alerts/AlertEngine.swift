import Foundation
import RiskflowConfig
import Logging
import RiskflowCore
import RiskflowStore
import RiskflowResearch
import RiskflowSignals

/// A configuration problem of the alert rules (a missing secret, a bad webhook URL).
public struct AlertConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a rule would fire (or fired) in one evaluation.
public struct AlertPlanEntry: Sendable {
    public var rule: AlertRule
    /// Days evaluated: `after < day ≤ through`.
    public var after: Day
    public var through: Day
    public var firings: [AlertFiring]
    /// Why the rule's signal could not be computed (its inputs are missing), if so.
    public var error: String?
}

/// The alert engine: evaluates the rules on the data known as of a day, writes what
/// fires to the outbox, and delivers the outbox on each rule's channel (webhook,
/// Telegram, ntfy, e-mail).
///
/// Guarantees (with the store's transactions): an evaluation stores its events and the
/// rule's last evaluated day together, so a firing is neither lost nor stored twice; each
/// delivery attempt is recorded with its outcome after the webhook answers. A process
/// killed between a webhook's answer and that record re-sends the event later **with the
/// same id** (`Idempotency-Key`), so delivery is effectively once for a receiver that
/// deduplicates by id, and at least once otherwise.
public final class AlertEngine: Sendable {
    public let store: any RiskflowStore
    public let settings: AlertSettings
    public let signals: SignalConfig
    let environment: [String: String]
    let sender: WebhookSender
    let metrics: (any AlertMetrics)?
    let logger: Logger
    let clock: @Sendable () -> Date

    /// - Throws: ``AlertConfigError`` when a rule's webhook is not an http(s) URL or its
    ///   `secret_env` names an unset variable.
    public init(
        store: any RiskflowStore, settings: AlertSettings, signals: SignalConfig, environment: [String: String], metrics: (any AlertMetrics)? = nil,
        logger: Logger = Logger(label: "riskflow.alerts"), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        for rule in settings.rules {
            let http: (key: String, address: String)? =
                switch rule.channel {
                case .webhook(let w): ("webhook", w.url)
                case .telegram(let t): ("base_url", t.baseURL)
                case .ntfy(let n): ("base_url", n.baseURL)
                case .email: nil
                }
            if let (key, address) = http {
                guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil
                else { throw AlertConfigError("alert rule '\(rule.name)': \(key) '\(address)' is not an http(s) URL") }
            }
            for (key, name) in rule.channel.secrets where (environment[name] ?? "").isEmpty {
                throw AlertConfigError("alert rule '\(rule.name)': \(key) \(name) is not set in the environment")
            }
        }
        self.store = store
        self.settings = settings
        self.signals = signals
        self.environment = environment
        self.sender = WebhookSender()
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
    }

    /// Closes the HTTP client. Call once, at the end.
    public func shutdown() async { try? await sender.shutdown() }

    // MARK: - Evaluation

    /// The signal histories the rules need, as known on `asOf` (one load of the inputs).
    public func computeSignals(asOf: Day) async throws -> AlertSignals {
        try await computeSignals(asOf: asOf, kinds: Set(settings.rules.map(\.kind)))
    }

    /// The histories of `kinds` only (market data is loaded only when a kind needs it).
    func computeSignals(asOf: Day, kinds: Set<AlertRule.Kind>) async throws -> AlertSignals {
        var request = DataRequest()
        if kinds.contains(.breakoutQualified) { request = request.union(BreakoutDetector.inputs(signals)) }
        if kinds.contains(.stageChange) { request = request.union(RiskCurveStage.inputs(signals)) }
        if kinds.contains(.altseasonCross) { request = request.union(AltSeasonModel.inputs(signals)) }
        if kinds.contains(.liquidityRegimeChange) { request = request.union(LiquidityModel.inputs(signals)) }
        let data = request == DataRequest() ? MarketData(asOf: asOf, bars: [:]) : try await store.marketData(for: request, asOf: asOf)
        var out = AlertSignals()
        if kinds.contains(.callScored) {
            out.calls = try await store.storedCalls()
            out.callScores = try await store.callScores()
        }
        func attempt(_ kind: AlertRule.Kind, _ body: () throws -> Void) {
            guard kinds.contains(kind) else { return }
            do { try body() } catch { out.errors[kind] = "\(error)" }
        }
        attempt(.breakoutQualified) { out.breakouts = try BreakoutDetector.evaluate(data, config: signals) }
        attempt(.stageChange) { out.stageSpells = try RiskCurveStage.evaluate(data, config: signals).spells }
        attempt(.altseasonCross) { out.altSeason = try AltSeasonModel.evaluate(data, config: signals).days }
        attempt(.liquidityRegimeChange) { out.liquidityChanges = try LiquidityModel.evaluate(data, config: signals).changes }
        return out
    }

    /// What each rule fires on the days after its last evaluated day (or, the first
    /// time, the last ``AlertSettings/lookbackDays``) up to `asOf`. Reads only.
    ///
    /// `call_scored` rules look at every evaluation, the last evaluated day included: a
    /// score is recorded with the day its data was known, possibly after the rule looked
    /// at that day (the ledger scores after a sync); its event id is stable, so a score
    /// seen twice fires once.
    public func plan(asOf: Day) async throws -> [AlertPlanEntry] {
        let states = try await store.alertRuleStates()
        func lastEvaluated(_ rule: AlertRule) -> Day { states[rule.name] ?? (asOf - settings.lookbackDays) }
        func due(_ rule: AlertRule) -> Bool { lastEvaluated(rule) < asOf || (rule.kind == .callScored && lastEvaluated(rule) == asOf) }
        // Nothing to look at (the serve timer between data days): no signal is computed.
        let kinds = Set(settings.rules.filter(due).map(\.kind))
        let signals = kinds.isEmpty ? AlertSignals() : try await computeSignals(asOf: asOf, kinds: kinds)
        return settings.rules.map { rule in
            let after = lastEvaluated(rule)
            let firings = due(rule) ? AlertEvaluator.firings(rule, signals: signals, after: after, through: asOf) : []
            return AlertPlanEntry(rule: rule, after: after, through: asOf, firings: firings, error: signals.errors[rule.kind])
        }
    }

    /// Evaluates every rule as of `asOf` (default: the store's latest day) and writes
    /// the firings to the outbox, each rule in one transaction with its last evaluated
    /// day. A rule whose signal cannot be computed is left where it was (it will look
    /// at those days again). Returns the plan and the events that were new.
    @discardableResult
    public func evaluate(asOf requested: Day? = nil) async throws -> (plan: [AlertPlanEntry], added: [AlertEventRecord]) {
        let latest: Day?
        if let requested { latest = requested } else { latest = try await store.latestDay() }
        guard let asOf = latest else { return ([], []) }
        let plan = try await plan(asOf: asOf)
        let now = clock()
        let stamp = ISO8601DateFormatter().string(from: now)
        var added: [AlertEventRecord] = []
        for entry in plan where entry.error == nil && (entry.after < entry.through || !entry.firings.isEmpty) {
            let events = entry.firings.map {
                AlertEventRecord(
                    id: $0.id, rule: $0.rule, kind: $0.kind, subject: $0.subject, day: $0.day, title: $0.title, details: $0.details,
                    asOf: asOf, nextAttemptAt: now.timeIntervalSince1970, createdAt: stamp)
            }
            added += try await store.recordAlertEvaluation(rule: entry.rule.name, through: entry.through, events: events, stamp: stamp)
        }
        for e in added { logger.info("alert fired: \(e.rule) \(e.day.iso) \(e.title) [\(e.id)]") }
        return (plan, added)
    }

    // MARK: - Delivery

    /// The request delivering an event on its rule's channel (secrets from the environment).
    public func request(for e: AlertEventRecord, rule: AlertRule) -> ChannelRequest? {
        ChannelRequest.make(e, channel: rule.channel, secrets: environment)
    }

    /// Sends `e` on `rule`'s channel once; a missing secret is a permanent failure.
    func send(_ e: AlertEventRecord, rule: AlertRule) async -> WebhookAnswer {
        if case .email(let mail) = rule.channel {
            let password = mail.passwordEnv.flatMap { environment[$0] }
            if mail.username != nil, (password ?? "").isEmpty {
                return WebhookAnswer(statusCode: nil, error: "a secret of rule '\(rule.name)' is not set in the environment", permanent: true)
            }
            let message = EmailMessage.render(e, from: mail.from, to: mail.to, date: clock())
            return await SMTPClient(settings: mail, password: password, timeout: settings.timeoutSeconds).send(message)
        }
        guard let request = request(for: e, rule: rule) else {
            return WebhookAnswer(statusCode: nil, error: "a secret of rule '\(rule.name)' is not set in the environment", permanent: true)
        }
        let secrets = rule.channel.secretVariables.compactMap { environment[$0] }
        return await sender.send(request, timeout: settings.timeoutSeconds, redacting: secrets)
    }

    /// One delivery attempt of a pending event, recorded with its outcome. Returns the
    /// outcome, or `nil` when the event was no longer pending.
    @discardableResult
    public func attempt(_ e: AlertEventRecord) async throws -> AlertAttemptOutcome? {
        guard let rule = settings.rule(named: e.rule) else {
            let record = AlertAttemptRecord(at: stamp(clock()), statusCode: nil, error: "rule '\(e.rule)' is no longer configured")
            try await store.recordAlertAttempt(id: e.id, attempt: record, outcome: .dead)
            metrics?.recordDelivery(outcome: "dead")
            return .dead
        }
        let answer = await send(e, rule: rule)
        let now = clock()
        let n = e.attemptCount + 1
        let outcome: AlertAttemptOutcome
        var error = answer.error
        if answer.isSuccess {
            outcome = .delivered
        } else if !answer.isRetryable {
            outcome = .dead
            error = error ?? "HTTP \(answer.statusCode ?? 0): a permanent failure"
        } else if n >= settings.maxAttempts {
            outcome = .dead
            error = (error ?? "HTTP \(answer.statusCode ?? 0)") + "; dead-lettered after \(n) attempts"
        } else {
            let delay = settings.backoff(afterAttempts: n, retryAfter: answer.retryAfter, random: Double.random(in: 0...1))
            outcome = .retry(at: now.timeIntervalSince1970 + delay)
            error = error ?? "HTTP \(answer.statusCode ?? 0)"
        }
        let recorded = try await store.recordAlertAttempt(id: e.id, attempt: AlertAttemptRecord(at: stamp(now), statusCode: answer.statusCode, error: outcome == .delivered ? nil : error), outcome: outcome)
        guard recorded else { return nil }
        let label = switch outcome { case .delivered: "delivered"; case .retry: "retry"; case .dead: "dead" }
        metrics?.recordDelivery(outcome: label)
        logger.info("alert \(e.id) (\(e.rule) \(e.day.iso)) attempt \(n): \(label)\(error.map { " – \($0)" } ?? "")")
        return outcome
    }

    /// Attempts every pending event that is due, earliest first. Returns the events
    /// dead-lettered in this pass and the time the next pending one is due (seconds since
    /// 1970), if any.
    public func deliverDue() async throws -> (dead: [String], delivered: Int, nextDue: Double?) {
        var dead: [String] = []
        var delivered = 0
        for e in try await store.pendingAlertEvents() where e.nextAttemptAt <= clock().timeIntervalSince1970 {
            try Task.checkCancellation()
            switch try await attempt(e) {
            case .dead: dead.append(e.id)
            case .delivered: delivered += 1
            default: break
            }
        }
        return (dead, delivered, try await store.pendingAlertEvents().map(\.nextAttemptAt).min())
    }

    /// Delivers until nothing is pending: each event is delivered or dead-lettered,
    /// waiting out the backoff in between. Returns the ids dead-lettered and the number
    /// delivered.
    public func deliverAll() async throws -> (dead: [String], delivered: Int) {
        var dead: [String] = []
        var delivered = 0
        while true {
            let pass = try await deliverDue()
            dead += pass.dead
            delivered += pass.delivered
            guard let next = pass.nextDue else { return (dead, delivered) }
            let wait = next - clock().timeIntervalSince1970
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
        }
    }

    /// Sends a sample event for `rule` once (nothing is stored). For `alerts test`.
    public func test(rule: AlertRule) async -> (event: AlertEventRecord, answer: WebhookAnswer) {
        let now = clock()
        let day = Day.today(now: now)
        let e = AlertEventRecord(
            id: "test_" + AlertFiring.id(rule: rule.name, subject: "test", day: day).dropFirst(4) + "_\(Int(now.timeIntervalSince1970))",
            rule: rule.name, kind: rule.kind, subject: "test", day: day, title: "riskflow test alert for rule '\(rule.name)'",
            details: "A test delivery from `riskflow alerts test`; no signal fired.", asOf: day, nextAttemptAt: now.timeIntervalSince1970,
            createdAt: stamp(now))
        return (e, await send(e, rule: rule))
    }

    func stamp(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }
}

import ArgumentParser
import Foundation
import RiskflowConfig
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowRuntime

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List, run, test and review the alert rules of riskflow.toml ([[alerts.rules]]).",
        discussion: """
            A rule evaluates its signal on every data day after the last day it evaluated (the first time, \
            the last lookback_days) and fires once per transition: breakout_qualified (a breakout becoming \
            qualified, on its signal day), stage_change, altseason_cross (the index crossing level, up or \
            down), liquidity_regime_change, call_scored (a live call of the calls ledger scored at a horizon). \
            Each event has a stable id from (rule, subject, day) and goes to \
            an outbox in the same transaction as the rule's progress; delivery sends it on the rule's channel \
            (webhook, telegram or ntfy); a webhook gets it with \
            Idempotency-Key: <id> (and X-Riskflow-Signature: sha256=<HMAC> when secret_env is set), retrying \
            timeouts, 5xx, 429 and connection errors with exponential backoff until max_attempts, then \
            dead-lettering it. Effectively once: a crash between a webhook's answer and its record re-sends \
            the same id, which receivers deduplicate.
            """,
        subcommands: [AlertsList.self, AlertsRun.self, AlertsTest.self, AlertsHistory.self]
    )
}

/// The alert engine over the command's store and config.
struct AlertsContext {
    let store: any RiskflowStore
    let settings: AlertSettings
    let engine: AlertEngine

    init(global: GlobalOptions, config: ConfigOptions) async throws {
        store = try await global.openStore()
        settings = try AlertsConfigFile.load(explicit: config.config)
        do {
            engine = try AlertEngine(store: store, settings: settings, signals: try config.load(), environment: ProcessInfo.processInfo.environment)
        } catch let e as AlertConfigError {
            throw ValidationError(e.message)
        }
    }
}

struct AlertsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The configured rules with their progress and outbox counts.",
        discussion: """
            JSON: an array of {"name","kind","level","channel","destination","webhook","format","secret_env","last_evaluated",\
            "pending","delivered","dead"} (webhook, format and secret_env are null on the telegram and ntfy channels; \
            destination never holds a secret).

            Examples:
              riskflow alerts list
              riskflow alerts list --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    /// Every key is written, `null` where there is no value.
    struct Row: Encodable {
        var name: String
        var kind: String
        @NullEncoded var level: Double?
        var channel: String
        var destination: String
        @NullEncoded var webhook: String?
        @NullEncoded var format: String?
        @NullEncoded var secretEnv: String?
        @NullEncoded var lastEvaluated: Day?
        var pending: Int
        var delivered: Int
        var dead: Int

        enum CodingKeys: String, CodingKey {
            case name, kind, level, channel, destination, webhook, format, pending, delivered, dead
            case secretEnv = "secret_env", lastEvaluated = "last_evaluated"
        }
    }

    func run() async throws {
        let ctx = try await AlertsContext(global: global, config: configOptions)
        defer { Task { await ctx.engine.shutdown() } }
        let states = try await ctx.store.alertRuleStates()
        let history = try await ctx.store.alertHistory().map(\.event)
        let rows = ctx.settings.rules.map { r in
            let mine = history.filter { $0.rule == r.name }
            return Row(
                name: r.name, kind: r.kind.rawValue, level: r.kind == .altseasonCross ? r.level : nil, channel: r.channel.name.rawValue,
                destination: r.channel.destination, webhook: r.webhook, format: r.format?.rawValue,
                secretEnv: r.secretEnv, lastEvaluated: states[r.name], pending: mine.filter { $0.status == .pending }.count,
                delivered: mine.filter { $0.status == .delivered }.count, dead: mine.filter { $0.status == .dead }.count)
        }
        switch global.format {
        case .json: emit(try JSONText.encode(rows))
        case .csv:
            emit(CSVText.render(
                header: ["name", "kind", "level", "channel", "destination", "webhook", "format", "secret_env", "last_evaluated", "pending", "delivered", "dead"],
                rows: rows.map {
                    [$0.name, $0.kind, $0.level.map { "\($0)" } ?? "", $0.channel, $0.destination, $0.webhook ?? "", $0.format ?? "", $0.secretEnv ?? "", $0.lastEvaluated?.iso ?? "",
                     String($0.pending), String($0.delivered), String($0.dead)]
                }))
        case .table:
            if rows.isEmpty {
                emit("No alert rules. Add [[alerts.rules]] to riskflow.toml (see `riskflow alerts --help`).")
                return
            }
            var t = TextTable(columns: [
                .init("name"), .init("kind"), .init("channel"), .init("destination"), .init("last evaluated"), .init("pending", .right),
                .init("delivered", .right), .init("dead", .right),
            ])
            t.rows = rows.map {
                [$0.name, $0.kind + ($0.level.map { " \(NumberText.grouped($0, decimals: 0))" } ?? ""), $0.channel + ($0.format.map { " (\($0))" } ?? ""),
                 $0.destination,
                 $0.lastEvaluated?.iso ?? "never", String($0.pending), String($0.delivered), String($0.dead)]
            }
            emit(t.render(style: global.style))
        }
    }
}

struct AlertsRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Evaluate the rules and deliver the outbox until every event is delivered or dead-lettered.",
        discussion: """
            Exits 1 when an event was dead-lettered in this run. --dry-run prints what would fire and \
            writes and sends nothing.

            Examples:
              riskflow alerts run
              riskflow alerts run --as-of 2026-01-15 --dry-run
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("as-of"), help: "Evaluate on the data published by this day (default: the store's latest day).")
    var asOf: Day?

    @Flag(name: .customLong("dry-run"), help: "Print what would fire; write and send nothing.")
    var dryRun = false

    func run() async throws {
        let ctx = try await AlertsContext(global: global, config: configOptions)
        guard !ctx.settings.rules.isEmpty else {
            emit("No alert rules. Add [[alerts.rules]] to riskflow.toml (see `riskflow alerts --help`).")
            await ctx.engine.shutdown()
            return
        }
        if dryRun {
            let latest: Day?
            if let asOf { latest = asOf } else { latest = try await ctx.store.latestDay() }
            guard let day = latest else { return }
            let plan = try await ctx.engine.plan(asOf: day)
            await ctx.engine.shutdown()
            for entry in plan {
                let span = "\((entry.after + 1).iso)…\(entry.through.iso)"
                if let error = entry.error { emit("\(entry.rule.name): cannot evaluate (\(error))"); continue }
                if entry.after >= entry.through { emit("\(entry.rule.name): already evaluated through \(entry.after.iso)"); continue }
                emit("\(entry.rule.name): \(entry.firings.count) would fire on \(span)")
                for f in entry.firings { emit("  \(f.day.iso)  \(f.title)  [\(f.id)]") }
            }
            emit("(dry run: nothing written, nothing sent)")
            return
        }
        let (plan, added) = try await ctx.engine.evaluate(asOf: asOf)
        for entry in plan where entry.error != nil { emit("\(entry.rule.name): cannot evaluate (\(entry.error!))") }
        emit("\(added.count) new event\(added.count == 1 ? "" : "s")")
        for e in added { emit("  \(e.day.iso)  \(e.rule)  \(e.title)  [\(e.id)]") }
        let pending = try await ctx.store.pendingAlertEvents().count
        let result = try await ctx.engine.deliverAll()
        await ctx.engine.shutdown()
        emit("\(pending) pending: \(result.delivered) delivered, \(result.dead.count) dead-lettered")
        for id in result.dead { emit("  dead: \(id) (see `riskflow alerts history`)") }
        if !result.dead.isEmpty { throw ExitCode(1) }
    }
}

struct AlertsTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Send a sample event to one rule's webhook once (nothing is stored).",
        discussion: """
            Exits 1 when the webhook does not answer 2xx.

            Examples:
              riskflow alerts test rut-breakout
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Argument(help: "The rule's name (see `riskflow alerts list`).")
    var rule: String

    func run() async throws {
        let ctx = try await AlertsContext(global: global, config: configOptions)
        guard let r = ctx.settings.rule(named: rule) else {
            await ctx.engine.shutdown()
            throw ValidationError("unknown alert rule '\(rule)'; configured: \(ctx.settings.rules.map(\.name).joined(separator: ", "))")
        }
        let (event, answer) = await ctx.engine.test(rule: r)
        await ctx.engine.shutdown()
        emit("\(r.name): sent \(event.id) to \(r.channel.destination) (\(Self.via(r))): \(Self.outcome(answer, channel: r.channel.name))")
        if !answer.isSuccess { throw ExitCode(1) }
    }
}

extension AlertsTest {
    /// The webhook's body format, or the channel's name.
    static func via(_ rule: AlertRule) -> String {
        if let format = rule.format { return format.rawValue }
        return rule.channel.name.rawValue
    }

    /// `HTTP 200`, `SMTP 250`, or what went wrong.
    static func outcome(_ answer: WebhookAnswer, channel: AlertChannel.Name) -> String {
        let protocolName = channel == .email ? "SMTP" : "HTTP"
        if answer.isSuccess, let code = answer.statusCode { return "\(protocolName) \(code)" }
        if let error = answer.error { return error }
        if let code = answer.statusCode { return "\(protocolName) \(code)" }
        return "no answer"
    }
}

struct AlertsHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every fired event with its delivery status and attempts.",
        discussion: """
            JSON: a list of {"id","rule","kind","subject","day","status":"pending|delivered|dead",\
            "attempts":[{"at","status_code","error"}]}.

            Examples:
              riskflow alerts history
              riskflow alerts history --format json | jq '.[] | select(.status == "dead")'
            """)

    @OptionGroup var global: GlobalOptions

    struct Entry: Encodable {
        struct Attempt: Encodable {
            var at: String
            @NullEncoded var statusCode: Int?
            @NullEncoded var error: String?
            enum CodingKeys: String, CodingKey { case at, statusCode = "status_code", error }
        }
        var id, rule, kind, subject: String
        var day: Day
        var status: String
        var attempts: [Attempt]
    }

    func run() async throws {
        let store = try await global.openStore()
        let entries = try await store.alertHistory().map { h in
            Entry(
                id: h.event.id, rule: h.event.rule, kind: h.event.kind.rawValue, subject: h.event.subject, day: h.event.day, status: h.event.status.rawValue,
                attempts: h.attempts.map { .init(at: $0.at, statusCode: $0.statusCode, error: $0.error) })
        }
        switch global.format {
        case .json: emit(try JSONText.encode(entries))
        case .csv:
            emit(CSVText.render(
                header: ["id", "rule", "kind", "subject", "day", "status", "attempts", "last_status_code", "last_error"],
                rows: entries.map {
                    [$0.id, $0.rule, $0.kind, $0.subject, $0.day.iso, $0.status, String($0.attempts.count),
                     $0.attempts.last?.statusCode.map(String.init) ?? "", $0.attempts.last?.error ?? ""]
                }))
        case .table:
            if entries.isEmpty { emit("No alert has fired yet."); return }
            var t = TextTable(columns: [
                .init("day"), .init("rule"), .init("subject"), .init("status"), .init("attempts", .right), .init("last answer"), .init("id"),
            ])
            t.rows = entries.map {
                let last = $0.attempts.last.map { a in a.statusCode.map { "HTTP \($0)" } ?? (a.error ?? "") } ?? "–"
                return [$0.day.iso, $0.rule, $0.subject, $0.status, String($0.attempts.count), last, $0.id]
            }
            emit(t.render(style: global.style))
        }
    }
}

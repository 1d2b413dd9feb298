import ArgumentParser
import Foundation
import RiskflowCore
import TOMLKit

/// Reads the alert sections of `riskflow.toml`:
///
/// ```toml
/// [alerts]
/// timeout_seconds = 5          # per delivery attempt
/// max_attempts = 8             # then the event is dead-lettered
/// backoff_initial_seconds = 1  # doubling per retry…
/// backoff_max_seconds = 300    # …up to this
/// lookback_days = 7            # a rule's first evaluation looks back this far
///
/// [[alerts.rules]]
/// name = "rut-breakout"
/// kind = "breakout_qualified"  # | stage_change | altseason_cross | liquidity_regime_change
/// webhook = "https://example.com/hooks/riskflow"
/// format = "json"              # | slack | discord
/// secret_env = "RISKFLOW_WEBHOOK_SECRET"   # optional: signs each body (X-Riskflow-Signature)
///
/// [[alerts.rules]]
/// name = "alt-season"
/// kind = "altseason_cross"
/// level = 75
/// webhook = "https://hooks.slack.com/services/…"
/// format = "slack"
/// ```
///
/// Unknown keys, kinds and formats, duplicate names and bad URLs are errors naming them.
public enum AlertsConfigFile {
    static let alertKeys = ["timeout_seconds", "max_attempts", "backoff_initial_seconds", "backoff_max_seconds", "lookback_days", "rules"]
    static let ruleKeys = ["name", "kind", "level", "webhook", "format", "secret_env"]

    public static func load(explicit: String?) throws -> AlertSettings {
        guard let doc = try ConfigDocument.load(explicit: explicit) else { return AlertSettings() }
        return try settings(doc)
    }

    public static func parse(_ text: String, file: String) throws -> AlertSettings {
        try settings(ConfigDocument(text: text, file: file))
    }

    /// `[alerts]` and its `[[alerts.rules]]` of `doc` over the defaults.
    package static func settings(_ doc: ConfigDocument) throws -> AlertSettings {
        let (user, file) = (doc.table, doc.file)
        var settings = AlertSettings()
        guard let alerts = user["alerts"] else { return settings }
        guard let table = alerts.table else { throw ValidationError("\(file): [alerts] must be a table") }
        try SyncConfigFile.known(table, alertKeys, in: "[alerts]", file, doc: doc)
        let section = "[alerts]"
        if let v = table["timeout_seconds"] { settings.timeoutSeconds = try SyncConfigFile.number(v, "timeout_seconds", section, file, positive: true) }
        if let v = table["max_attempts"] { settings.maxAttempts = try SyncConfigFile.int(v, "max_attempts", section, file, min: 1) }
        if let v = table["backoff_initial_seconds"] {
            settings.backoffInitialSeconds = try SyncConfigFile.number(v, "backoff_initial_seconds", section, file, positive: false)
        }
        if let v = table["backoff_max_seconds"] {
            settings.backoffMaxSeconds = try SyncConfigFile.number(v, "backoff_max_seconds", section, file, positive: false)
        }
        if let v = table["lookback_days"] { settings.lookbackDays = try SyncConfigFile.int(v, "lookback_days", section, file, min: 0) }
        if let rules = table["rules"] {
            guard let array = rules.array else { throw ValidationError("\(file): alerts.rules must be an array of tables [[alerts.rules]]") }
            for (i, value) in array.enumerated() {
                guard let t = value.table else { throw ValidationError("\(file): [[alerts.rules]] #\(i + 1) must be a table") }
                let rule = try self.rule(t, index: i + 1, file, doc: doc)
                if settings.rules.contains(where: { $0.name == rule.name }) {
                    throw ValidationError("\(file): two [[alerts.rules]] are named '\(rule.name)'; names must be unique")
                }
                settings.rules.append(rule)
            }
        }
        return settings
    }

    static func rule(_ t: TOMLTable, index: Int, _ file: String, doc: ConfigDocument? = nil) throws -> AlertRule {
        var section = "[[alerts.rules]] #\(index)"
        try SyncConfigFile.known(t, ruleKeys, in: section, file, doc: doc)
        guard let name = t["name"]?.string, !name.isEmpty else { throw ValidationError("\(file): \(section) needs name = \"…\"") }
        section = "[[alerts.rules]] '\(name)'"
        guard let rawKind = t["kind"]?.string else { throw ValidationError("\(file): \(section) needs kind = \"…\"") }
        guard let kind = AlertRule.Kind(rawValue: rawKind) else {
            throw ValidationError("\(file): \(section): unknown kind '\(rawKind)'; known: \(AlertRule.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let webhookValue = t["webhook"] else { throw ValidationError("\(file): \(section) needs webhook = \"http(s)://…\"") }
        let webhook = try SyncConfigFile.url(webhookValue, "webhook", section, file)
        var format = AlertRule.Format.json
        if let v = t["format"] {
            guard let s = v.string, let f = AlertRule.Format(rawValue: s) else {
                throw ValidationError("\(file): \(section): format must be one of \(AlertRule.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = f
        }
        var level = 75.0
        if let v = t["level"] {
            guard kind == .altseasonCross else { throw ValidationError("\(file): \(section): level applies to kind altseason_cross only") }
            level = try SyncConfigFile.number(v, "level", section, file, positive: false)
            guard level <= 100 else { throw ValidationError("\(file): \(section): level must be between 0 and 100") }
        }
        var secretEnv: String?
        if let v = t["secret_env"] {
            guard let s = v.string, !s.isEmpty else { throw ValidationError("\(file): \(section): secret_env must be a variable name") }
            secretEnv = s
        }
        return AlertRule(name: name, kind: kind, level: level, webhook: webhook, format: format, secretEnv: secretEnv)
    }
}

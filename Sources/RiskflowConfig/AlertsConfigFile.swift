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
/// kind = "breakout_qualified"  # | stage_change | altseason_cross | liquidity_regime_change | call_scored
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
///
/// [[alerts.rules]]
/// name = "telegram"
/// kind = "call_scored"
/// channel = "telegram"         # | webhook (the default) | ntfy | email
/// chat_id = "-1001234567890"   # or "@channelname"
/// token_env = "RISKFLOW_TELEGRAM_TOKEN"
/// base_url = "https://api.telegram.org"   # optional
/// parse_mode = "HTML"          # optional: HTML | MarkdownV2 | none
///
/// [[alerts.rules]]
/// name = "phone"
/// kind = "stage_change"
/// channel = "ntfy"
/// topic = "riskflow-alerts"
/// base_url = "https://ntfy.sh" # optional
/// priority = 4                 # optional, 1…5 (default 3)
/// tags = ["chart_with_upwards_trend"]      # optional
/// token_env = "RISKFLOW_NTFY_TOKEN"        # optional: Authorization: Bearer …
///
/// [[alerts.rules]]
/// name = "mail"
/// kind = "breakout_qualified"
/// channel = "email"
/// smtp_host = "smtp.example.com"
/// smtp_port = 587              # optional (default 587)
/// from = "riskflow <alerts@example.com>"
/// to = ["me@example.com"]
/// starttls = "auto"            # optional: auto | required | off
/// username = "alerts@example.com"          # optional: AUTH when set…
/// password_env = "RISKFLOW_SMTP_PASSWORD"  # …with the password from this variable
/// auth = "auto"                # optional: auto | plain | login
/// tls_ca_file = "/etc/ssl/private-ca.pem"  # optional: trust this CA
/// ```
///
/// Unknown keys (and keys of another channel), kinds and formats, duplicate names and bad
/// URLs are errors naming them.
public enum AlertsConfigFile {
    static let alertKeys = ["timeout_seconds", "max_attempts", "backoff_initial_seconds", "backoff_max_seconds", "lookback_days", "rules"]
    static let commonRuleKeys = ["name", "kind", "level", "channel"]
    static let channelKeys: [AlertChannel.Name: [String]] = [
        .webhook: ["webhook", "format", "secret_env"],
        .telegram: ["base_url", "token_env", "chat_id", "parse_mode"],
        .ntfy: ["base_url", "topic", "priority", "tags", "token_env"],
        .email: ["smtp_host", "smtp_port", "from", "to", "starttls", "username", "password_env", "auth", "tls_ca_file"],
    ]
    static var ruleKeys: [String] {
        var keys = commonRuleKeys
        for name in AlertChannel.Name.allCases { keys += (channelKeys[name] ?? []).filter { !keys.contains($0) } }
        return keys
    }

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
        let channelName: AlertChannel.Name
        if let v = t["channel"] {
            guard let raw = v.string, let n = AlertChannel.Name(rawValue: raw) else {
                throw ValidationError("\(file): \(section): channel must be one of \(AlertChannel.Name.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            channelName = n
        } else {
            channelName = .webhook
        }
        try SyncConfigFile.known(t, commonRuleKeys + (channelKeys[channelName] ?? []), in: section + " (channel \(channelName.rawValue))", file, doc: doc)
        let channel: AlertChannel
        switch channelName {
        case .webhook: channel = .webhook(try webhook(t, section, file))
        case .telegram: channel = .telegram(try telegram(t, section, file))
        case .ntfy: channel = .ntfy(try ntfy(t, section, file))
        case .email: channel = .email(try email(t, section, file))
        }
        var level = 75.0
        if let v = t["level"] {
            guard kind == .altseasonCross else { throw ValidationError("\(file): \(section): level applies to kind altseason_cross only") }
            level = try SyncConfigFile.number(v, "level", section, file, positive: false)
            guard level <= 100 else { throw ValidationError("\(file): \(section): level must be between 0 and 100") }
        }
        return AlertRule(name: name, kind: kind, level: level, channel: channel)
    }

    static func webhook(_ t: TOMLTable, _ section: String, _ file: String) throws -> AlertChannel.Webhook {
        guard let webhookValue = t["webhook"] else { throw ValidationError("\(file): \(section) needs webhook = \"http(s)://…\"") }
        let webhook = try SyncConfigFile.url(webhookValue, "webhook", section, file)
        var format = AlertRule.Format.json
        if let v = t["format"] {
            guard let s = v.string, let f = AlertRule.Format(rawValue: s) else {
                throw ValidationError("\(file): \(section): format must be one of \(AlertRule.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = f
        }
        return .init(url: webhook, format: format, secretEnv: try variable(t, "secret_env", section, file))
    }

    static func telegram(_ t: TOMLTable, _ section: String, _ file: String) throws -> AlertChannel.Telegram {
        let baseURL = try t["base_url"].map { try SyncConfigFile.url($0, "base_url", section, file) } ?? AlertChannel.Telegram.defaultBaseURL
        guard let tokenEnv = try variable(t, "token_env", section, file) else {
            throw ValidationError("\(file): \(section) (channel telegram) needs token_env = \"VARIABLE\" (the environment variable holding the bot token)")
        }
        let chatID: String
        if let v = t["chat_id"], let s = v.string ?? v.int.map(String.init), !s.trimmingCharacters(in: .whitespaces).isEmpty {
            chatID = s
        } else {
            throw ValidationError("\(file): \(section) (channel telegram) needs chat_id = \"…\" (a numeric chat id or @channelname)")
        }
        var mode = AlertChannel.Telegram.ParseMode.html
        if let v = t["parse_mode"] {
            guard let s = v.string, let m = AlertChannel.Telegram.ParseMode(rawValue: s) else {
                throw ValidationError("\(file): \(section): parse_mode must be one of \(AlertChannel.Telegram.ParseMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mode = m
        }
        return .init(baseURL: baseURL, tokenEnv: tokenEnv, chatID: chatID, parseMode: mode)
    }

    static func ntfy(_ t: TOMLTable, _ section: String, _ file: String) throws -> AlertChannel.Ntfy {
        let baseURL = try t["base_url"].map { try SyncConfigFile.url($0, "base_url", section, file) } ?? AlertChannel.Ntfy.defaultBaseURL
        // ntfy topics: letters, digits, `-` and `_`, 1–64 characters.
        guard let topic = t["topic"]?.string, (1...64).contains(topic.count),
            topic.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_" })
        else {
            throw ValidationError("\(file): \(section) (channel ntfy) needs topic = \"…\" (1–64 letters, digits, - or _)")
        }
        var priority = 3
        if let v = t["priority"] {
            guard let p = v.int, (1...5).contains(p) else { throw ValidationError("\(file): \(section): priority must be an integer from 1 (min) to 5 (max)") }
            priority = p
        }
        var tags: [String] = []
        if let v = t["tags"] {
            guard let array = v.array, let list = Optional(array.compactMap { $0.string }), list.count == array.count,
                list.allSatisfy({ !$0.isEmpty && !$0.contains(",") && $0.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f } })
            else { throw ValidationError("\(file): \(section): tags must be an array of words (ASCII, no commas)") }
            tags = list
        }
        return .init(baseURL: baseURL, topic: topic, priority: priority, tags: tags, tokenEnv: try variable(t, "token_env", section, file))
    }

    static func email(_ t: TOMLTable, _ section: String, _ file: String) throws -> AlertChannel.Email {
        let where_ = "\(file): \(section) (channel email)"
        guard let host = t["smtp_host"]?.string, !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" })
        else { throw ValidationError("\(where_) needs smtp_host = \"host name\"") }
        var port = 587
        if let v = t["smtp_port"] {
            guard let p = v.int, (1...65535).contains(p) else { throw ValidationError("\(where_): smtp_port must be an integer from 1 to 65535") }
            port = p
        }
        guard let from = t["from"]?.string, isAddress(AlertChannel.Email(host: host, from: from, to: []).fromAddress) else {
            throw ValidationError("\(where_) needs from = \"Name <address@domain>\" (or a bare address)")
        }
        guard let array = t["to"]?.array, !array.isEmpty else { throw ValidationError("\(where_) needs to = [\"address@domain\", …]") }
        let to = array.compactMap { $0.string }
        guard to.count == array.count, to.allSatisfy(isAddress) else {
            throw ValidationError("\(where_): to must be an array of addresses (user@domain)")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, _ fallback: T) throws -> T where T.RawValue == String {
            guard let v = t[key] else { return fallback }
            guard let s = v.string, let c = T(rawValue: s) else {
                throw ValidationError("\(where_): \(key) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return c
        }
        let username = t["username"].flatMap { $0.string }
        if t["username"] != nil, (username ?? "").isEmpty { throw ValidationError("\(where_): username must be a non-empty string") }
        let passwordEnv = try variable(t, "password_env", section, file)
        if username != nil, passwordEnv == nil { throw ValidationError("\(where_): username needs password_env = \"VARIABLE\"") }
        if username == nil, passwordEnv != nil { throw ValidationError("\(where_): password_env needs username = \"…\"") }
        var caFile: String?
        if let v = t["tls_ca_file"] {
            guard let s = v.string, !s.isEmpty else { throw ValidationError("\(where_): tls_ca_file must be a path") }
            caFile = s
        }
        return .init(
            host: host, port: port, from: from, to: to, startTLS: try choice("starttls", AlertChannel.Email.StartTLS.self, .auto),
            username: username, passwordEnv: passwordEnv, auth: try choice("auth", AlertChannel.Email.Auth.self, .auto), caFile: caFile)
    }

    /// `local@domain`, printable ASCII without spaces, angle brackets or line breaks (what
    /// an SMTP `MAIL FROM`/`RCPT TO` can carry safely).
    static func isAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7f && $0 != "<" && $0 != ">" && $0 != "," }
    }

    /// An environment variable's name, when the key is set.
    static func variable(_ t: TOMLTable, _ key: String, _ section: String, _ file: String) throws -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string, !s.isEmpty else { throw ValidationError("\(file): \(section): \(key) must be a variable name") }
        return s
    }
}

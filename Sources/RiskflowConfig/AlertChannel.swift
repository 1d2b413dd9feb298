import Foundation

/// Where a rule's events are delivered. Every channel goes through the same outbox:
/// one attempt at a time, retries with backoff on failures worth retrying, then the
/// dead letter. Secrets are named by environment variable and never stored or printed.
public enum AlertChannel: Sendable, Equatable {
    /// An HTTP POST of the event (riskflow's JSON, or Slack's or Discord's incoming-webhook
    /// body) with `Idempotency-Key: <event id>`: effectively once for receivers that
    /// deduplicate by it.
    case webhook(Webhook)
    /// Telegram's Bot API `POST {base_url}/bot{token}/sendMessage`. No idempotency key:
    /// a crash between Telegram's answer and its record re-sends the message.
    case telegram(Telegram)
    /// ntfy: `POST {base_url}/{topic}` with `Title`, `Priority` and `Tags` headers. No
    /// idempotency key, like Telegram.
    case ntfy(Ntfy)
    /// E-mail over SMTP (STARTTLS, AUTH PLAIN/LOGIN), with a `Message-ID` derived from the
    /// event id so that receivers can drop a repeat.
    case email(Email)

    /// The channel names of `channel = "…"`.
    public enum Name: String, Sendable, CaseIterable { case webhook, telegram, ntfy, email }

    public var name: Name {
        switch self {
        case .webhook: .webhook
        case .telegram: .telegram
        case .ntfy: .ntfy
        case .email: .email
        }
    }

    /// Where it goes, printable: never a token or password.
    public var destination: String {
        switch self {
        case .webhook(let w): w.url
        case .telegram(let t): "telegram chat \(t.chatID) via \(t.baseURL)"
        case .ntfy(let n): "\(n.baseURL.hasSuffix("/") ? String(n.baseURL.dropLast()) : n.baseURL)/\(n.topic)"
        case .email(let e): "smtp://\(e.host):\(e.port) to \(e.to.joined(separator: ", "))"
        }
    }

    /// The environment variables the channel reads (each must be set), with the config
    /// key naming each.
    public var secrets: [(key: String, variable: String)] {
        switch self {
        case .webhook(let w): w.secretEnv.map { [("secret_env", $0)] } ?? []
        case .telegram(let t): [("token_env", t.tokenEnv)]
        case .ntfy(let n): n.tokenEnv.map { [("token_env", $0)] } ?? []
        case .email(let e): e.passwordEnv.map { [("password_env", $0)] } ?? []
        }
    }

    /// The environment variables the channel reads.
    public var secretVariables: [String] { secrets.map(\.variable) }

    public struct Webhook: Sendable, Equatable {
        /// The http(s) URL events are POSTed to.
        public var url: String
        public var format: AlertRule.Format
        /// The environment variable holding the HMAC secret; when set, every delivery
        /// carries `X-Riskflow-Signature: sha256=<hex HMAC-SHA256 of the body>`.
        public var secretEnv: String?

        public init(url: String, format: AlertRule.Format = .json, secretEnv: String? = nil) {
            self.url = url
            self.format = format
            self.secretEnv = secretEnv
        }
    }

    public struct Telegram: Sendable, Equatable {
        /// `parse_mode` of `sendMessage`; `none` sends plain text.
        public enum ParseMode: String, Sendable, CaseIterable { case html = "HTML", markdownV2 = "MarkdownV2", none }

        public static let defaultBaseURL = "https://api.telegram.org"
        /// The Bot API's root (default `https://api.telegram.org`; a local Bot API server or
        /// a test server otherwise).
        public var baseURL: String
        /// The environment variable holding the bot token (it goes in the URL path only).
        public var tokenEnv: String
        /// The chat: a numeric id (`-100…` for channels and groups) or `@channelname`.
        public var chatID: String
        public var parseMode: ParseMode

        public init(baseURL: String = Self.defaultBaseURL, tokenEnv: String, chatID: String, parseMode: ParseMode = .html) {
            self.baseURL = baseURL
            self.tokenEnv = tokenEnv
            self.chatID = chatID
            self.parseMode = parseMode
        }
    }

    public struct Ntfy: Sendable, Equatable {
        public static let defaultBaseURL = "https://ntfy.sh"
        /// The server (default `https://ntfy.sh`; a self-hosted one otherwise).
        public var baseURL: String
        public var topic: String
        /// 1 (min) … 5 (max); ntfy's default is 3.
        public var priority: Int
        /// ntfy tags (emoji short codes or words), sent comma-separated.
        public var tags: [String]
        /// The environment variable holding an access token (`Authorization: Bearer …`).
        public var tokenEnv: String?

        public init(baseURL: String = Self.defaultBaseURL, topic: String, priority: Int = 3, tags: [String] = [], tokenEnv: String? = nil) {
            self.baseURL = baseURL
            self.topic = topic
            self.priority = priority
            self.tags = tags
            self.tokenEnv = tokenEnv
        }
    }

    public struct Email: Sendable, Equatable {
        /// `starttls`: `auto` upgrades when the server offers STARTTLS, `required` refuses to
        /// send without it, `off` never upgrades (a local relay).
        public enum StartTLS: String, Sendable, CaseIterable { case auto, required, off }
        /// `auth`: the SASL mechanism when `username` is set; `auto` takes PLAIN when
        /// offered, else LOGIN.
        public enum Auth: String, Sendable, CaseIterable { case auto, plain, login }

        public var host: String
        /// Default 587 (submission).
        public var port: Int
        /// The sender, `Name <address>` or a bare address.
        public var from: String
        /// The recipients' addresses.
        public var to: [String]
        public var startTLS: StartTLS
        /// AUTH is used when set.
        public var username: String?
        /// The environment variable holding the password (needed with `username`).
        public var passwordEnv: String?
        public var auth: Auth
        /// A PEM file of certificates to trust for the server's (a private CA, a
        /// self-signed test server); the system's roots otherwise.
        public var caFile: String?

        public init(
            host: String, port: Int = 587, from: String, to: [String], startTLS: StartTLS = .auto, username: String? = nil,
            passwordEnv: String? = nil, auth: Auth = .auto, caFile: String? = nil
        ) {
            self.host = host
            self.port = port
            self.from = from
            self.to = to
            self.startTLS = startTLS
            self.username = username
            self.passwordEnv = passwordEnv
            self.auth = auth
            self.caFile = caFile
        }

        /// The address of `from` (inside `<…>` when it has a display name).
        public var fromAddress: String {
            if let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close {
                return String(from[from.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            }
            return from.trimmingCharacters(in: .whitespaces)
        }
    }
}

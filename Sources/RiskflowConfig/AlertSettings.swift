import Foundation
import RiskflowCore

/// One `[[alerts.rules]]` entry of `riskflow.toml`.
public struct AlertRule: Sendable, Equatable {
    /// What a rule watches (``AlertKind``, stored with each event).
    public typealias Kind = AlertKind

    /// The body's shape: riskflow's own JSON, or Slack's or Discord's incoming webhook.
    public enum Format: String, Sendable, CaseIterable, Codable { case json, slack, discord }

    /// Unique among the rules; part of every event id.
    public var name: String
    public var kind: Kind
    /// The crossing level (altseason_cross only; default 75).
    public var level: Double
    /// The http(s) URL events are POSTed to.
    public var webhook: String
    public var format: Format
    /// The environment variable holding the HMAC secret; when set, every delivery carries
    /// `X-Riskflow-Signature: sha256=<hex HMAC-SHA256 of the body>`.
    public var secretEnv: String?

    public init(name: String, kind: Kind, level: Double = 75, webhook: String, format: Format = .json, secretEnv: String? = nil) {
        self.name = name
        self.kind = kind
        self.level = level
        self.webhook = webhook
        self.format = format
        self.secretEnv = secretEnv
    }
}

/// The `[alerts]` section: delivery settings and the rules.
public struct AlertSettings: Sendable, Equatable {
    /// Per attempt, head and body (seconds).
    public var timeoutSeconds = 5.0
    /// Attempts before an event is dead-lettered.
    public var maxAttempts = 8
    /// The first retry's delay; each later one doubles, up to ``backoffMaxSeconds``.
    public var backoffInitialSeconds = 1.0
    public var backoffMaxSeconds = 300.0
    /// How far a rule looks back on its first evaluation (calendar days), so a new
    /// install does not replay history.
    public var lookbackDays = 7
    public var rules: [AlertRule] = []

    public init(rules: [AlertRule] = []) { self.rules = rules }

    /// The delay before attempt `n + 1` after `n` failed attempts: `initial · 2^(n−1)`
    /// capped at the maximum, with "equal jitter" (half fixed, half uniform) so that
    /// many events do not retry in lockstep; a `Retry-After` asking for longer wins.
    public func backoff(afterAttempts n: Int, retryAfter: Double?, random: Double) -> Double {
        let base = min(backoffMaxSeconds, backoffInitialSeconds * pow(2, Double(max(0, n - 1))))
        let delay = base / 2 + base / 2 * random
        return max(delay, retryAfter ?? 0)
    }

    public func rule(named name: String) -> AlertRule? { rules.first { $0.name == name } }
}

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
    /// Where its events go.
    public var channel: AlertChannel

    public init(name: String, kind: Kind, level: Double = 75, channel: AlertChannel) {
        self.name = name
        self.kind = kind
        self.level = level
        self.channel = channel
    }

    /// A webhook rule.
    public init(name: String, kind: Kind, level: Double = 75, webhook: String, format: Format = .json, secretEnv: String? = nil) {
        self.init(name: name, kind: kind, level: level, channel: .webhook(.init(url: webhook, format: format, secretEnv: secretEnv)))
    }

    /// The webhook URL (`nil` on other channels).
    public var webhook: String? { if case .webhook(let w) = channel { w.url } else { nil } }
    /// The webhook body's format (`nil` on other channels).
    public var format: Format? { if case .webhook(let w) = channel { w.format } else { nil } }
    /// The webhook's HMAC secret variable (`nil` on other channels or when unsigned).
    public var secretEnv: String? { if case .webhook(let w) = channel { w.secretEnv } else { nil } }
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

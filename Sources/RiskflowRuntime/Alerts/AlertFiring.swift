import Crypto
import Foundation
import RiskflowConfig
import RiskflowCore
import RiskflowStore
import RiskflowSignals

/// What a rule's signal did on one day: a transition that fires an event.
public struct AlertFiring: Sendable, Equatable {
    public var rule: String
    public var kind: AlertRule.Kind
    /// What changed: the index symbol, `stage`, `altseason`, `net_liquidity`.
    public var subject: String
    /// The day of the transition.
    public var day: Day
    public var title: String
    public var details: String

    /// The event id: the first 32 hex digits of SHA-256 over (rule, subject, day), so the
    /// same transition always has the same id, whichever process finds it.
    public var id: String { Self.id(rule: rule, subject: subject, day: day) }

    public static func id(rule: String, subject: String, day: Day) -> String {
        let digest = SHA256.hash(data: Data("\(rule)\u{1F}\(subject)\u{1F}\(day.iso)".utf8))
        return "evt_" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// The signal histories the rules look at, computed once as of a day.
public struct AlertSignals: Sendable {
    public var breakouts: [Breakout]?
    public var stageSpells: [StageSpell]?
    public var altSeason: [AltSeasonDay]?
    public var liquidityChanges: [RegimeChange]?
    /// The ledger's calls and every score (for `call_scored`).
    public var calls: [StoredCall]?
    public var callScores: [CallScore]?
    /// Why a history is missing (its inputs are not in the store), by kind.
    public var errors: [AlertRule.Kind: String] = [:]

    public init(
        breakouts: [Breakout]? = nil, stageSpells: [StageSpell]? = nil, altSeason: [AltSeasonDay]? = nil,
        liquidityChanges: [RegimeChange]? = nil
    ) {
        self.breakouts = breakouts
        self.stageSpells = stageSpells
        self.altSeason = altSeason
        self.liquidityChanges = liquidityChanges
    }
}

/// Finds a rule's transitions on the days `after < day ≤ through`. Pure.
public enum AlertEvaluator {
    public static func firings(_ rule: AlertRule, signals: AlertSignals, after: Day, through: Day) -> [AlertFiring] {
        func inRange(_ d: Day) -> Bool { d > after && d <= through }
        func fire(_ subject: String, _ day: Day, _ title: String, _ details: String) -> AlertFiring {
            AlertFiring(rule: rule.name, kind: rule.kind, subject: subject, day: day, title: title, details: details)
        }
        switch rule.kind {
        case .breakoutQualified:
            return (signals.breakouts ?? []).compactMap { b in
                guard b.status == .qualified, let day = b.signalDate, inRange(day) else { return nil }
                let volume = b.volumeRatio.map { String(format: "%.2f×", $0) } ?? "n/a"
                let breadth = b.breadth.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"
                return fire(
                    b.symbol, day, "\(b.symbol) breakout qualified: closed above its all-time high of \(String(format: "%.2f", b.level))",
                    "Broke on \(b.breakDate.iso) at \(String(format: "%.2f", b.close)) after a \(b.baseSessions)-session base; held for five sessions to \(day.iso). Volume \(volume) its 50-session mean, \(breadth) of the basket above its 50-session mean.")
            }
        case .stageChange:
            let spells = signals.stageSpells ?? []
            var out: [AlertFiring] = []
            for i in spells.indices.dropFirst() where spells[i].stage != spells[i - 1].stage && inRange(spells[i].from) {
                let (from, to) = (spells[i - 1].stage, spells[i].stage)
                out.append(fire(
                    "stage", spells[i].from, "Risk-curve stage \(from) → \(to)",
                    "The risk-curve stage moved from \(from) to \(to) of 4 on \(spells[i].from.iso) (\(to > from ? "risk flowing further down the curve" : "risk appetite receding"))."))
            }
            return out
        case .altseasonCross:
            // Thin days (a small or suddenly smaller universe) never fire: crossings are
            // read between consecutive days that are not thin.
            let days = (signals.altSeason ?? []).filter { !$0.thin }
            var out: [AlertFiring] = []
            for i in days.indices.dropFirst() where inRange(days[i].date) {
                let (before, now) = (days[i - 1].index, days[i].index)
                let level = rule.level
                let direction: String? = before < level && now >= level ? "above" : before >= level && now < level ? "below" : nil
                guard let direction else { continue }
                out.append(fire(
                    "altseason", days[i].date, "Altcoin season index crossed \(direction) \(String(format: "%g", level))",
                    "The index moved from \(String(format: "%.0f", before)) to \(String(format: "%.0f", now)) on \(days[i].date.iso) (\(days[i].eligible) altcoins eligible; \(days[i].season.rawValue) season)."))
            }
            return out
        case .liquidityRegimeChange:
            return (signals.liquidityChanges ?? []).compactMap { c in
                guard inRange(c.date), c.from != .unknown, c.to != .unknown else { return nil }
                return fire(
                    "net_liquidity", c.date, "Net liquidity regime: \(c.from.rawValue) → \(c.to.rawValue)",
                    "The 13-week change of net liquidity (Fed assets − TGA − reverse repo) moved the regime from \(c.from.rawValue) to \(c.to.rawValue) on \(c.date.iso).")
            }
        case .callScored:
            // The last evaluated day included (see `AlertEngine.plan`); ids dedupe.
            return CallScoredFirings.firings(calls: signals.calls ?? [], scores: signals.callScores ?? [], inRange: { $0 >= after && $0 <= through }).map {
                fire($0.subject, $0.day, $0.title, $0.details)
            }
        }
    }
}

import Foundation
import RiskflowCore
import RiskflowStore

/// The `call_scored` events: one per live call and horizon on each day it got scores
/// (`scored_as_of`), listing every follower's return, its percentile in the frozen
/// reference and the outcome. Replayed calls are reconstructions and never fire. Pure.
enum CallScoredFirings {
    struct Firing: Equatable {
        var subject: String
        var day: Day
        var title: String
        var details: String
    }

    static func firings(calls: [StoredCall], scores: [CallScore], inRange: (Day) -> Bool) -> [Firing] {
        let live = Dictionary(calls.filter { $0.call.origin == .live }.map { ($0.id, $0.call) }, uniquingKeysWith: { a, _ in a })
        var groups: [String: [CallScore]] = [:]
        var order: [String] = []
        for s in scores where inRange(s.scoredAsOf) && live[s.callID] != nil {
            let key = "\(s.callID)|\(s.horizon)|\(s.scoredAsOf.iso)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(s)
        }
        return order.compactMap { key in
            guard let group = groups[key], let first = group.first, let call = live[first.callID] else { return nil }
            let hits = group.filter { $0.outcome == .hit }.count
            let lines = group.map { s in
                let pct = s.percentile.map { String(format: "percentile %.0f", $0) } ?? "no reference"
                return "\(s.follower) \(String(format: "%+.1f%%", s.return * 100)) (\(s.entry.iso)→\(s.exit.iso), \(pct)): \(s.outcome.rawValue)"
            }
            return Firing(
                subject: "\(first.callID)/\(first.horizon)d", day: first.scoredAsOf,
                title: "Call scored at \(first.horizon) days: \(hits) of \(group.count) hits (\(call.kind.rawValue), \(call.knownAt.iso))",
                details: "\(call.claim) — called \(call.direction.rawValue) on \(call.knownAt.iso) by \(call.source). " + lines.joined(separator: "; ") + ".")
        }
    }
}

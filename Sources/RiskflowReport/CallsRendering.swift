import RiskflowCore
import RiskflowResearch

extension CallLedgerReport: Renderable {
    /// The calls (one line each, with their scores) and the track record.
    public func table(style: TerminalStyle) -> String {
        var out: [String] = []
        var t = TextTable(columns: [.init("known"), .init("kind"), .init("origin"), .init("dir"), .init("claim"), .init("scores")])
        for e in calls {
            let scores = e.scores.map { s in
                "\(s.follower) \(s.horizon)d \(NumberText.percent(s.return, decimals: 1)) \(s.outcome.rawValue)"
                    + (s.percentile.map { " (p\(Int($0.rounded())))" } ?? "")
            }
            t.rows.append([
                e.call.knownAt.iso, e.call.kind.rawValue, e.call.origin.rawValue, e.call.direction.rawValue, e.call.claim,
                scores.isEmpty ? "not yet" : scores.joined(separator: "; "),
            ])
        }
        out.append("Calls as of \(asOf.iso): \(calls.count)")
        if !t.rows.isEmpty { out.append(t.render(style: style)) }
        var r = TextTable(columns: [
            .init("kind"), .init("source"), .init("origin"), .init("follower"), .init("h"), .init("n"), .init("hits"), .init("hit rate"),
            .init("95% CI"), .init("mean pct"), .init("p vs 50%"), .init("sample"),
        ])
        for row in trackRecord.rows {
            r.rows.append([
                row.kind.rawValue, row.source, row.origin.rawValue, row.follower, "\(row.horizon)", "\(row.n)", "\(row.hits)",
                row.hitRate.map { NumberText.grouped(100 * $0, decimals: 0) + " %" } ?? "–",
                row.ciLow.flatMap { lo in row.ciHigh.map { "\(NumberText.grouped(100 * lo, decimals: 0))–\(NumberText.grouped(100 * $0, decimals: 0)) %" } } ?? "–",
                row.meanPercentile.map { NumberText.grouped($0, decimals: 0) } ?? "–", row.p.map { NumberText.grouped($0, decimals: 3) } ?? "–",
                row.small ? "small" : "powered",
            ])
        }
        out.append("Track record (each call once per row; live, replayed and external apart; small: power < 0.8 at a hit rate of \(NumberText.grouped(100 * (0.5 + trackRecord.effectOfInterest), decimals: 0)) %)")
        out.append(r.rows.isEmpty ? "no scored calls yet" : r.render(style: style))
        return out.joined(separator: "\n")
    }

    /// One row per call and score (a call without scores has one row with empty score fields).
    public var csv: String {
        var rows: [[String]] = []
        for e in calls {
            let base = [e.id, e.call.knownAt.iso, e.call.kind.rawValue, e.call.origin.rawValue, e.call.source, e.call.direction.rawValue, e.call.claim]
            if e.scores.isEmpty { rows.append(base + ["", "", "", "", "", ""]) }
            for s in e.scores {
                rows.append(base + [s.follower, "\(s.horizon)", "\(s.return)", s.percentile.map { "\($0)" } ?? "", s.outcome.rawValue, s.scoredAsOf.iso])
            }
        }
        return CSVText.render(
            header: ["id", "known_at", "kind", "origin", "source", "direction", "claim", "follower", "horizon", "return", "percentile", "outcome", "scored_as_of"],
            rows: rows)
    }
}

import RiskflowCore

/// Grades calls from the data as known on a day. Pure.
public enum CallScoring {
    /// The follower's window after `knownAt`: entry at its first row strictly after the
    /// day (t + 1, as ``EventStudy``), exit at its first row on or after entry + `horizon`
    /// calendar days; `nil` while the exit is not in the data (or the follower has no row
    /// after the day, or did not exist on it).
    public static func window(_ closes: Series, after knownAt: Day, horizon: Int)
        -> (entry: Day, exit: Day, entryClose: Double, exitClose: Double)?
    {
        guard let first = closes.days.first, knownAt >= first else { return nil }
        let i = closes.days.lowerBound(of: knownAt + 1)
        guard i < closes.count else { return nil }
        let j = closes.days.lowerBound(of: closes.days[i] + horizon)
        guard j < closes.count else { return nil }
        return (closes.days[i], closes.days[j], closes.values[i], closes.values[j])
    }

    /// The scores of `call` that the data as of `asOf` can give: every follower and
    /// horizon whose exit row is in `closes` (each follower's closes as known on `asOf`).
    /// A follower missing from `closes` is not scored.
    public static func scores(of call: Call, id: String, closes: [String: Series], asOf: Day) -> [CallScore] {
        var out: [CallScore] = []
        for follower in call.followers {
            guard let s = closes[follower] else { continue }
            for h in call.horizons {
                guard let w = window(s, after: call.knownAt, horizon: h), w.exit <= asOf else { continue }
                let r = w.exitClose / w.entryClose - 1
                guard r.isFinite else { continue }
                let ref = call.reference(follower, h)
                let median = ref?.median
                let beats: Bool
                switch call.direction {
                case .up: beats = r > 0 && median.map { r > $0 } ?? true
                case .down: beats = r < 0 && median.map { r < $0 } ?? true
                }
                out.append(CallScore(
                    callID: id, follower: follower, horizon: h, entry: w.entry, exit: w.exit, entryClose: w.entryClose,
                    exitClose: w.exitClose, return: r, percentile: ref?.percentile(of: r), median: median,
                    outcome: beats ? .hit : .miss, scoredAsOf: asOf))
            }
        }
        return out
    }

    /// What to append: each computed score whose call, follower and horizon has no score
    /// yet, or whose latest stored score measured something else (a revised close).
    /// `existing` in the order stored (the last of a key is its latest).
    public static func newScores(computed: [CallScore], existing: [CallScore]) -> [CallScore] {
        var latest: [String: CallScore] = [:]
        for s in existing { latest[s.key] = s }
        return computed.filter { c in latest[c.key].map { !c.sameMeasurement(as: $0) } ?? true }
    }
}

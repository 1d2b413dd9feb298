import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// What the event claims (C1, C2 and C6 in `Claims/`) share: forward returns and the
/// grid's cells. Every test is two-sided; power uses the normal approximation of the
/// test's null spread (stated in the README); the grid varies the horizon, the breakout
/// rule and the sample.
extension Scorecard {
    /// The follower's return from its first row after `d` (entry t + 1, as the event study)
    /// to its first row on or after entry + `h` calendar days; `nil` past the data or
    /// before the follower's first row.
    static func forwardReturn(_ s: Series, after d: Day, h: Int) -> Double? {
        guard let w = CallScoring.window(s, after: d, horizon: h) else { return nil }
        let r = w.exitClose / w.entryClose - 1
        return r.isFinite ? r : nil
    }

    /// The grid's horizon, breakout-rule and sample cells of an event test.
    func eventCells(
        span: (first: Day, last: Day)?,
        _ run: (_ confirmed: [Day], _ unconfirmed: [Day], _ h: Int, _ keep: (Day) -> Bool) -> (effect: Double?, p: Double?)
    ) -> [(label: String, effect: Double?, p: Double?)] {
        var cells: [(String, Double?, Double?)] = []
        for h in [30, 60, 90, 180] {
            let r = run(qualified, unconfirmed, h) { _ in true }
            cells.append(("horizon \(h) days", r.effect, r.p))
        }
        let headline = run(qualified, unconfirmed, p.primaryHorizon) { _ in true }
        cells.append(("base 63 sessions, volume ratio 1.2", headline.effect, headline.p))
        for v in variants {
            let r = run(v.qualified, v.unconfirmed, p.primaryHorizon) { _ in true }
            cells.append((v.label, r.effect, r.p))
        }
        if let span {
            for s in Self.samples(first: span.first, last: span.last) {
                let r = run(qualified, unconfirmed, p.primaryHorizon, s.keep)
                cells.append((s.label, r.effect, r.p))
            }
        }
        return cells
    }

}

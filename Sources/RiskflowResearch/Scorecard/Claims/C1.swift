import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C1: alt seasons follow qualified breakouts more often than random days.
extension Scorecard {

    /// Did an altcoin season (index ≥ 75 on a day that is not thin) follow each qualified
    /// breakout within the horizon more often than it follows a random day?
    func c1() -> ClaimOutcome {
        let h0 = p.primaryHorizon
        let days = altDays
        let dates = days.map(\.date)
        let level = p.altSeasonLevel
        func seasonAhead(_ d: Day, _ h: Int) -> Bool? {
            let i = dates.upperBound(of: d)
            guard i < days.count, days[i].date <= d + h, let last = dates.last, d + h <= last else { return nil }
            var j = i
            while j < days.count && days[j].date <= d + h {
                if days[j].index >= level { return true }
                j += 1
            }
            return false
        }
        func run(_ events: [Day], _ h: Int, _ keep: (Day) -> Bool, stream: UInt64)
            -> (effect: Double?, p: Double?, share: Double?, base: Double?, outcomes: [Double], pool: [Double])
        {
            var pool: [Double] = []
            if let first = dates.first, let last = dates.last, last - h >= first {
                var d = first
                while d <= last - h {
                    if keep(d), let s = seasonAhead(d, h) { pool.append(s ? 1 : 0) }
                    d = d + 1
                }
            }
            let outcomes = events.filter(keep).compactMap { seasonAhead($0, h).map { $0 ? 1.0 : 0.0 } }
            let share = Self.mean(outcomes), base = Self.mean(pool)
            var pValue: Double? = nil
            if let share, outcomes.count <= pool.count {
                pValue = Resampling.permutationPValueTwoSided(
                    observed: share, n: outcomes.count, pool: pool, draws: p.draws, seed: p.seed, stream: stream)
            }
            return (share.flatMap { s in base.map { s - $0 } }, pValue, share, base, outcomes, pool)
        }
        let head = run(qualified, h0, { _ in true }, stream: 101)
        let span = dates.first.flatMap { f in dates.last.map { (f, $0) } }
        let cells = eventCells(span: span) { conf, _, h, keep in
            let r = run(conf, h, keep, stream: 101)
            return (r.effect, r.p)
        }
        let n = head.outcomes.count
        let ci = Resampling.bootstrapMeanInterval(head.outcomes, draws: p.draws, seed: p.seed)
        let base = head.base
        let eoi = p.effects.c1
        // Normal approximation: the share of n Bernoulli(base) outcomes has sd √(b(1 − b)/n).
        let spread = base.map { ($0 * (1 - $0)).squareRoot() }
        let test = StatisticalTest(
            estimate: head.effect, effectOfInterest: eoi,
            power: { alpha in
                guard let spread, spread > 0, n > 0 else { return (nil, nil, nil) }
                let se = spread / Double(n).squareRoot()
                // A share cannot rise above 1: an MDE beyond 1 − base is no detectable effect.
                let mde = Power.normalMDE(se: se, alpha: alpha)
                return (mde <= 1 - (base ?? 0) ? mde : nil, Power.normal(effect: eoi, se: se, alpha: alpha),
                        Self.eventsNeeded(sd: spread, effect: eoi, alpha: alpha, have: n, what: "qualified breakouts"))
            },
            cells: cells)
        let list = qualified.map { d in
            AltSeasonDetails.Breakout(
                signalDate: d, horizon: h0, seasonFollowed: seasonAhead(d, h0),
                indexMax: days.filter { $0.date > d && $0.date <= d + h0 }.map(\.index).max())
        }
        return statistical(
            "C1", claim: "Russell 2000 breakouts preceded altcoin seasons in 2017 and 2021",
            test: "share of qualified breakouts followed within \(h0) days by an altcoin season (index ≥ \(NumberText.grouped(level, decimals: 0)) on a day that is not thin) against the share of all days; two-sided permutation p (\(p.draws) random days); power by the normal approximation of a share; the precedents name the breakouts the commentary meant",
            statistic: "share of qualified breakouts followed by an altcoin season, minus the base rate", value: head.effect, n: n,
            p: head.p,
            effect: ScorecardEffect(
                estimate: head.effect, ciLow: ci.flatMap { c in base.map { c.low - $0 } },
                ciHigh: ci.flatMap { c in base.map { c.high - $0 } }, unit: "share (0–1)"),
            command: "riskflow events --status qualified",
            details: .altSeasons(AltSeasonDetails(
                share: head.share, baseRate: base, baseDays: head.pool.count, breakouts: list, qualifiedBreakouts: qualified.count)),
            note: qualified.count > n ? "\(qualified.count - n) of \(qualified.count) qualified breakouts have no index data after them" : "",
            decidedBy: test)
    }
}

/// C1: alt seasons follow qualified breakouts more often than random days.
enum ClaimC1: ScorecardClaim {
    static let id = "C1"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c1() }
}

import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C6: confirmed (qualified) against unconfirmed breakouts.
extension Scorecard {

    /// Confirmed (qualified) against unconfirmed breakouts: ETH's return after each.
    func c6() -> ClaimOutcome {
        let h0 = p.primaryHorizon
        let claim = "a real breakout is not a thin-volume holiday bounce"
        guard let eth else {
            return statistical(
                "C6", claim: claim, test: "", statistic: "", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow events --status qualified", details: .none, note: "data missing",
                decidedBy: StatisticalTest(estimate: nil, effectOfInterest: p.effects.c6, power: { _ in (nil, nil, nil) }, cells: []))
        }
        func run(_ conf: [Day], _ unconf: [Day], _ h: Int, _ keep: (Day) -> Bool)
            -> (effect: Double?, p: Double?, a: [Double], b: [Double], exact: Int?)
        {
            let a = conf.filter(keep).compactMap { Self.forwardReturn(eth, after: $0, h: h) }
            let b = unconf.filter(keep).compactMap { Self.forwardReturn(eth, after: $0, h: h) }
            guard let r = Resampling.differencePValueTwoSided(a, b, draws: p.draws, seed: p.seed),
                let ma = Self.mean(a), let mb = Self.mean(b)
            else { return (nil, nil, a, b, nil) }
            return (ma - mb, r.p, a, b, r.exactRelabellings)
        }
        let head = run(qualified, unconfirmed, h0) { _ in true }
        let cells = eventCells(span: eth.days.first.flatMap { f in eth.days.last.map { (f, $0) } }) { conf, unconf, h, keep in
            let r = run(conf, unconf, h, keep)
            return (r.effect, r.p)
        }
        let na = head.a.count, nb = head.b.count
        let ci = Resampling.bootstrapDifferenceInterval(head.a, head.b, draws: p.draws, seed: p.seed)
        let spread = Self.sd(head.a + head.b)
        let eoi = p.effects.c6
        let test = StatisticalTest(
            estimate: head.effect, effectOfInterest: eoi,
            power: { alpha in
                guard let spread, na > 0, nb > 0 else { return (nil, nil, nil) }
                let se = spread * (1 / Double(na) + 1 / Double(nb)).squareRoot()
                let needed = Self.eventsNeeded(sd: spread * 2.0.squareRoot(), effect: eoi, alpha: alpha, have: min(na, nb), what: "breakouts in each group")
                return (Power.normalMDE(se: se, alpha: alpha), Power.normal(effect: eoi, se: se, alpha: alpha), needed)
            },
            cells: cells)
        let how = head.exact.map { "exact over all \($0) relabellings" } ?? "\(p.draws) random relabellings"
        return statistical(
            "C6", claim: claim,
            test: "ETH's \(h0)-day return after qualified (volume and breadth confirmed) against unconfirmed breakouts, each from its signal day: difference of means, two-sided relabelling p (exact when there are at most \(p.draws) relabellings, else random draws); n is the smaller group; power by the normal approximation of a difference of means",
            statistic: "ETH mean \(h0)-day return, confirmed minus unconfirmed", value: head.effect, n: min(na, nb), p: head.p,
            effect: ScorecardEffect(estimate: head.effect, ciLow: ci?.low, ciHigh: ci?.high, unit: "return (fraction)"),
            command: "riskflow events --status qualified",
            details: .confirmation(ConfirmationDetails(
                confirmedMean: Self.mean(head.a), unconfirmedMean: Self.mean(head.b), nConfirmed: na, nUnconfirmed: nb, relabelling: how)),
            decidedBy: test)
    }
}

/// C6: confirmed (qualified) against unconfirmed breakouts.
enum ClaimC6: ScorecardClaim {
    static let id = "C6"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c6() }
}

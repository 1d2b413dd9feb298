import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C3: liquidity leads small caps' relative strength (Granger).
extension Scorecard {

    /// Weekly net-liquidity growth against small caps' relative strength (RUT/GSPC).
    func c3() -> ClaimOutcome {
        let claim = "small caps lead when liquidity returns"
        let test = "weekly log changes of net liquidity (WALCL − TGA − RRP) against weekly log returns of RUT/GSPC: Granger ssr F test (liquidity → relative strength) at the VAR lag AIC picks (1–\(p.leadLagMaxLag)); the effect is the partial R² (with its 95 % interval by inverting the noncentral F), signed by the cross-correlations with liquidity leading; power from the noncentral F"
        var details = GrangerDetails()
        guard let liquidity = try? LiquidityModel.compute(data, config: c.liquidity, staleness: c.staleness),
            let rut = data.closes(c.stage.smallCaps), let spx = data.closes(c.stage.broadEquity)
        else {
            return statistical(
                "C3", claim: claim, test: test, statistic: "Granger F, liquidity → RUT/GSPC", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow liquidity; riskflow leadlag", details: .granger(details), note: "data missing",
                decidedBy: StatisticalTest(estimate: nil, effectOfInterest: p.effects.c3, power: { _ in (nil, nil, nil) }, cells: []))
        }
        let level = Series(
            unchecked: "NETLIQ", unit: .billionsUSD, calendar: .weekly, days: liquidity.rows.map(\.date),
            values: liquidity.rows.map(\.netLiquidity))
        let j = rut.innerJoined(with: spx)
        let ratio = Series(unchecked: "RUT/GSPC", unit: .ratio, calendar: .nyse, days: j.days, values: zip(j.x, j.y).map(/))
        return grangerClaim(
            "C3", claim: claim, test: test, statistic: "Granger F, liquidity → RUT/GSPC", cause: level, effect: ratio,
            claimsNoEffect: false, effectOfInterest: p.effects.c3, command: "riskflow liquidity; riskflow leadlag",
            details: &details)
    }

    /// A Granger claim: cause → effect at the AIC lag, its effect, power and grid.
    func grangerClaim(
        _ id: String, claim: String, test: String, statistic: String, cause: Series, effect: Series, claimsNoEffect: Bool,
        effectOfInterest eoi: Double, command: String, details: inout GrangerDetails,
        extraCells: [(label: String, effect: Double?, p: Double?)] = []
    ) -> ClaimOutcome {
        guard let m = weeklyMoves(cause, effect), m.days.count > 3 * 13 + 1,
            let lag = varLag(m, maxLag: p.leadLagMaxLag, bic: false), let head = grangerCell(m, causeIsX: true, lag: lag)
        else {
            return statistical(
                id, claim: claim, test: test, statistic: statistic, value: nil, n: 0, p: nil, effect: nil, command: command,
                details: .granger(details), note: "too little weekly data",
                decidedBy: StatisticalTest(estimate: nil, claimsNoEffect: claimsNoEffect, effectOfInterest: eoi, power: { _ in (nil, nil, nil) }, cells: []))
        }
        let reverse = grangerCell(m, causeIsX: false, lag: lag)
        let hac = try? Granger.hacWald(x: m.x, y: m.y, lag: lag)
        details.test = .init(lagWeeks: lag, reverseP: reverse?.p, hacP: hac?.p, first: m.days.first, last: m.days.last)
        let ci = Power.partialR2Interval(f: head.f, u: head.u, v: head.v)
        let sign: Double = head.signedR2 < 0 ? -1 : 1
        let low = sign > 0 ? ci.low : -ci.high, high = sign > 0 ? ci.high : -ci.low
        let cells = grangerCells(m, causeIsX: true, headlineLag: lag) + extraCells
        return statistical(
            id, claim: claim, test: test, statistic: statistic, value: head.f, n: head.nobs, p: head.p,
            effect: ScorecardEffect(estimate: head.signedR2, ciLow: low, ciHigh: high, unit: "partial R² (signed by the leading cross-correlations)"),
            command: command, details: .granger(details),
            decidedBy: StatisticalTest(
                estimate: head.signedR2, claimsNoEffect: claimsNoEffect, effectOfInterest: eoi,
                power: Self.fPower(u: head.u, v: head.v, effectOfInterest: eoi), cells: cells))
    }
}

/// C3: liquidity leads small caps' relative strength (Granger).
enum ClaimC3: ScorecardClaim {
    static let id = "C3"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c3() }
}

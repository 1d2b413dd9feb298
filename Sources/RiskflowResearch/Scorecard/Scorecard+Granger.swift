import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// The Granger claims: C3 (liquidity leads small caps' relative strength) and C5 (crypto
/// does not lead equities). The F test is the statsmodels ssr F test; power and MDE come
/// from the noncentral F (Cohen's λ = f²·(u + v + 1)); the grid varies the lag (1–13 and
/// the AIC/BIC choice), the inference (classical vs HAC) and the sample.
extension Scorecard {
    /// Weekly log changes of two series, aligned as `riskflow leadlag --freq weekly` does.
    func weeklyMoves(_ x: Series, _ y: Series) -> AlignedMoves? {
        var o = LeadLagOptions()
        o.frequency = .weekly
        return try? o.align(x: x, y: y)
    }

    /// One Granger test (cause → effect) on the rows whose day `keep` accepts: its F, p,
    /// denominator df and the partial R² signed by the cause's leading cross-correlations
    /// (lags 1…lag).
    struct GrangerCell {
        var f: Double, p: Double, u: Int, v: Int, signedR2: Double, nobs: Int
    }

    func grangerCell(_ m: AlignedMoves, causeIsX: Bool, lag: Int, keep: (Day) -> Bool = { _ in true }) -> GrangerCell? {
        let rows = m.days.indices.filter { keep(m.days[$0]) }
        let cause = rows.map { causeIsX ? m.x[$0] : m.y[$0] }, effect = rows.map { causeIsX ? m.y[$0] : m.x[$0] }
        guard let g = try? Granger.single(x: cause, y: effect, lag: lag) else { return nil }
        let leading = CrossCorrelation.compute(x: cause, y: effect, maxLag: lag).filter { $0.lag >= 1 }.compactMap(\.r)
            .reduce(0, +)
        let r2 = Power.partialR2(f: g.f, u: g.dfNum, v: g.dfDenom)
        return GrangerCell(f: g.f, p: g.p, u: g.dfNum, v: g.dfDenom, signedR2: leading < 0 ? -r2 : r2, nobs: g.nobs)
    }

    /// The VAR lag (1…maxLag) chosen by AIC or BIC for the pair.
    func varLag(_ m: AlignedMoves, maxLag: Int, bic: Bool) -> Int? {
        guard let o = try? VAROrderSelection.select([m.y, m.x], maxLag: maxLag) else { return nil }
        return max(1, bic ? o.bic : o.aic)
    }

    /// The lag, AIC/BIC, HAC and sample cells of a Granger test.
    func grangerCells(_ m: AlignedMoves, causeIsX: Bool, headlineLag: Int) -> [(label: String, effect: Double?, p: Double?)] {
        var cells: [(String, Double?, Double?)] = []
        for lag in 1...13 {
            let g = grangerCell(m, causeIsX: causeIsX, lag: lag)
            cells.append(("lag \(lag) weeks", g?.signedR2, g?.p))
        }
        for bic in [false, true] {
            if let lag = varLag(m, maxLag: 13, bic: bic) {
                let g = grangerCell(m, causeIsX: causeIsX, lag: lag)
                cells.append(("lag \(lag) chosen by \(bic ? "BIC" : "AIC") over 1–13", g?.signedR2, g?.p))
            }
        }
        let head = grangerCell(m, causeIsX: causeIsX, lag: headlineLag)
        let hac = try? Granger.hacWald(x: causeIsX ? m.x : m.y, y: causeIsX ? m.y : m.x, lag: headlineLag)
        cells.append(("classical F at lag \(headlineLag)", head?.signedR2, head?.p))
        cells.append(("HAC (Newey–West) Wald at lag \(headlineLag)", head?.signedR2, hac?.p))
        if let first = m.days.first, let last = m.days.last {
            for s in Self.samples(first: first, last: last) {
                let g = grangerCell(m, causeIsX: causeIsX, lag: headlineLag, keep: s.keep)
                cells.append((s.label, g?.signedR2, g?.p))
            }
        }
        return cells
    }

    /// The power closure of an F test with `u` numerator and `v` denominator df.
    static func fPower(u: Int, v: Int, effectOfInterest r2: Double)
        -> (Double) -> (mde: Double?, power: Double?, needed: String?)
    {
        { alpha in
            let power = Power.fTest(f2: Power.f2(partialR2: r2), u: u, v: v, alpha: alpha)
            let needed = power < Power.target
                ? Power.fTestObservationsNeeded(u: u, r2: r2, alpha: alpha).map { "about \($0 + 2 * u + 1) weeks would be needed (there are \(v + 2 * u + 1))" }
                : nil
            return (Power.fTestMDE(u: u, v: v, alpha: alpha), power, needed)
        }
    }

    // MARK: C3

    /// Weekly net-liquidity growth against small caps' relative strength (RUT/GSPC).
    func c3() -> ClaimOutcome {
        let claim = "small caps lead when liquidity returns"
        let test = "weekly log changes of net liquidity (WALCL − TGA − RRP) against weekly log returns of RUT/GSPC: Granger ssr F test (liquidity → relative strength) at the VAR lag AIC picks (1–\(p.leadLagMaxLag)); the effect is the partial R² (with its 95 % interval by inverting the noncentral F), signed by the cross-correlations with liquidity leading; power from the noncentral F"
        var details: [String: ScorecardValue] = [:]
        guard let liquidity = try? LiquidityModel.compute(data, config: c.liquidity, staleness: c.staleness),
            let rut = data.closes(c.stage.smallCaps), let spx = data.closes(c.stage.broadEquity)
        else {
            return statistical(
                "C3", claim: claim, test: test, statistic: "Granger F, liquidity → RUT/GSPC", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow liquidity; riskflow leadlag", details: details, note: "data missing",
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
        effectOfInterest eoi: Double, command: String, details: inout [String: ScorecardValue],
        extraCells: [(label: String, effect: Double?, p: Double?)] = []
    ) -> ClaimOutcome {
        guard let m = weeklyMoves(cause, effect), m.days.count > 3 * 13 + 1,
            let lag = varLag(m, maxLag: p.leadLagMaxLag, bic: false), let head = grangerCell(m, causeIsX: true, lag: lag)
        else {
            return statistical(
                id, claim: claim, test: test, statistic: statistic, value: nil, n: 0, p: nil, effect: nil, command: command,
                details: details, note: "too little weekly data",
                decidedBy: StatisticalTest(estimate: nil, claimsNoEffect: claimsNoEffect, effectOfInterest: eoi, power: { _ in (nil, nil, nil) }, cells: []))
        }
        let reverse = grangerCell(m, causeIsX: false, lag: lag)
        let hac = try? Granger.hacWald(x: m.x, y: m.y, lag: lag)
        details["lag_weeks"] = .number(Double(lag))
        details["granger_reverse_p"] = .number(reverse?.p)
        details["p_hac"] = .number(hac?.p)
        details["first"] = .day(m.days.first)
        details["last"] = .day(m.days.last)
        let ci = Power.partialR2Interval(f: head.f, u: head.u, v: head.v)
        let sign: Double = head.signedR2 < 0 ? -1 : 1
        let low = sign > 0 ? ci.low : -ci.high, high = sign > 0 ? ci.high : -ci.low
        let cells = grangerCells(m, causeIsX: true, headlineLag: lag) + extraCells
        return statistical(
            id, claim: claim, test: test, statistic: statistic, value: head.f, n: head.nobs, p: head.p,
            effect: ScorecardEffect(estimate: head.signedR2, ciLow: low, ciHigh: high, unit: "partial R² (signed by the leading cross-correlations)"),
            command: command, details: details,
            decidedBy: StatisticalTest(
                estimate: head.signedR2, claimsNoEffect: claimsNoEffect, effectOfInterest: eoi,
                power: Self.fPower(u: head.u, v: head.v, effectOfInterest: eoi), cells: cells))
    }

    // MARK: C5

    /// Does crypto lead equities (weekly ETH → RUT Granger)? The claim is that it does
    /// not: a well-powered test that finds nothing supports it. The "amplifier" half:
    /// ETH's beta to RUT in risk-on and risk-off weeks, with Newey–West intervals.
    func c5() -> ClaimOutcome {
        let claim = "crypto amplifies, it does not lead"
        let test = "weekly log returns: Granger ssr F test of ETH → RUT at the VAR lag AIC picks (1–\(p.leadLagMaxLag)); the claim is of no effect: supported when the test had power ≥ 0.8 at the smallest effect of interest and found nothing, contradicted when it finds a lead (BTC → RUT and BTC → GSPC in the grid; ETH's beta to RUT in risk-on and risk-off weeks with Newey–West intervals in the details)"
        var details: [String: ScorecardValue] = [:]
        let symbol = c.breakout.symbol
        guard let rut = data.closes(symbol), let eth else {
            return statistical(
                "C5", claim: claim, test: test, statistic: "Granger F, ETH → RUT", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow leadlag --x RUT --y ETH --freq weekly", details: details, note: "data missing",
                decidedBy: StatisticalTest(estimate: nil, claimsNoEffect: true, effectOfInterest: p.effects.c5, power: { _ in (nil, nil, nil) }, cells: []))
        }
        var extra: [(String, Double?, Double?)] = []
        for (causeID, effectID) in [(p.bitcoin, symbol), (p.bitcoin, c.stage.broadEquity)] {
            guard let x = data.closes(causeID), let y = data.closes(effectID), let m = weeklyMoves(x, y),
                let lag = varLag(m, maxLag: p.leadLagMaxLag, bic: false)
            else { continue }
            let g = grangerCell(m, causeIsX: true, lag: lag)
            extra.append(("\(causeID) → \(effectID) at lag \(lag)", g?.signedR2, g?.p))
        }
        if let spx = data.closes(c.stage.broadEquity) {
            let b = regimeBetas(equity: rut, crypto: eth, trend: spx)
            for (name, beta) in [("risk_on", b.on), ("risk_off", b.off)] {
                details["eth_beta_\(name)"] = .number(beta?.beta)
                details["eth_beta_\(name)_ci_low"] = .number(beta.map { $0.beta - 1.959963984540054 * $0.se })
                details["eth_beta_\(name)_ci_high"] = .number(beta.map { $0.beta + 1.959963984540054 * $0.se })
                details["weeks_\(name)"] = .number(beta.map { Double($0.n) })
            }
        }
        return grangerClaim(
            "C5", claim: claim, test: test, statistic: "Granger F, ETH → RUT", cause: eth, effect: rut, claimsNoEffect: true,
            effectOfInterest: p.effects.c5, command: "riskflow leadlag --x RUT --y ETH --freq weekly", details: &details,
            extraCells: extra)
    }

    /// OLS slopes of weekly crypto log returns on equity log returns (`OLS.fit` with a
    /// constant), in weeks when the trend series closed above its `trendAverage`-session
    /// mean (risk-on) and the rest, with Newey–West standard errors (⌊4·(n/100)^(2/9)⌋ lags).
    func regimeBetas(equity: Series, crypto: Series, trend: Series)
        -> (on: (beta: Double, se: Double, n: Int)?, off: (beta: Double, se: Double, n: Int)?)
    {
        let j = equity.weeklyLast().innerJoined(with: crypto.weeklyLast())
        let mean = rollingMean(trend.values, window: c.stage.trendAverage)
        var onX: [Double] = [], onY: [Double] = [], offX: [Double] = [], offY: [Double] = []
        for i in 1..<max(1, j.days.count) {
            let rx = Double.log(j.x[i] / j.x[i - 1]), ry = Double.log(j.y[i] / j.y[i - 1])
            guard rx.isFinite, ry.isFinite else { continue }
            let ti = trend.days.upperBound(of: j.days[i]) - 1
            guard ti >= 0, !mean[ti].isNaN else { continue }
            if trend.values[ti] > mean[ti] {
                onX.append(rx)
                onY.append(ry)
            } else {
                offX.append(rx)
                offY.append(ry)
            }
        }
        func slope(_ x: [Double], _ y: [Double]) -> (beta: Double, se: Double, n: Int)? {
            guard x.count >= 10 else { return nil }
            let columns = [[Double](repeating: 1, count: x.count), x]
            guard let fit = try? OLS.fit(DesignMatrix(columns: columns), y) else { return nil }
            let v = NeweyWest.covariance(columns: columns, fit: fit, maxLags: Granger.neweyWestLags(x.count))
            let se = v[3].squareRoot()
            return se.isFinite ? (fit.coefficients[1], se, x.count) : nil
        }
        return (slope(onX, onY), slope(offX, offY))
    }
}

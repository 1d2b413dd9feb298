import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C5: crypto does not lead equities (Granger), and its beta to equities by regime.
extension Scorecard {

    /// Does crypto lead equities (weekly ETH → RUT Granger)? The claim is that it does
    /// not: a well-powered test that finds nothing supports it. The "amplifier" half:
    /// ETH's beta to RUT in risk-on and risk-off weeks, with Newey–West intervals.
    func c5() -> ClaimOutcome {
        let claim = "crypto amplifies, it does not lead"
        let test = "weekly log returns: Granger ssr F test of ETH → RUT at the VAR lag AIC picks (1–\(p.leadLagMaxLag)); the claim is of no effect: supported when the test had power ≥ 0.8 at the smallest effect of interest and found nothing, contradicted when it finds a lead (BTC → RUT and BTC → GSPC in the grid; ETH's beta to RUT in risk-on and risk-off weeks with Newey–West intervals in the details)"
        var details = GrangerDetails()
        let symbol = c.breakout.symbol
        guard let rut = data.closes(symbol), let eth else {
            return statistical(
                "C5", claim: claim, test: test, statistic: "Granger F, ETH → RUT", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow leadlag --x RUT --y ETH --freq weekly", details: .granger(details), note: "data missing",
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
            details.betas = [("risk_on", b.on), ("risk_off", b.off)].map { name, beta in
                GrangerDetails.RegimeBeta(regime: name, beta: beta?.beta, standardError: beta?.se, weeks: beta?.n)
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

/// C5: crypto does not lead equities (Granger), and its beta to equities by regime.
enum ClaimC5: ScorecardClaim {
    static let id = "C5"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c5() }
}

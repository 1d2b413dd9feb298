import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C2: ETH after qualified breakouts, against a regime-matched null.
extension Scorecard {

    /// ETH's return after qualified breakouts against its return after random days in the
    /// same regime (RUT within 5 % of its prior all-time closing high and GSPC above its
    /// 200-session mean, as known that day), and against every day.
    func c2() -> ClaimOutcome {
        let h0 = p.primaryHorizon
        let claim = "after a sustained Russell 2000 uptrend starts, ETH and altcoins respond within 1–3 months"
        let testText = "event study: ETH's \(h0)-day return after each qualified breakout (entry the day after the signal) minus its mean \(h0)-day return after random days in the same regime (RUT within 5 % of its prior all-time closing high, GSPC above its \(c.stage.trendAverage)-session mean, as known that day); two-sided permutation p (\(p.draws) draws); the unconditional null beside it; power by the normal approximation (sd of the regime's returns / √n)"
        guard let eth, let rut = data.closes(c.breakout.symbol), let spx = data.closes(c.stage.broadEquity) else {
            return statistical(
                "C2", claim: claim, test: testText, statistic: "ETH mean excess return", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow events --status qualified --follower ETH,ALTS", details: .none, note: "data missing",
                decidedBy: StatisticalTest(estimate: nil, effectOfInterest: p.effects.c2, power: { _ in (nil, nil, nil) }, cells: []))
        }
        let regime = regimeDays(rut: rut, spx: spx)
        func run(_ events: [Day], _ h: Int, _ keep: (Day) -> Bool, stream: UInt64)
            -> (effect: Double?, p: Double?, returns: [Double], pool: [Double])
        {
            let returns = events.filter(keep).compactMap { Self.forwardReturn(eth, after: $0, h: h) }
            let pool = regime.filter(keep).compactMap { Self.forwardReturn(eth, after: $0, h: h) }
            guard let m = Self.mean(returns), let base = Self.mean(pool) else { return (nil, nil, returns, pool) }
            let pv = Resampling.permutationPValueTwoSided(
                observed: m, n: returns.count, pool: pool, draws: p.draws, seed: p.seed, stream: stream)
            return (m - base, pv, returns, pool)
        }
        let head = run(qualified, h0, { _ in true }, stream: 102)
        var cells = eventCells(span: eth.days.first.flatMap { f in eth.days.last.map { (f, $0) } }) { conf, _, h, keep in
            let r = run(conf, h, keep, stream: 102)
            return (r.effect, r.p)
        }
        // The lead-lag peak (weekly RUT → ETH cross-correlation over lags 1–13).
        var details = EthAfterBreakoutsDetails(horizon: h0, regimeDays: 0)
        var o = LeadLagOptions()
        o.frequency = .weekly
        o.maxLag = 1
        o.adf = false
        o.xcorrLags = 13
        if let r = try? LeadLag.analyze(x: rut, y: eth, options: o),
            let peak = r.xcorr.filter({ $0.lag >= 1 && $0.lag <= 13 }).compactMap({ x in x.r.map { (x.lag, $0, x.n) } })
                .max(by: { abs($0.1) < abs($1.1) })
        {
            // Two-sided normal p of r·√n, Bonferroni over the 13 lags searched.
            let pv = min(1, 13 * 2 * Normal.sf(abs(peak.1) * Double(peak.2).squareRoot()))
            cells.append(("weekly cross-correlation peak at lag \(peak.0) weeks (Bonferroni over 13 lags)", peak.1, pv))
            details.xcorrPeak = .init(lagWeeks: peak.0, r: peak.1)
        }
        // The unconditional null (every day's return since the first event), beside it.
        let allDays = eth.days.filter { d in qualified.first.map { d >= $0 } ?? false }
        let uncond = allDays.compactMap { Self.forwardReturn(eth, after: $0, h: h0) }
        let n = head.returns.count
        if let m = Self.mean(head.returns), let u = Self.mean(uncond) {
            details.unconditional = .init(
                excess: m - u,
                p: Resampling.permutationPValueTwoSided(observed: m, n: n, pool: uncond, draws: p.draws, seed: p.seed, stream: 103))
        }
        let base = Self.mean(head.pool)
        details.ethMean = Self.mean(head.returns)
        details.ethMedianExcess = EventStudy.median(head.returns).flatMap { m in base.map { m - $0 } }
        details.regimeMean = base
        details.regimeDays = head.pool.count
        if let basket {
            let alts = qualified.compactMap { Self.forwardReturn(basket, after: $0, h: h0) }
            let pool = regime.compactMap { Self.forwardReturn(basket, after: $0, h: h0) }
            details.alts = .init(mean: Self.mean(alts), regimeMean: Self.mean(pool), n: alts.count)
        }
        let ci = Resampling.bootstrapMeanInterval(head.returns, draws: p.draws, seed: p.seed)
        let spread = Self.sd(head.pool)
        let eoi = p.effects.c2
        let test = StatisticalTest(
            estimate: head.effect, effectOfInterest: eoi,
            power: { alpha in
                guard let spread, n > 0 else { return (nil, nil, nil) }
                let se = spread / Double(n).squareRoot()
                return (Power.normalMDE(se: se, alpha: alpha), Power.normal(effect: eoi, se: se, alpha: alpha),
                        Self.eventsNeeded(sd: spread, effect: eoi, alpha: alpha, have: n, what: "qualified breakouts"))
            },
            cells: cells)
        return statistical(
            "C2", claim: claim, test: testText,
            statistic: "ETH mean \(h0)-day return after qualified breakouts minus the regime-matched mean", value: head.effect, n: n,
            p: head.p,
            effect: ScorecardEffect(
                estimate: head.effect, ciLow: ci.flatMap { c in base.map { c.low - $0 } },
                ciHigh: ci.flatMap { c in base.map { c.high - $0 } }, unit: "return (fraction)"),
            command: "riskflow events --status qualified --follower ETH,ALTS", details: .ethAfterBreakouts(details), decidedBy: test)
    }

    /// The RUT sessions in the regime of the C2 null: close within 5 % of the prior
    /// all-time closing high, and GSPC's last close known that day above its mean of the
    /// `trendAverage` sessions ending there.
    func regimeDays(rut: Series, spx: Series) -> [Day] {
        let mean = rollingMean(spx.values, window: c.stage.trendAverage)
        var out: [Day] = []
        var high = -Double.infinity
        for t in rut.values.indices {
            defer { high = max(high, rut.values[t]) }
            guard t > 0, rut.values[t] >= 0.95 * high else { continue }
            let i = spx.days.upperBound(of: rut.days[t]) - 1
            guard i >= 0, !mean[i].isNaN, spx.values[i] > mean[i] else { continue }
            out.append(rut.days[t])
        }
        return out
    }
}

/// C2: ETH after qualified breakouts, against a regime-matched null.
enum ClaimC2: ScorecardClaim {
    static let id = "C2"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c2() }
}

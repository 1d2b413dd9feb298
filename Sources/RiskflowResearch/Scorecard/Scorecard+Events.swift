import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// The event claims: C1 (alt seasons after breakouts), C2 (ETH after breakouts, against a
/// regime-matched null) and C6 (confirmed against unconfirmed breakouts). Every test is
/// two-sided; power uses the normal approximation of the test's null spread (stated in
/// the README); the grid varies the horizon, the breakout rule and the sample.
extension Scorecard {
    /// The follower's return from its first row after `d` (entry t + 1, as the event study)
    /// to its first row on or after entry + `h` calendar days; `nil` past the data or
    /// before the follower's first row.
    static func forwardReturn(_ s: Series, after d: Day, h: Int) -> Double? {
        guard let first = s.days.first, d >= first else { return nil }
        let i = s.days.lowerBound(of: d + 1)
        guard i < s.count else { return nil }
        let j = s.days.lowerBound(of: s.days[i] + h)
        guard j < s.count else { return nil }
        let r = s.values[j] / s.values[i] - 1
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

    // MARK: C1

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
        var list: [ScorecardValue] = []
        for d in qualified {
            let window = days.filter { $0.date > d && $0.date <= d + h0 }
            list.append(.object([
                "signal_date": .day(d),
                "altseason_within_\(h0)d": seasonAhead(d, h0).map { .text($0 ? "yes" : "no") } ?? .text("no index data"),
                "alt_index_max_\(h0)d": .number(window.map(\.index).max()),
            ]))
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
            details: [
                "share": .number(head.share), "base_rate": .number(base), "base_days": .number(Double(head.pool.count)),
                "breakouts": .list(list), "qualified_breakouts": .number(Double(qualified.count)),
            ],
            note: qualified.count > n ? "\(qualified.count - n) of \(qualified.count) qualified breakouts have no index data after them" : "",
            decidedBy: test)
    }

    // MARK: C2

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
                command: "riskflow events --status qualified --follower ETH,ALTS", details: [:], note: "data missing",
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
        var details: [String: ScorecardValue] = [:]
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
            details["xcorr_peak_lag_weeks"] = .number(Double(peak.0))
            details["xcorr_peak_r"] = .number(peak.1)
        }
        // The unconditional null (every day's return since the first event), beside it.
        let allDays = eth.days.filter { d in qualified.first.map { d >= $0 } ?? false }
        let uncond = allDays.compactMap { Self.forwardReturn(eth, after: $0, h: h0) }
        let n = head.returns.count
        if let m = Self.mean(head.returns), let u = Self.mean(uncond) {
            details["uncond_excess"] = .number(m - u)
            details["uncond_p"] = .number(
                Resampling.permutationPValueTwoSided(observed: m, n: n, pool: uncond, draws: p.draws, seed: p.seed, stream: 103))
        }
        let base = Self.mean(head.pool)
        details["eth_mean_\(h0)d"] = .number(Self.mean(head.returns))
        details["eth_median_excess_\(h0)d"] = .number(EventStudy.median(head.returns).flatMap { m in base.map { m - $0 } })
        details["regime_mean_\(h0)d"] = .number(base)
        details["regime_days"] = .number(Double(head.pool.count))
        if let basket {
            let alts = qualified.compactMap { Self.forwardReturn(basket, after: $0, h: h0) }
            let pool = regime.compactMap { Self.forwardReturn(basket, after: $0, h: h0) }
            details["alts_mean_\(h0)d"] = .number(Self.mean(alts))
            details["alts_regime_mean_\(h0)d"] = .number(Self.mean(pool))
            details["alts_n"] = .number(Double(alts.count))
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
            command: "riskflow events --status qualified --follower ETH,ALTS", details: details, decidedBy: test)
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

    // MARK: C6

    /// Confirmed (qualified) against unconfirmed breakouts: ETH's return after each.
    func c6() -> ClaimOutcome {
        let h0 = p.primaryHorizon
        let claim = "a real breakout is not a thin-volume holiday bounce"
        guard let eth else {
            return statistical(
                "C6", claim: claim, test: "", statistic: "", value: nil, n: 0, p: nil, effect: nil,
                command: "riskflow events --status qualified", details: [:], note: "data missing",
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
            details: [
                "confirmed_mean": .number(Self.mean(head.a)), "unconfirmed_mean": .number(Self.mean(head.b)),
                "n_confirmed": .number(Double(na)), "n_unconfirmed": .number(Double(nb)), "relabelling": .text(how),
            ],
            decidedBy: test)
    }
}

import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// Computes the scorecard's claims from one `MarketData` (as of a day). Each claim's test
/// is fixed here and in the README; nothing is tuned to make a claim look true.
struct Scorecard {
    let data: MarketData
    let p: ScorecardParameters
    let c: SignalConfig
    let breakouts: [Breakout]
    let qualified: [Day]
    let unconfirmed: [Day]
    let eth: Series?
    let btc: Series?
    let basket: Series?
    let alt: AltSeasonReport?

    /// - Parameters: the breakouts, alt season and basket when the caller has them already
    ///   (the report), else computed here.
    init(
        data: MarketData, parameters: ScorecardParameters, breakouts known: [Breakout]? = nil,
        altSeason knownAlt: AltSeasonReport?? = nil, basket knownBasket: Series?? = nil
    ) {
        self.data = data
        p = parameters
        c = parameters.signals
        breakouts = known ?? (try? BreakoutDetector.detect(data, config: c.breakout, staleness: c.staleness)) ?? []
        let index = data[c.breakout.symbol]
        qualified = EventsJob.eventDays(breakouts, .qualified, index: index, config: c.breakout)
        unconfirmed = EventsJob.eventDays(breakouts, .unconfirmed, index: index, config: c.breakout)
        eth = data.closes(p.ethereum)
        btc = data.closes(p.bitcoin)
        let config = c
        basket = knownBasket ?? {
            let b = AltBasket.build(data, config: config.altseason)
            return b.isEmpty ? nil : b
        }()
        alt = knownAlt ?? (try? AltSeasonModel.compute(data, config: c.altseason))
    }

    var asOf: Day { data.asOf }
    var settings: EventStudySettings {
        var s = EventStudySettings()
        s.horizons = p.horizons
        s.draws = p.draws
        s.seed = p.seed
        return s
    }

    func result() throws -> ScorecardResult {
        let followers: [Series] = [eth, btc, basket].compactMap { $0 }
        let studies = followers.indices.map { k in
            EventStudy.run(events: qualified, follower: followers[k], settings: settings, stream: UInt64(k))
        }
        var draws = DrawSource.local
        let comparison = GroupComparison.compare(
            confirmed: qualified, unconfirmed: unconfirmed, followers: followers, settings: settings, draws: &draws)
        let events = EventStudyResult(
            asOf: asOf, events: studies.flatMap(\.events), horizons: studies.flatMap(\.horizons),
            path: studies.flatMap(\.path), comparison: comparison, studies: studies, eventDays: qualified,
            parameters: EventsParameters(
                job: EventsJob(config: c, source: .breakouts(.qualified), followers: followers.map(\.id), settings: settings)))
        let call = commentaryCall()
        let claims = [
            c1(studies: studies), c2(studies: studies), c3(), c4(), c5(), c6(comparison), c7(), c8(call),
        ]
        var rows = claims.map(\.row)
        // Holm across every p the scorecard reports.
        let withP = rows.indices.filter { rows[$0].p != nil }
        let adjusted = Holm.adjust(withP.map { rows[$0].p! })
        for (k, i) in withP.enumerated() { rows[i].pHolm = adjusted[k] }
        for i in rows.indices { finish(&rows[i], claims[i].rule) }
        return ScorecardResult(asOf: asOf, rows: rows, commentaryCall: call, events: events, parameters: p)
    }

    // MARK: Verdicts

    /// How each row's verdict is decided once p_holm is known.
    enum Rule {
        /// A statistical test; `effect` > 0 is the claimed sign.
        case statistical(effect: Double?, oneSided: Bool)
        /// A factual claim decided in the data (or inconclusive with a reason).
        case factual(Verdict, String)
    }

    /// A row and the rule that decides its verdict once p_holm is known.
    struct Claim {
        var row: ScorecardRow
        var rule: Rule
    }

    /// Decides a statistical row's verdict from its Holm-adjusted p (factual rows are
    /// decided already).
    func finish(_ row: inout ScorecardRow, _ rule: Rule) {
        guard case .statistical(let effect, let oneSided) = rule else { return }
        let (v, reason) = VerdictRules.statistical(effect: effect, n: row.n, pHolm: row.pHolm, oneSidedInClaimedDirection: oneSided)
        row.verdict = v
        row.reason = row.reason.isEmpty ? reason : reason + "; " + row.reason
    }

    func row(
        _ id: String, claim: String, test: String, statistic: String, value: Double?, n: Int, p pValue: Double?,
        rule: Rule, command: String, details: [String: ScorecardValue] = [:], note: String = ""
    ) -> Claim {
        var verdict = Verdict.inconclusive
        var reason = note
        if case .factual(let v, let r) = rule {
            verdict = v
            reason = r
        }
        let row = ScorecardRow(
            id: id, claim: claim, test: test, statistic: statistic, value: value, n: n, p: pValue, pHolm: nil,
            verdict: verdict, reason: reason, command: command + " --as-of \(asOf.iso)", asOf: asOf, details: details)
        return Claim(row: row, rule: rule)
    }

    // MARK: C1

    /// Did an altcoin season (index ≥ 75) follow each qualified breakout within the
    /// primary horizon, more often than it follows a random day?
    func c1(studies: [FollowerStudy]) -> Claim {
        let h = p.primaryHorizon
        // Thin days (too few, or suddenly fewer, eligible altcoins) are not evidence.
        let days = (alt?.days ?? []).filter { !$0.thin }
        let dates = days.map(\.date)
        // For each day with an index value: the largest index value in (d, d + h].
        func seasonAhead(_ d: Day) -> Bool? {
            let i = dates.upperBound(of: d)
            guard i < days.count, days[i].date <= d + h, let lastDay = days.last?.date, d + h <= lastDay else { return nil }
            var j = i
            var hit = false
            while j < days.count && days[j].date <= d + h {
                if days[j].index >= p.altSeasonLevel { hit = true }
                j += 1
            }
            return hit
        }
        var pool: [Double] = []
        if let first = days.first?.date, let last = days.last?.date, last - h >= first {
            var d = first
            while d <= last - h {
                if let s = seasonAhead(d) { pool.append(s ? 1 : 0) }
                d = d + 1
            }
        }
        let outcomes = qualified.compactMap { d -> (Day, Bool)? in seasonAhead(d).map { (d, $0) } }
        let observed = outcomes.isEmpty ? nil : Double(outcomes.filter(\.1).count) / Double(outcomes.count)
        let base = pool.isEmpty ? nil : pool.reduce(0, +) / Double(pool.count)
        var pValue: Double? = nil
        if let observed, !outcomes.isEmpty, outcomes.count <= pool.count, p.draws > 0 {
            pValue = Resampling.permutationPValue(observed: observed, n: outcomes.count, pool: pool, draws: p.draws, seed: p.seed, stream: 101)
        }
        // What ETH, BTC, the basket and the index did after every qualified breakout.
        var list: [ScorecardValue] = []
        for d in qualified {
            var o: [String: ScorecardValue] = ["signal_date": .day(d)]
            for study in studies {
                if let e = study.events.first(where: { $0.date == d }) {
                    for (k, v) in e.returns { o["\(e.follower.lowercased())_\(k)d"] = .number(v) }
                    o["entry"] = .day(e.entry)
                }
            }
            o["altseason_within_\(h)d"] = seasonAhead(d).map { .text($0 ? "yes" : "no") } ?? .text("no index data")
            let window = days.filter { $0.date > d && $0.date <= d + h }
            o["alt_index_max_\(h)d"] = .number(window.map(\.index).max())
            list.append(.object(o))
        }
        return row(
            "C1", claim: "Russell 2000 breakouts preceded altcoin seasons in 2017 and 2021",
            test: "share of qualified breakouts followed by an altcoin season (index ≥ \(Int(p.altSeasonLevel))) within \(h) days, against the share of all days with the index (thin index days left out); one-sided permutation p (random days, \(p.draws) draws)",
            statistic: "share of qualified breakouts followed by an altcoin season", value: observed, n: outcomes.count,
            p: pValue, rule: .statistical(effect: observed.flatMap { o in base.map { o - $0 } }, oneSided: true),
            command: "riskflow events --status qualified",
            details: ["base_rate": .number(base), "base_days": .number(Double(pool.count)), "breakouts": .list(list),
                      "qualified_breakouts": .number(Double(qualified.count))],
            note: qualified.count > outcomes.count
                ? "\(qualified.count - outcomes.count) of \(qualified.count) qualified breakouts predate the index" : "")
    }

    // MARK: C2

    /// ETH's and the alt basket's returns after qualified breakouts against their
    /// unconditional returns, at the primary horizon (ETH is the primary test).
    func c2(studies: [FollowerStudy]) -> Claim {
        let h = p.primaryHorizon
        func stats(_ f: String) -> HorizonStatistics? { studies.first { $0.horizons.first?.follower == f }?.horizons.first { $0.h == h } }
        let e = stats(p.ethereum), a = stats(AltBasket.symbol)
        let excess = e.flatMap { s in s.mean.flatMap { m in s.uncondMean.map { m - $0 } } }
        var details: [String: ScorecardValue] = [:]
        for (name, s) in [("eth", e), ("alts", a)] {
            details["\(name)_mean_\(h)d"] = .number(s?.mean)
            details["\(name)_uncond_mean_\(h)d"] = .number(s?.uncondMean)
            details["\(name)_perm_p"] = .number(s?.permP)
            details["\(name)_n"] = .number(s.map { Double($0.n) })
        }
        // The lead-lag peak of the index against ETH, weekly.
        if let x = data.closes(c.breakout.symbol), let y = eth {
            var o = LeadLagOptions()
            o.frequency = .weekly
            o.maxLag = p.leadLagMaxLag
            o.adf = false
            if let r = try? LeadLag.analyze(x: x, y: y, options: o) {
                details["xcorr_peak_lag_weeks"] = .number(r.xcorrPeak.map { Double($0.lag) })
                details["xcorr_peak_r"] = .number(r.xcorrPeak?.r)
            }
        }
        return row(
            "C2", claim: "after a sustained Russell 2000 uptrend starts, ETH and altcoins respond within 1–3 months",
            test: "event study: ETH's \(h)-day return after each qualified breakout (entry the day after the signal) against its unconditional \(h)-day return since the first event; one-sided permutation p (\(p.draws) random entry days)",
            statistic: "ETH mean \(h)-day return after qualified breakouts minus the unconditional mean", value: excess,
            n: e?.n ?? 0, p: e?.permP, rule: .statistical(effect: excess, oneSided: true),
            command: "riskflow events --status qualified --follower ETH,ALTS", details: details)
    }

    // MARK: C3

    /// Weekly net-liquidity growth against small caps' relative strength (RUT/GSPC).
    func c3() -> Claim {
        var details: [String: ScorecardValue] = [:]
        var value: Double? = nil, pValue: Double? = nil, effect: Double? = nil, n = 0, note = ""
        if let liquidity = try? LiquidityModel.compute(data, config: c.liquidity, staleness: c.staleness),
            let rut = data.closes(c.stage.smallCaps), let spx = data.closes(c.stage.broadEquity)
        {
            let level = Series(
                unchecked: "NETLIQ", unit: .billionsUSD, calendar: .weekly, days: liquidity.rows.map(\.date),
                values: liquidity.rows.map(\.netLiquidity))
            let j = rut.innerJoined(with: spx)
            let ratio = Series(unchecked: "RUT/GSPC", unit: .ratio, calendar: .nyse, days: j.days, values: zip(j.x, j.y).map(/))
            var o = LeadLagOptions()
            o.frequency = .weekly
            o.maxLag = p.leadLagMaxLag
            o.adf = false
            o.xcorrLags = p.leadLagMaxLag
            if let r = try? LeadLag.analyze(x: level, y: ratio, options: o) {
                let lag = max(1, r.varOrder.aic)
                let forward = r.granger.first { $0.cause == level.id && $0.lag == lag }
                let backward = r.granger.first { $0.cause == ratio.id && $0.lag == lag }
                value = forward?.f
                pValue = forward?.p
                n = forward?.nobs ?? r.n
                // The sign: correlations with liquidity leading, summed over lags 1…lag.
                effect = r.xcorr.filter { $0.lag >= 1 && $0.lag <= lag }.compactMap(\.r).reduce(0, +)
                details = [
                    "lag_weeks": .number(Double(lag)), "granger_reverse_p": .number(backward?.p),
                    "xcorr_leading_sum": .number(effect), "xcorr_peak_lag_weeks": .number(r.xcorrPeak.map { Double($0.lag) }),
                    "xcorr_peak_r": .number(r.xcorrPeak?.r), "first": .day(r.first), "last": .day(r.last),
                ]
            } else {
                note = "too little weekly data"
            }
        }
        return row(
            "C3", claim: "small caps lead when liquidity returns",
            test: "weekly log changes of net liquidity (WALCL − TGA − RRP) against weekly log returns of RUT/GSPC: Granger F test (liquidity → relative strength) at the VAR lag AIC picks (1–\(p.leadLagMaxLag)); the sign is that of the cross-correlations with liquidity leading",
            statistic: "Granger F, liquidity → RUT/GSPC", value: value, n: n, p: pValue,
            rule: .statistical(effect: effect, oneSided: false), command: "riskflow liquidity; riskflow leadlag", details: details,
            note: note)
    }

    // MARK: C4

    /// In each cycle (condition 4 switching on), did conditions 1 → 2 → 3 → 4 switch on
    /// in that order?
    func c4() -> Claim {
        let history = RiskCurveStage.history(data, config: c.stage, breakouts: breakouts, altSeason: alt, staleness: c.staleness)
        let hold = p.switchOnSessions
        // Switch-on sessions of each condition: met on t, not met on t − 1, met through t + hold − 1.
        var on: [[Int]] = Array(repeating: [], count: 4)
        for k in 0..<4 {
            for t in 1..<max(1, history.count) where history[t].conditions[k].state == .met && history[t - 1].conditions[k].state != .met {
                guard t + hold <= history.count else { continue }
                if (t..<(t + hold)).allSatisfy({ history[$0].conditions[k].state == .met }) { on[k].append(t) }
            }
        }
        var cycles: [ScorecardValue] = []
        var inOrder = 0, complete = 0
        for t4 in on[3] {
            var prior: [Int?] = []
            for k in 0..<3 { prior.append(on[k].last { $0 <= t4 && t4 - $0 <= p.cycleLookbackSessions }) }
            let days = prior.map { $0.map { history[$0].date } }
            var o: [String: ScorecardValue] = ["crypto_on": .day(history[t4].date)]
            for (k, d) in days.enumerated() { o[["bonds_on", "equities_on", "high_beta_on"][k]] = .day(d) }
            if prior.allSatisfy({ $0 != nil }) {
                complete += 1
                let ordered = prior[0]! <= prior[1]! && prior[1]! <= prior[2]! && prior[2]! <= t4
                if ordered { inOrder += 1 }
                o["in_order"] = .text(ordered ? "yes" : "no")
            } else {
                o["in_order"] = .text("incomplete: a condition did not switch on within \(p.cycleLookbackSessions) sessions before")
            }
            cycles.append(.object(o))
        }
        let share = complete == 0 ? nil : Double(inOrder) / Double(complete)
        // Under no order, each of the 24 orders is equally likely: a binomial test of the
        // count in the claimed order against 1/24.
        let pValue = complete == 0 ? nil : binomialUpperTail(k: inOrder, n: complete, p: 1.0 / 24)
        return row(
            "C4", claim: "liquidity flows in order: bonds → broad equities → high beta → crypto",
            test: "each time condition 4 (crypto spillover) switched on (met for ≥ \(hold) sessions), the latest switch-on of conditions 1, 2, 3 within \(p.cycleLookbackSessions) sessions before it: share of cycles in the claimed order; one-sided binomial p against 1/24 (every order equally likely)",
            statistic: "share of cycles in the order 1 → 2 → 3 → 4", value: share, n: complete, p: pValue,
            rule: .statistical(effect: share.map { $0 - 1.0 / 24 }, oneSided: true), command: "riskflow stage",
            details: ["cycles": .list(cycles), "crypto_switch_ons": .number(Double(on[3].count))])
    }

    /// P(X ≥ k) for X ~ Binomial(n, p), summed exactly.
    func binomialUpperTail(k: Int, n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        var total = 0.0
        for i in k...n {
            var logC = 0.0
            for j in 0..<i { logC += Double.log(Double(n - j)) - Double.log(Double(j + 1)) }
            total += Double.exp(logC + Double(i) * Double.log(p) + Double(n - i) * Double.log(1 - p))
        }
        return min(1, total)
    }

    // MARK: C5

    /// Does crypto lead equities (weekly ETH → RUT Granger), and is its beta higher in
    /// risk-on weeks?
    func c5() -> Claim {
        var details: [String: ScorecardValue] = [:]
        var value: Double? = nil, pValue: Double? = nil, n = 0
        var o = LeadLagOptions()
        o.frequency = .weekly
        o.maxLag = p.leadLagMaxLag
        o.adf = false
        let pairs: [(String, String)] = [(c.breakout.symbol, p.ethereum), (c.breakout.symbol, p.bitcoin), (c.stage.broadEquity, p.bitcoin)]
        for (i, pair) in pairs.enumerated() {
            guard let x = data.closes(pair.0), let y = data.closes(pair.1), let r = try? LeadLag.analyze(x: x, y: y, options: o)
            else { continue }
            let lag = max(1, r.varOrder.aic)
            let fwd = r.granger.first { $0.cause == x.id && $0.lag == lag }
            let back = r.granger.first { $0.cause == y.id && $0.lag == lag }
            let key = "\(pair.0.lowercased())_\(pair.1.lowercased())"
            details["\(key)_lag_weeks"] = .number(Double(lag))
            details["\(key)_equity_to_crypto_p"] = .number(fwd?.p)
            details["\(key)_crypto_to_equity_p"] = .number(back?.p)
            if i == 0 {
                value = back?.f
                pValue = back?.p
                n = back?.nobs ?? r.n
            }
        }
        // Betas of weekly crypto returns on equity returns, risk-on (GSPC above its
        // trend mean at the week's end) and risk-off.
        if let x = data.closes(c.breakout.symbol), let y = eth, let spx = data.closes(c.stage.broadEquity) {
            let betas = regimeBetas(equity: x, crypto: y, trend: spx)
            details["eth_beta_risk_on"] = .number(betas.on)
            details["eth_beta_risk_off"] = .number(betas.off)
            details["weeks_risk_on"] = .number(Double(betas.nOn))
            details["weeks_risk_off"] = .number(Double(betas.nOff))
        }
        return row(
            "C5", claim: "crypto amplifies, it does not lead",
            test: "weekly log returns: Granger F test of ETH → RUT at the VAR lag AIC picks (1–\(p.leadLagMaxLag)); a significant lead of crypto contradicts the claim (RUT/BTC and GSPC/BTC and ETH's beta to RUT in risk-on and risk-off weeks in the details)",
            statistic: "Granger F, ETH → RUT", value: value, n: n, p: pValue,
            // The claim is that crypto does NOT lead: a significant lead is the opposite sign.
            rule: .statistical(effect: -1, oneSided: false), command: "riskflow leadlag --x RUT --y ETH --freq weekly",
            details: details,
            note: "a test cannot show that crypto does not lead; it can only fail to find a lead")
    }

    /// OLS slopes of weekly crypto log returns on equity log returns, in weeks when the
    /// trend series closed above its `trendAverage`-session mean (risk-on) and the rest.
    func regimeBetas(equity: Series, crypto: Series, trend: Series) -> (on: Double?, off: Double?, nOn: Int, nOff: Int) {
        let j = equity.weeklyLast().innerJoined(with: crypto.weeklyLast())
        let mean = rollingMean(trend.values, window: c.stage.trendAverage)
        var onX: [Double] = [], onY: [Double] = [], offX: [Double] = [], offY: [Double] = []
        for i in 1..<max(1, j.days.count) {
            let d = j.days[i]
            let rx = Double.log(j.x[i] / j.x[i - 1]), ry = Double.log(j.y[i] / j.y[i - 1])
            guard rx.isFinite, ry.isFinite else { continue }
            let ti = trend.days.upperBound(of: d) - 1
            guard ti >= 0, !mean[ti].isNaN else { continue }
            if trend.values[ti] > mean[ti] {
                onX.append(rx)
                onY.append(ry)
            } else {
                offX.append(rx)
                offY.append(ry)
            }
        }
        func slope(_ x: [Double], _ y: [Double]) -> Double? {
            guard x.count >= 3 else { return nil }
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            var sxy = 0.0, sxx = 0.0
            for i in x.indices {
                sxy += (x[i] - mx) * (y[i] - my)
                sxx += (x[i] - mx) * (x[i] - mx)
            }
            return sxx > 0 ? sxy / sxx : nil
        }
        return (slope(onX, onY), slope(offX, offY), onX.count, offX.count)
    }

    // MARK: C6

    /// Confirmed (qualified) against unconfirmed breakouts: ETH's primary-horizon return.
    func c6(_ comparison: [GroupComparison]) -> Claim {
        let h = p.primaryHorizon
        let e = comparison.first { $0.follower == p.ethereum && $0.h == h }
        var details: [String: ScorecardValue] = [:]
        for g in comparison where g.h == h {
            let f = g.follower.lowercased()
            details["\(f)_confirmed_mean"] = .number(g.meanConfirmed)
            details["\(f)_unconfirmed_mean"] = .number(g.meanUnconfirmed)
            details["\(f)_diff"] = .number(g.diff)
            details["\(f)_perm_p"] = .number(g.permP)
            details["\(f)_n_confirmed"] = .number(Double(g.nConfirmed))
            details["\(f)_n_unconfirmed"] = .number(Double(g.nUnconfirmed))
        }
        let n = min(e?.nConfirmed ?? 0, e?.nUnconfirmed ?? 0)
        return row(
            "C6", claim: "a real breakout is not a thin-volume holiday bounce",
            test: "ETH's \(h)-day return after qualified (volume and breadth confirmed) against unconfirmed breakouts, each on its signal day: difference of means, one-sided permutation p by relabelling (\(p.draws) draws); n is the smaller group",
            statistic: "ETH mean \(h)-day return, confirmed minus unconfirmed", value: e?.diff, n: n, p: e?.permP,
            rule: .statistical(effect: e?.diff, oneSided: true), command: "riskflow events --status qualified", details: details)
    }

    // MARK: C7

    /// The supercycle diagnostics today against history.
    func c7() -> Claim {
        let s = Supercycle.compute(data, config: c.supercycle, runwaySeries: [data.closes(c.breakout.symbol), basket].compactMap { $0 })
        var details: [String: ScorecardValue] = [:]
        for q in s.persistence {
            details["\(q.symbol.lowercased())_run_sessions"] = .number(Double(q.currentRun))
            details["\(q.symbol.lowercased())_run_percentile"] = .number(q.percentile)
        }
        details["rotation_state"] = .text(s.rotation?.state.rawValue ?? "unknown")
        for w in s.runway { details["\(w.symbol.lowercased())_drawdown_percentile"] = .number(w.percentile) }
        let persistence = s.persistence.compactMap(\.percentile)
        let state = s.rotation?.state
        let verdict: Verdict
        let reason: String
        if persistence.count < 2 || state == nil {
            (verdict, reason) = (.inconclusive, "data missing")
        } else if persistence.allSatisfy({ $0 >= 75 }) && (state == .rotation || state == .broadRally) {
            (verdict, reason) = (.supported, "both up-trends in the top quarter of completed runs, and capital \(state == .rotation ? "rotates" : "rallies broadly")")
        } else if persistence.allSatisfy({ $0 < 25 }) || state == .exit {
            (verdict, reason) = (.contradicted, state == .exit ? "risk assets are falling together (exit)" : "both up-trends in the bottom quarter of completed runs")
        } else {
            (verdict, reason) = (.inconclusive, "the diagnostics are mixed")
        }
        return row(
            "C7", claim: "a supercycle means rallies persist, capital rotates instead of exiting, high beta gets runway",
            test: "today's diagnostics against history: supported when both up-trends (GSPC, RUT above their \(c.supercycle.trendAverage)-session means) are in the top quarter of completed runs and the rotation state is rotation or broad rally; contradicted when both are in the bottom quarter or the state is exit; a description of today, not a test",
            statistic: "lower percentile of the current up-trend runs", value: persistence.min(), n: 1, p: nil,
            rule: .factual(verdict, reason), command: "riskflow supercycle", details: details)
    }

    // MARK: C8

    /// The first close of the index above the round number.
    func c8(_ call: CommentaryCall?) -> Claim {
        let claimed = Day(year: p.claimedYear, month: p.claimedMonth, day: 1)!
        let claimedEnd = claimed.endOfMonth
        let index = data.closes(c.breakout.symbol)
        let first = index.flatMap { s in s.values.firstIndex { $0 > p.roundNumber }.map { (s.days[$0], s.values[$0]) } }
        let verdict: Verdict
        let reason: String
        if let (d, _) = first {
            if d >= claimed && d <= claimedEnd {
                (verdict, reason) = (.supported, "first close above \(Int(p.roundNumber)) on \(d.iso)")
            } else if d < claimed {
                (verdict, reason) = (.contradicted, "the index had closed above \(Int(p.roundNumber)) before, on \(d.iso)")
            } else {
                (verdict, reason) = (.contradicted, "the first close above \(Int(p.roundNumber)) came later, on \(d.iso)")
            }
        } else if asOf < claimedEnd {
            (verdict, reason) = (.inconclusive, "no close above \(Int(p.roundNumber)) as of \(asOf.iso); the data does not reach the end of \(claimed.iso.prefix(7)) yet")
        } else {
            (verdict, reason) = (.contradicted, "no close above \(Int(p.roundNumber)) as of \(asOf.iso)")
        }
        var details: [String: ScorecardValue] = ["first_close_above": .day(first?.0), "close": .number(first?.1)]
        if let call {
            details["commentary_call"] = .object([
                "date": .day(call.date),
                "returns": .list(call.returns.map {
                    .object(["follower": .text($0.follower), "h": .number(Double($0.horizon)), "return": .number($0.value),
                             "percentile": .number($0.percentile)])
                }),
                "alt_season": .list(call.altSeason.map {
                    .object(["date": .day($0.date), "index": .number($0.index), "eligible": .number(Double($0.eligible))])
                }),
            ])
        }
        return row(
            "C8", claim: "January 2026: Russell 2000 above 2,600 for the first time",
            test: "the first close of \(c.breakout.symbol) above \(Int(p.roundNumber)) in the data, and whether it falls in \(claimed.iso.prefix(7))",
            statistic: "first close above \(Int(p.roundNumber))", value: first?.1, n: first == nil ? 0 : 1, p: nil,
            rule: .factual(verdict, reason), command: "riskflow breakouts --threshold \(Int(p.roundNumber))", details: details)
    }

    /// The commentary's own call, out of sample: from the first close above the round
    /// number, each follower's returns (entry the next day) and their percentiles.
    func commentaryCall() -> CommentaryCall? {
        guard let index = data.closes(c.breakout.symbol),
            let i = index.values.firstIndex(where: { $0 > p.roundNumber })
        else { return nil }
        let d = index.days[i]
        var returns: [(follower: String, horizon: Int, value: Double?, percentile: Double?)] = []
        var plain = settings
        plain.draws = 0
        for f in [eth, btc, basket].compactMap({ $0 }) {
            let study = EventStudy.run(events: [d], follower: f, settings: plain, stream: 0)
            for (hi, h) in p.horizons.enumerated() {
                let v = study.returns.first?[hi]
                let value = (v?.isNaN ?? true) ? nil : v
                let all = f.forwardReturns(calendarDays: h).filter { !$0.isNaN }
                let percentile = value.flatMap { x in all.isEmpty ? nil : 100 * Double(all.filter { $0 <= x }.count) / Double(all.count) }
                returns.append((f.id, h, value, percentile))
            }
        }
        let path = (alt?.days ?? []).filter { $0.date >= d }
        return CommentaryCall(date: d, close: index.values[i], returns: returns, altSeason: path)
    }
}

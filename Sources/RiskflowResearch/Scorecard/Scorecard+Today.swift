import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// The claims about today and January 2026: C7 (a description), C8 (the January 2026
/// breakout judged by the historical rules, sub-claim by sub-claim), the commentary's call
/// out of sample with its own verdict, and the precedents the commentary names.
extension Scorecard {
    // MARK: C7

    /// Today's supercycle diagnostics: a description, not a test.
    func c7() -> ClaimOutcome {
        let s = Supercycle.compute(data, config: c.supercycle, runwaySeries: [data.closes(c.breakout.symbol), basket].compactMap { $0 })
        var details: [String: ScorecardValue] = [:]
        var percentiles: [Double] = []
        var words: [String] = []
        for symbol in c.supercycle.trendSymbols {
            guard let series = data.closes(symbol) else { continue }
            let r = longRuns(series, minimum: 20)
            details["\(symbol.lowercased())_run_sessions"] = .number(Double(r.current))
            details["\(symbol.lowercased())_long_runs"] = .number(Double(r.completed))
            details["\(symbol.lowercased())_run_percentile_among_long_runs"] = .number(r.percentile)
            if let q = r.percentile {
                percentiles.append(q)
                words.append("\(symbol) \(r.current) sessions above its \(c.supercycle.trendAverage)-session mean, percentile \(Int(q.rounded())) of \(r.completed) completed runs of ≥ 20 sessions")
            }
        }
        details["rotation_state"] = .text(s.rotation?.state.rawValue ?? "unknown")
        for w in s.runway {
            details["\(w.symbol.lowercased())_drawdown"] = .number(w.drawdown)
            details["\(w.symbol.lowercased())_drawdown_percentile"] = .number(w.percentile)
        }
        let runway = s.runway.map { "\($0.symbol) \(NumberText.grouped(100 * $0.drawdown, decimals: 1)) % from its high" }
        return decided(
            "C7", claim: "a supercycle means rallies persist, capital rotates instead of exiting, high beta gets runway",
            test: "a description of today, not a test: the current up-trends (\(c.supercycle.trendSymbols.joined(separator: ", ")) above their \(c.supercycle.trendAverage)-session means) ranked among completed runs of at least 20 sessions (shorter runs are whipsaws), the rotation state and the runway (drawdowns from the highs)",
            statistic: "lower percentile of the current up-trends among completed runs of ≥ 20 sessions", value: percentiles.min(),
            n: 1, verdict: .descriptive,
            reason: (words + ["rotation state \(s.rotation?.state.rawValue ?? "unknown")"] + runway).joined(separator: "; "),
            command: "riskflow supercycle", details: details)
    }

    /// The current run of closes above the `trendAverage`-session mean and its percentile
    /// (share of completed runs of at least `minimum` sessions no longer than it, 0–100).
    func longRuns(_ s: Series, minimum: Int) -> (current: Int, completed: Int, percentile: Double?) {
        let mean = rollingMean(s.values, window: c.supercycle.trendAverage)
        var runs: [Int] = []
        var run = 0
        for i in s.values.indices {
            if !mean[i].isNaN && s.values[i] > mean[i] {
                run += 1
            } else {
                if run >= minimum { runs.append(run) }
                run = 0
            }
        }
        guard !runs.isEmpty else { return (run, 0, nil) }
        return (run, runs.count, 100 * Double(runs.filter { $0 <= run }.count) / Double(runs.count))
    }

    // MARK: C8

    /// The January 2026 breakout, judged by the rules history is judged by.
    func c8() -> ClaimOutcome {
        let claimed = Day(year: p.claimedYear, month: p.claimedMonth, day: 1) ?? asOf
        let month = String(claimed.iso.prefix(7))
        let round = NumberText.grouped(p.roundNumber, decimals: 0)
        let b = c.breakout
        let index = data.closes(b.symbol)
        let first = index.flatMap { s in s.values.firstIndex { $0 > p.roundNumber }.map { (day: s.days[$0], close: s.values[$0], i: $0) } }
        var subs: [ScorecardSubClaim] = []
        var details: [String: ScorecardValue] = [:]
        if let s = index, let f = first {
            let inMonth = f.day >= claimed && f.day <= claimed.endOfMonth
            subs.append(.init(
                claim: "the Russell 2000 closed above \(round) for the first time in \(month)",
                value: .object(["date": .day(f.day), "close": .number(f.close)]), verdict: inMonth ? .isTrue : .isFalse))
            // Year to date at that close, and the highest in the claimed month.
            let start = s.days.lowerBound(of: f.day.startOfYear)
            let previous = start > 0 ? s.values[start - 1] : nil
            let ytd = previous.map { f.close / $0 - 1 }
            let monthRows = s.days.indices.filter { s.days[$0] >= claimed && s.days[$0] <= claimed.endOfMonth }
            let highest = previous.flatMap { prev in monthRows.map { s.values[$0] / prev - 1 }.max() }
            subs.append(.init(
                claim: "up approximately 15 % year to date (true from 10 %)",
                value: .object(["ytd_at_first_close": .number(ytd), "highest_ytd_in_month": .number(highest)]),
                verdict: (ytd ?? -1) >= 0.10 ? .isTrue : .isFalse))
            let cond = BreakoutDetector.conditions(data, on: f.day, config: b, staleness: c.staleness)
            subs.append(.init(
                claim: "on substantial trading volume (\(b.volumeFrom ?? b.symbol)'s \(b.volumeRecent)/\(b.volumeBase)-session volume ratio ≥ \(NumberText.grouped(b.volumeRatio, decimals: 1)))",
                value: .number(cond?.volumeRatio), verdict: (cond?.volumeRatio ?? 0) >= b.volumeRatio ? .isTrue : .isFalse))
            subs.append(.init(
                claim: "with broad-based participation (≥ \(Int(b.breadthShare * 100)) % of the basket above its \(b.breadthAverage)-session mean)",
                value: .object([
                    "breadth": .number(cond?.breadth), "members": .number(cond.map { Double($0.breadthMembers) }),
                    "excluded": .list((cond?.breadthExcluded ?? []).map { .text($0) }),
                ]),
                verdict: (cond?.breadth ?? 0) >= b.breadthShare ? .isTrue : .isFalse))
            subs.append(.init(
                claim: "a qualified breakout by the historical rule (the prior all-time high at least \(b.baseSessions) sessions old)",
                value: .object(["base_sessions": .number(cond?.baseSessions.map(Double.init)), "prior_high_date": .day(cond?.priorHighDate)]),
                verdict: (cond?.baseSessions ?? 0) >= b.baseSessions ? .isTrue : .isFalse))
            details["first_close_above"] = .day(f.day)
            details["close"] = .number(f.close)
        } else {
            subs.append(.init(
                claim: "the Russell 2000 closed above \(round) for the first time in \(month)",
                value: .text("no close above \(round) as of \(asOf.iso)"), verdict: .isFalse))
        }
        let allTrue = subs.count > 1 && subs.allSatisfy { $0.verdict == .isTrue }
        let failed = subs.filter { $0.verdict == .isFalse }.map(\.claim)
        return decided(
            "C8", claim: "January 2026: the Russell 2000 broke out above \(round) for the first time, up about 15 % year to date, on substantial volume and broad participation",
            test: "the January 2026 instance judged by the rules history is judged by: each part of the claim checked against the data (first close above \(round) in \(month); year-to-date return at that close ≥ 10 %; volume ratio ≥ \(NumberText.grouped(b.volumeRatio, decimals: 1)); breadth ≥ \(Int(b.breadthShare * 100)) %; base ≥ \(b.baseSessions) sessions); true only if every part is",
            statistic: "first close above \(round)", value: first?.close, n: first == nil ? 0 : 1,
            verdict: allTrue ? .isTrue : .isFalse,
            reason: allTrue ? "every part of the claim holds in the data" : "false in the data: " + failed.joined(separator: "; "),
            command: "riskflow breakouts --threshold \(NumberText.grouped(p.roundNumber, decimals: 0).replacingOccurrences(of: ",", with: ""))", details: details, subClaims: subs)
    }

    // MARK: The call

    /// The commentary's own call, out of sample: from the first close above the round
    /// number, each follower's returns (entry the next day) and their percentiles.
    func commentaryCall() -> CommentaryCall? {
        guard let index = data.closes(c.breakout.symbol),
            let i = index.values.firstIndex(where: { $0 > p.roundNumber })
        else { return nil }
        let d = index.days[i]
        var returns: [(follower: String, horizon: Int, value: Double?, percentile: Double?)] = []
        for f in [eth, btc, basket].compactMap({ $0 }) {
            for h in p.horizons {
                let value = Self.forwardReturn(f, after: d, h: h)
                let all = f.forwardReturns(calendarDays: h).filter { !$0.isNaN }
                let percentile = value.flatMap { x in all.isEmpty ? nil : 100 * Double(all.filter { $0 <= x }.count) / Double(all.count) }
                returns.append((f.id, h, value, percentile))
            }
        }
        let path = (alt?.days ?? []).filter { $0.date >= d }
        return CommentaryCall(date: d, close: index.values[i], returns: returns, altSeason: path)
    }

    /// The call's verdict: `false` when ETH and the alt basket are both down at every
    /// horizon and the alt season index (days that are not thin, within the last horizon)
    /// stayed below 75; `true` when both are up at the last horizon and the index reached
    /// 75; otherwise `mixed`.
    func callOutcome(_ call: CommentaryCall) -> CallOutcome {
        let last = p.horizons.max() ?? p.primaryHorizon
        let window = call.altSeason.filter { !$0.thin && $0.date <= call.date + last }
        let top = window.max { $0.index < $1.index }
        func returns(_ f: String) -> [Double?] { p.horizons.map { h in call.returns.first { $0.follower == f && $0.horizon == h }?.value ?? nil } }
        let e = returns(p.ethereum), a = returns(AltBasket.symbol)
        let complete = !(e + a).contains { $0 == nil }
        let reached = (top?.index ?? 0) >= p.altSeasonLevel
        let verdict: Verdict
        let reason: String
        if complete, (e + a).allSatisfy({ ($0 ?? 0) < 0 }), !reached {
            (verdict, reason) = (.isFalse, "ETH and the alt basket were down at \(p.horizons.map { "\($0)" }.joined(separator: ", ")) days and the alt season index stayed below \(NumberText.grouped(p.altSeasonLevel, decimals: 0))")
        } else if let e90 = e.last ?? nil, let a90 = a.last ?? nil, e90 > 0, a90 > 0, reached {
            (verdict, reason) = (.isTrue, "ETH and the alt basket were up at \(last) days and the alt season index reached \(NumberText.grouped(p.altSeasonLevel, decimals: 0))")
        } else {
            (verdict, reason) = (.mixed, complete ? "neither all down with no altcoin season, nor up with one" : "the \(last)-day window is not complete in the data")
        }
        return CallOutcome(
            date: call.date, close: call.close,
            returns: call.returns.map { .init(follower: $0.follower, h: $0.horizon, return: $0.value, percentile: $0.percentile) },
            altSeasonMax: top?.index, altSeasonMaxDate: top?.date, verdict: verdict, reason: reason)
    }

    // MARK: Precedents

    /// The commentary's "2017" and "2021" breakouts, read two ways, and the qualified
    /// signals it does not mention — computed from the data.
    func precedents() -> Precedents {
        func outcome(_ b: Breakout) -> Precedents.Break {
            let from = b.signalDate ?? b.breakDate
            var r: [String: Double?] = [:]
            for (name, s) in [(p.ethereum, eth), (AltBasket.symbol, basket)] {
                for h in p.horizons { r["\(name.lowercased())_\(h)d"] = s.flatMap { Self.forwardReturn($0, after: from, h: h) } }
            }
            return .init(breakDate: b.breakDate, signalDate: b.signalDate, status: b.status.rawValue, returns: r)
        }
        let qualifiedBreaks = breakouts.filter { $0.status == .qualified && $0.signalDate != nil }
        var mapped = Set<Day>()
        var years: [Precedents.Year] = []
        for y in p.precedentYears {
            guard let start = Day(year: y, month: 1, day: 1), let end = Day(year: y, month: 12, day: 31) else { continue }
            let season = altDays.first { $0.date >= start && $0.date <= end && $0.index >= p.altSeasonLevel }?.date
            let before = season ?? end
            let charitable = qualifiedBreaks.last { ($0.signalDate ?? $0.breakDate) < before }
            if let ch = charitable { mapped.insert(ch.breakDate) }
            let literal = breakouts.filter { $0.breakDate >= start && $0.breakDate <= end }
            years.append(.init(
                year: y, firstAltSeasonDay: season, charitable: charitable.map(outcome), literal: literal.map(outcome),
                note: literal.contains { $0.status == .qualified }
                    ? "a qualified breakout in \(y) itself" : "no qualified breakout in calendar \(y)"))
        }
        let unmentioned = qualifiedBreaks.filter { !mapped.contains($0.breakDate) }.map(outcome)
        return Precedents(years: years, unmentioned: unmentioned)
    }
}

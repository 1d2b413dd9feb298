import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// The commentary's call out of sample, with its own verdict, and the precedents the
/// commentary names (the claims about today, C7 and C8, are in `Claims/`).
extension Scorecard {
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

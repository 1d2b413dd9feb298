import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C8: the January 2026 breakout judged by the historical rules, sub-claim by sub-claim.
extension Scorecard {

    /// The January 2026 breakout, judged by the rules history is judged by.
    func c8() -> ClaimOutcome {
        let claimed = Day(year: p.claimedYear, month: p.claimedMonth, day: 1) ?? asOf
        let month = String(claimed.iso.prefix(7))
        let round = NumberText.grouped(p.roundNumber, decimals: 0)
        let b = c.breakout
        let index = data.closes(b.symbol)
        let first = index.flatMap { s in s.values.firstIndex { $0 > p.roundNumber }.map { (day: s.days[$0], close: s.values[$0], i: $0) } }
        var subs: [ScorecardSubClaim] = []
        var details = ScorecardDetails.none
        if let s = index, let f = first {
            let inMonth = f.day >= claimed && f.day <= claimed.endOfMonth
            subs.append(.init(
                claim: "the Russell 2000 closed above \(round) for the first time in \(month)",
                value: .firstClose(date: f.day, close: f.close), verdict: inMonth ? .isTrue : .isFalse))
            // Year to date at that close, and the highest in the claimed month.
            let start = s.days.lowerBound(of: f.day.startOfYear)
            let previous = start > 0 ? s.values[start - 1] : nil
            let ytd = previous.map { f.close / $0 - 1 }
            let monthRows = s.days.indices.filter { s.days[$0] >= claimed && s.days[$0] <= claimed.endOfMonth }
            let highest = previous.flatMap { prev in monthRows.map { s.values[$0] / prev - 1 }.max() }
            subs.append(.init(
                claim: "up approximately 15 % year to date (true from 10 %)",
                value: .yearToDate(atFirstClose: ytd, highestInMonth: highest),
                verdict: (ytd ?? -1) >= 0.10 ? .isTrue : .isFalse))
            let cond = BreakoutDetector.conditions(data, on: f.day, config: b, staleness: c.staleness)
            subs.append(.init(
                claim: "on substantial trading volume (\(b.volumeFrom ?? b.symbol)'s \(b.volumeRecent)/\(b.volumeBase)-session volume ratio ≥ \(NumberText.grouped(b.volumeRatio, decimals: 1)))",
                value: .volumeRatio(cond?.volumeRatio), verdict: (cond?.volumeRatio ?? 0) >= b.volumeRatio ? .isTrue : .isFalse))
            subs.append(.init(
                claim: "with broad-based participation (≥ \(Int(b.breadthShare * 100)) % of the basket above its \(b.breadthAverage)-session mean)",
                value: .breadth(share: cond?.breadth, members: cond?.breadthMembers, excluded: cond?.breadthExcluded ?? []),
                verdict: (cond?.breadth ?? 0) >= b.breadthShare ? .isTrue : .isFalse))
            subs.append(.init(
                claim: "a qualified breakout by the historical rule (the prior all-time high at least \(b.baseSessions) sessions old)",
                value: .base(sessions: cond?.baseSessions, priorHigh: cond?.priorHighDate),
                verdict: (cond?.baseSessions ?? 0) >= b.baseSessions ? .isTrue : .isFalse))
            details = .roundNumber(RoundNumberDetails(firstCloseAbove: f.day, close: f.close))
        } else {
            subs.append(.init(
                claim: "the Russell 2000 closed above \(round) for the first time in \(month)",
                value: .missing("no close above \(round) as of \(asOf.iso)"), verdict: .isFalse))
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
}

/// C8: the January 2026 breakout judged by the historical rules, sub-claim by sub-claim.
enum ClaimC8: ScorecardClaim {
    static let id = "C8"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c8() }
}

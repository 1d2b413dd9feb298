import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C4: does liquidity flow down the curve in order (bonds → broad equities → high beta →
/// crypto)?
extension Scorecard {
    /// The cycles of a stage history: each time condition 4 switched on (met for
    /// `switchOnSessions`), the latest switch-on of conditions 1–3 within
    /// `cycleLookbackSessions` before it. Crypto is last by construction, so under no order
    /// each of the 3! = 6 orders of conditions 1–3 is equally likely.
    func cycles(_ history: [StageDay]) -> [(crypto: Day, prior: [Day?], inOrder: Bool?)] {
        let hold = p.switchOnSessions
        var on: [[Int]] = Array(repeating: [], count: 4)
        for k in 0..<4 {
            for t in 1..<max(1, history.count)
            where history[t].conditions[k].state == .met && history[t - 1].conditions[k].state != .met {
                guard t + hold <= history.count else { continue }
                if (t..<(t + hold)).allSatisfy({ history[$0].conditions[k].state == .met }) { on[k].append(t) }
            }
        }
        return on[3].map { t4 in
            let prior = (0..<3).map { k in on[k].last { $0 <= t4 && t4 - $0 <= p.cycleLookbackSessions } }
            let days = prior.map { $0.map { history[$0].date } }
            let ordered: Bool? = prior.allSatisfy { $0 != nil }
                ? prior.compactMap { $0 } == prior.compactMap { $0 }.sorted() : nil
            return (history[t4].date, days, ordered)
        }
    }

    func c4() -> ClaimOutcome {
        let p0 = 1.0 / 6
        typealias Cycle = (crypto: Day, prior: [Day?], inOrder: Bool?)
        // Condition 4 needs ETH and BTC: cycles start after both exist. The history starts
        // 400 calendar days (more than the 252-session lookback) before the later of their
        // first days, which gives the same cycles as the full history at a fraction of the cost.
        let cryptoStart = [eth?.days.first, btc?.days.first].compactMap { $0 }.max()
        func cyclesOf(_ breakouts: [Breakout]) -> [Cycle] {
            cycles(RiskCurveStage.history(
                data, config: c.stage, breakouts: breakouts, altSeason: alt, staleness: c.staleness,
                from: cryptoStart.map { $0 - 400 }))
        }
        let headCycles = cyclesOf(breakouts)
        func run(_ cycles: [Cycle], keep: (Day) -> Bool) -> (share: Double?, p: Double?, n: Int, inOrder: Int, cycles: [Cycle]) {
            let all = cycles.filter { keep($0.crypto) }
            let complete = all.filter { $0.inOrder != nil }
            let k = complete.filter { $0.inOrder == true }.count
            guard !complete.isEmpty else { return (nil, nil, 0, 0, all) }
            return (Double(k) / Double(complete.count), Power.binomialTwoSided(k: k, n: complete.count, p: p0), complete.count, k, all)
        }
        let head = run(headCycles) { _ in true }
        var cells: [(String, Double?, Double?)] = [("base 63 sessions, volume ratio 1.2", head.share.map { $0 - p0 }, head.p)]
        for v in variants {
            let r = run(cyclesOf(v.breakouts)) { _ in true }
            cells.append((v.label, r.share.map { $0 - p0 }, r.p))
        }
        if let first = head.cycles.first?.crypto, let last = head.cycles.last?.crypto {
            for s in Self.samples(first: first, last: last) {
                let r = run(headCycles, keep: s.keep)
                cells.append((s.label, r.share.map { $0 - p0 }, r.p))
            }
        }
        let list = head.cycles.map { cyc in
            CycleDetails.Cycle(
                cryptoOn: cyc.crypto, bondsOn: cyc.prior.first ?? nil, equitiesOn: cyc.prior.dropFirst().first ?? nil,
                highBetaOn: cyc.prior.dropFirst(2).first ?? nil, inOrder: cyc.inOrder, lookbackSessions: p.cycleLookbackSessions)
        }
        let n = head.n, eoi = p.effects.c4
        let ci = head.share.flatMap { _ in wilsonInterval(successes: head.inOrder, trials: n) }
        let test = StatisticalTest(
            estimate: head.share.map { $0 - p0 }, effectOfInterest: eoi,
            power: { alpha in
                guard n > 0 else { return (nil, nil, nil) }
                let power = Power.binomial(n: n, p0: p0, p1: p0 + eoi, alpha: alpha)
                var needed: String? = nil
                if power < Power.target {
                    var m = n
                    while m < 400 && Power.binomial(n: m, p0: p0, p1: p0 + eoi, alpha: alpha) < Power.target { m += 1 }
                    needed = m < 400 ? "about \(m) complete cycles would be needed (there are \(n))" : nil
                }
                return (Power.binomialMDE(n: n, p0: p0, alpha: alpha), power, needed)
            },
            cells: cells)
        return statistical(
            "C4", claim: "liquidity flows in order: bonds → broad equities → high beta → crypto",
            test: "each time condition 4 (crypto spillover) switched on (met for ≥ \(p.switchOnSessions) sessions), the latest switch-on of conditions 1, 2, 3 within \(p.cycleLookbackSessions) sessions before it: share of complete cycles in the order 1 → 2 → 3 minus 1/6 (crypto is last by construction, so under no order each of the 6 orders of 1–3 is equally likely); two-sided exact binomial p (scipy binomtest); power exact",
            statistic: "share of cycles in the claimed order minus 1/6", value: head.share.map { $0 - p0 }, n: n, p: head.p,
            effect: ScorecardEffect(
                estimate: head.share.map { $0 - p0 }, ciLow: ci.map { $0.low - p0 }, ciHigh: ci.map { $0.high - p0 },
                unit: "share (0–1) above 1/6, Wilson 95 % interval"),
            command: "riskflow stage",
            details: .cycles(CycleDetails(cycles: list, cryptoSwitchOns: head.cycles.count, inOrder: head.inOrder, nullShare: p0)),
            decidedBy: test)
    }
}

/// C4: liquidity flows down the curve in order (bonds → broad equities → high beta → crypto).
enum ClaimC4: ScorecardClaim {
    static let id = "C4"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c4() }
}

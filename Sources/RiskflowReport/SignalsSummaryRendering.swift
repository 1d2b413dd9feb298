import RiskflowCore
import RiskflowResearch
import RiskflowSignals

/// The signals section of the terminal summary.
extension SignalsSummary {
    func lines(style: TerminalStyle) -> [String] {
        var out = [style.bold("Signals")]
        if let b = latestBreakout {
            let status = b.status.rawValue + (b.reasons.isEmpty ? "" : " (\(b.reasons.joined(separator: ", ")))")
            out.append(
                "  breakout        last break of the high \(NumberText.grouped(b.level)) on \(b.breakDate.iso): \(status); base \(b.baseSessions) sessions, volume \(b.volumeRatio.map { NumberText.grouped($0) + "×" } ?? "–"), breadth \(b.breadth.map { "\(Int(($0 * 100).rounded()))%" } ?? "–")"
            )
            out.append(style.dim("                  \(breakoutsTotal) breaks since the data starts, \(breakoutsQualified) qualified (riskflow breakouts)"))
        }
        if let today = breakoutToday {
            out.append(style.dim("                  " + SignalsRendering.conditionsLine(today, config: config.breakout)))
        }
        if let l = liquidity {
            out.append(
                "  net liquidity   \(NumberText.grouped(l.netLiquidity, decimals: 0)) bn USD on \(l.date.iso), 13w \(l.change13w.map { ($0 >= 0 ? "+" : "") + NumberText.grouped($0, decimals: 0) } ?? "–"), z \(l.z.map { NumberText.grouped($0) } ?? "–"): \(l.regime.rawValue)"
            )
        }
        if let s = stage {
            let states = s.conditions.enumerated().map { i, c in "\(i + 1) \(c.state.words)" }
            out.append("  risk curve      stage \(s.stage) of 4 on \(s.date.iso) (\(states.joined(separator: "; ")))")
            for (i, c) in s.conditions.enumerated() {
                let evidence = c.evidence.sorted { $0.key < $1.key }.map { key, value in
                    "\(key.replacingOccurrences("_", " ")) \(value.map { NumberText.grouped($0, decimals: abs($0) >= 100 ? 0 : 3) } ?? "–")"
                }
                let missing = c.missing.isEmpty ? "" : " (\(c.missingText))"
                out.append(style.dim("                  \(i + 1) \(c.name.words): \(evidence.joined(separator: ", "))\(missing)"))
            }
        }
        if let a = altSeason {
            out.append("  alt season      index \(NumberText.grouped(a.index, decimals: 0)) on \(a.date.iso): \(a.season.rawValue) season (\(a.eligible) altcoins)")
        } else {
            out.append("  alt season      no value (too few altcoins with prices)")
        }
        if let sc = supercycle {
            let p = sc.persistence.map { "\($0.symbol) \($0.currentRun) sessions above the \(config.supercycle.trendAverage)-day mean" }
            out.append("  supercycle      " + p.joined(separator: ", "))
            if let r = sc.rotation {
                out.append("                  \(r.state.rawValue.replacingOccurrences("_", " ")), leader \(r.leader); " + sc.runway.map { "\($0.symbol) \(NumberText.percent($0.drawdown, decimals: 1)) from its high" }.joined(separator: ", "))
            }
        }
        let b = config.breakout, l = config.liquidity, a = config.altseason
        out.append(
            style.dim(
                "  parameters: base ≥ \(b.baseSessions) sessions, volume ≥ \(NumberText.grouped(b.volumeRatio, decimals: 1))× (\(b.volumeFrom ?? "own")), breadth ≥ \(Int(b.breadthShare * 100))%, sustained \(b.sustainSessions); liquidity z ±\(NumberText.grouped(l.zThreshold, decimals: 1)) over \(l.zWindowWeeks) weeks; alt season top \(a.top), \(a.window) days"
            ))
        return out
    }
}

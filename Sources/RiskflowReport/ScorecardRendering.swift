import RiskflowCore
import RiskflowResearch

extension Verdict {
    /// Statistical verdicts are coloured; `true`/`false` by fact; `insufficient` and
    /// `descriptive` never look like results.
    public var tone: Tone {
        switch self {
        case .supported, .isTrue: .good
        case .contradicted, .isFalse: .bad
        case .mixed: .warning
        case .unsupported, .insufficient, .descriptive: .neutral
        }
    }
}

/// Renders `riskflow scorecard` and the report's scorecard lines.
public enum ScorecardRendering {
    static func p(_ x: Double?) -> String { x.map(LeadLagRendering.pValue) ?? "–" }
    static func value(_ x: Double?) -> String {
        guard let x else { return "–" }
        return abs(x) >= 100 ? NumberText.grouped(x, decimals: 0) : NumberText.grouped(x, decimals: 3)
    }

    /// "+0.123 [−0.2, 0.4]" for an effect with its interval.
    static func effect(_ e: ScorecardEffect?) -> String {
        guard let e, let x = e.estimate else { return "–" }
        let ci = e.ciLow.flatMap { lo in e.ciHigh.map { "[\(value(lo)), \(value($0))]" } }
        return (x >= 0 ? "+" : "") + value(x) + (ci.map { " " + $0 } ?? "")
    }

    /// The bottom line, then one line per claim: id, verdict, the effect with its
    /// interval, n and MDE; then the call's verdict.
    public static func lines(_ r: ScorecardResult, style: TerminalStyle) -> [String] {
        var out = r.bottomLine.map { "  " + $0 }
        for row in r.rows {
            let verdict = style.tone(row.verdict.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0), row.verdict.tone)
            var numbers = row.effect != nil ? "effect \(effect(row.effect))" : "\(row.statistic) = \(value(row.value))"
            numbers += " (n = \(row.n)"
            if let mde = row.power?.mde { numbers += ", MDE \(value(mde))" }
            if let ph = row.pHolm { numbers += ", p_holm = \(p(ph))" }
            numbers += ")"
            out.append("  \(row.id)  \(verdict) \(numbers)")
        }
        if let call = r.call {
            let rets = call.returns.filter { $0.h == r.parameters.primaryHorizon }.map {
                "\($0.follower) \(NumberText.percent($0.return, decimals: 1))"
            }
            out.append(
                "  the call itself (one event, \(call.date.iso)): " + style.tone(call.verdict.rawValue, call.verdict.tone)
                    + "; \(r.parameters.primaryHorizon) days later \(rets.joined(separator: ", "))")
        }
        return out
    }

    public static func table(_ r: ScorecardResult, style: TerminalStyle) -> String {
        var out = [style.bold("Scorecard") + style.dim("  the commentary's claims against the data as of \(r.asOf.iso)")]
        out.append(contentsOf: r.bottomLine)
        out.append(style.dim("verdicts: supported / contradicted (significant after Holm with the claimed / opposite sign, robustness grid agreeing); unsupported (well powered, nothing found); insufficient (power < 0.8 at the smallest effect of interest); mixed (the grid disagrees); true / false (facts); descriptive (no test). Holm family \(r.family.ids.joined(separator: ", ")) (m = \(r.family.m)); power at α = 0.05/\(r.family.k)"))
        for row in r.rows {
            out.append("")
            out.append(style.bold("\(row.id)  \(row.claim)"))
            out.append("    " + style.tone(row.verdict.rawValue, row.verdict.tone) + ": " + row.reason)
            out.append("    \(row.statistic): \(value(row.value)); n = \(row.n); p = \(p(row.p)); p_holm = \(p(row.pHolm))")
            if let e = row.effect { out.append("    effect: \(effect(e)) (\(e.unit))") }
            if let pw = row.power {
                out.append("    power: \(pw.powerAtEffect.map { NumberText.grouped($0, decimals: 2) } ?? "–") at the smallest effect of interest \(value(pw.effectOfInterest)); MDE \(value(pw.mde)) at α = \(p(pw.alpha))")
            }
            if let g = row.robustness, !g.cells.isEmpty {
                let agree = g.agreement.map { "\(Int(($0 * 100).rounded())) % agree" } ?? "outside the family"
                out.append("    robustness: \(agree); " + g.cells.map { "\($0.label) \($0.verdict.rawValue)" }.joined(separator: ", "))
            }
            for s in row.subClaims ?? [] {
                out.append("    – " + style.tone(s.verdict.rawValue, s.verdict.tone) + ": \(s.claim) (\(subValue(s.value)))")
            }
            out.append(style.dim("    test: \(row.test)"))
            out.append(style.dim("    see: \(row.command)"))
        }
        if let call = r.call {
            out.append("")
            out.append(style.bold("The commentary's own call, out of sample") + style.dim("  one event: the first close above \(NumberText.grouped(r.parameters.roundNumber, decimals: 0)) on \(call.date.iso)"))
            var t = TextTable(columns: [.init("follower"), .init("h", .right), .init("return", .right), .init("percentile", .right)])
            for x in call.returns {
                t.rows.append([x.follower, "\(x.h)d", NumberText.percent(x.return, decimals: 1), x.percentile.map { NumberText.grouped($0, decimals: 0) } ?? "–"])
            }
            out.append(t.render(style: style))
            out.append("alt season index after the call: " + (call.altSeasonMax.map { "highest \(NumberText.grouped($0, decimals: 0)) on \(call.altSeasonMaxDate?.iso ?? "–")" } ?? "no value that is not thin"))
            out.append(style.tone(call.verdict.rawValue, call.verdict.tone) + ": " + call.reason)
            if let ledger = call.ledger {
                let grades = ledger.scores.map { s in
                    "\(s.follower) \(s.horizon)d \(NumberText.percent(s.return, decimals: 1)) (frozen pctl. \(s.percentile.map { NumberText.grouped($0, decimals: 0) } ?? "–")) \(s.outcome.rawValue)"
                }
                out.append(style.dim("in the calls ledger (frozen \(ledger.knownAt.iso)): ") + (grades.isEmpty ? "not scored by this day" : grades.joined(separator: "; ")))
            }
        }
        out.append("")
        out.append(style.bold("Precedents") + style.dim("  the breakouts the commentary names, read two ways"))
        for y in r.precedents.years {
            let ch = y.charitable.map { "break \($0.breakDate.iso), signal \($0.signalDate?.iso ?? "–")" } ?? "none"
            let lit = y.literal.map { "\($0.breakDate.iso) \($0.status)" }.joined(separator: ", ")
            out.append("  \(y.year): charitable \(ch); literal: \(lit.isEmpty ? "no break" : lit) (\(y.note))")
        }
        if !r.precedents.unmentioned.isEmpty {
            out.append("  not mentioned: " + r.precedents.unmentioned.map { "\($0.breakDate.iso) (signal \($0.signalDate?.iso ?? "–"))" }.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }

    /// A sub-claim's value in words: a number (whole numbers without decimals), a day, a
    /// text, or an object's fields in name order ("close 2,604.5, date 2026-01-06").
    static func subValue(_ v: RoundNumberEvidence) -> String {
        func number(_ x: Double?) -> String {
            if let x, x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
            return value(x)
        }
        func fields(_ pairs: [(String, String)]) -> String {
            pairs.sorted { $0.0 < $1.0 }.map { "\($0.0.replacingOccurrences(of: "_", with: " ")) \($0.1)" }.joined(separator: ", ")
        }
        switch v {
        case .volumeRatio(let x): return number(x)
        case .missing(let s): return s
        case .firstClose(let date, let close): return fields([("date", date.iso), ("close", number(close))])
        case .yearToDate(let at, let highest): return fields([("ytd_at_first_close", number(at)), ("highest_ytd_in_month", number(highest))])
        case .breadth(let share, let members, let excluded):
            return fields([("breadth", number(share)), ("members", number(members.map(Double.init))), ("excluded", excluded.joined(separator: "; "))])
        case .base(let sessions, let priorHigh):
            return fields([("base_sessions", number(sessions.map(Double.init))), ("prior_high_date", priorHigh?.iso ?? "–")])
        }
    }

    public static func csv(_ r: ScorecardResult) -> String {
        func v(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        return CSVText.render(
            header: ["id", "claim", "test", "statistic", "value", "n", "p", "p_holm", "verdict", "reason", "effect", "ci_low", "ci_high",
                     "mde", "power_at_effect", "agreement", "command", "as_of"],
            rows: r.rows.map {
                [$0.id, $0.claim, $0.test, $0.statistic, v($0.value), String($0.n), v($0.p), v($0.pHolm), $0.verdict.rawValue,
                 $0.reason, v($0.effect?.estimate), v($0.effect?.ciLow), v($0.effect?.ciHigh), v($0.power?.mde),
                 v($0.power?.powerAtEffect), v($0.robustness?.agreement), $0.command, r.asOf.iso]
            })
    }
}

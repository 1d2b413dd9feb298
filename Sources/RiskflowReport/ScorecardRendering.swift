import RiskflowCore
import RiskflowResearch

extension Verdict {
    public var tone: Tone {
        switch self {
        case .supported: .good
        case .contradicted: .bad
        case .inconclusive: .warning
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

    /// One line per claim: id, verdict, the key number and n.
    public static func lines(_ r: ScorecardResult, style: TerminalStyle) -> [String] {
        r.rows.map { row in
            let verdict = style.tone(row.verdict.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0), row.verdict.tone)
            return "  \(row.id)  \(verdict) \(row.statistic) = \(value(row.value)) (n = \(row.n)"
                + (row.pHolm.map { ", p_holm = \(p($0))" } ?? "") + ")"
        }
    }

    public static func table(_ r: ScorecardResult, style: TerminalStyle) -> String {
        var out = [style.bold("Scorecard") + style.dim("  the commentary's claims against the data as of \(r.asOf.iso)")]
        out.append(style.dim("supported: Holm-adjusted p < 0.05 with the claimed sign; contradicted: significant the other way, or a factual claim false in the data; inconclusive otherwise (n < 5, data missing, not significant)"))
        for row in r.rows {
            out.append("")
            out.append(style.bold("\(row.id)  \(row.claim)"))
            out.append("    " + style.tone(row.verdict.rawValue, row.verdict.tone) + ": " + row.reason)
            out.append("    \(row.statistic): \(value(row.value)); n = \(row.n); p = \(p(row.p)); p_holm = \(p(row.pHolm))")
            out.append(style.dim("    test: \(row.test)"))
            out.append(style.dim("    see: \(row.command)"))
        }
        if let call = r.commentaryCall {
            out.append("")
            out.append(style.bold("The commentary's own call, out of sample") + style.dim("  one event: the first close above \(NumberText.grouped(r.parameters.roundNumber, decimals: 0)) on \(call.date.iso)"))
            var t = TextTable(columns: [.init("follower"), .init("h", .right), .init("return", .right), .init("percentile", .right)])
            for x in call.returns {
                t.rows.append([x.follower, "\(x.horizon)d", NumberText.percent(x.value, decimals: 1), x.percentile.map { NumberText.grouped($0, decimals: 0) } ?? "–"])
            }
            out.append(t.render(style: style))
            if let last = call.altSeason.last, let first = call.altSeason.first {
                out.append("alt season index \(NumberText.grouped(first.index, decimals: 0)) on \(first.date.iso) → \(NumberText.grouped(last.index, decimals: 0)) on \(last.date.iso) (max \(NumberText.grouped(call.altSeason.map(\.index).max()!, decimals: 0)))")
            } else {
                out.append("alt season index: no value since the call")
            }
            out.append(style.dim("percentile: where the return falls among every window of the same length in the follower's history; one event is an anecdote, not evidence"))
        }
        return out.joined(separator: "\n")
    }

    public static func csv(_ r: ScorecardResult) -> String {
        func v(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        return CSVText.render(
            header: ["id", "claim", "test", "statistic", "value", "n", "p", "p_holm", "verdict", "reason", "command", "as_of"],
            rows: r.rows.map { [$0.id, $0.claim, $0.test, $0.statistic, v($0.value), String($0.n), v($0.p), v($0.pHolm), $0.verdict.rawValue, $0.reason, $0.command, $0.asOf.iso] })
    }
}

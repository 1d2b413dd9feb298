import RiskflowCore
import RiskflowResearch
import RiskflowSignals

extension ReportResult {
    /// The terminal summary: the Russell 2000 state, the round number, the signals, the
    /// lead-lag headlines, the coverage by kind and the HTML path.
    public func terminal(style: TerminalStyle) -> String {
        var out: [String] = []
        out.append(style.bold("riskflow report") + style.dim("  data as of \(asOf.iso)"))
        if !inputsAsOf.isEmpty { out.append(style.dim("inputs as of: " + InputsAsOf.line(inputsAsOf))) }
        out.append("")
        if let s = scorecard {
            out.append(
                style.bold("Scorecard") + style.dim("  the commentary's claims against the data (riskflow scorecard for the tests)"))
            out.append(contentsOf: ScorecardRendering.lines(s, style: style))
            out.append("")
        }
        if let r = russell2000 {
            out.append(style.bold("Russell 2000 (\(r.id))"))
            let distance =
                r.distanceFromHigh >= 0
                ? style.green("at its all-time closing high") : "\(NumberText.percent(r.distanceFromHigh)) from it"
            out.append("  last close      \(NumberText.grouped(r.lastClose)) on \(r.lastDay.iso)")
            out.append("  all-time high   \(NumberText.grouped(r.allTimeHigh)) on \(r.allTimeHighDay.iso) (\(distance))")
            if let ytd = r.yearToDate, let base = r.yearStartClose, let baseDay = r.yearStartDay {
                let text = NumberText.percent(ytd)
                out.append(
                    "  year to date    \(ytd >= 0 ? style.green(text) : style.red(text)) (from \(NumberText.grouped(base)) on \(baseDay.iso))"
                )
            }
        } else {
            out.append(style.yellow("Russell 2000: no RUT data as of \(asOf.iso)"))
        }
        if let n = roundNumber {
            let text = firstCloseAbove.map { "first close above \(NumberText.grouped(n, decimals: 0)) on \($0.iso)" }
                ?? "no close above \(NumberText.grouped(n, decimals: 0)) yet"
            out.append("  round number    \(text) (the commentary's January 2026 claim)")
        }
        if let sig = signals {
            out.append("")
            out.append(contentsOf: sig.lines(style: style))
        }
        if !leadLag.isEmpty {
            out.append("")
            out.append(
                style.bold("Lead-lag")
                    + style.dim("  weekly log returns, Granger ssr F test, smallest p over lags 1–\(parameters.leadLagMaxLag)"))
            for h in leadLag {
                let p = { (v: Double, lag: Int) in "p = \(LeadLagRendering.pValue(v)) (lag \(lag))" }
                out.append("  \(h.x) → \(h.y): \(p(h.pXToY, h.lagXToY))   \(h.y) → \(h.x): \(p(h.pYToX, h.lagYToX))   n = \(h.n)")
            }
        }
        out.append("")
        out.append(style.bold("Data") + style.dim("  (riskflow data list for every series)"))
        for g in coverageByKind {
            out.append(
                "  \(g.kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(String(g.ids.count).leftPadded(3)) series, \(g.first?.iso ?? "–") … \(g.last?.iso ?? "–")"
            )
        }
        if !staleInputs.isEmpty {
            let items = staleInputs.map { "\($0.id) \($0.last?.iso ?? "–") (\($0.ageDays.map(String.init) ?? "?") d)" }
            out.append(style.bold("  Stale inputs: ") + items.joined(separator: ", ") + " — run `riskflow data sync`")
        }
        if let path = htmlPath {
            out.append("")
            out.append("HTML report: \(path)")
        }
        return out.joined(separator: "\n")
    }

    /// `report --format csv`: the coverage, one row per series.
    public var coverageCSV: String {
        CSVText.render(
            header: ["series", "kind", "first", "last", "rows"],
            rows: coverage.map { [$0.id, $0.kind.rawValue, $0.first?.iso ?? "", $0.last?.iso ?? "", String($0.rows)] })
    }
}

extension String {
    func padding(toLength n: Int, withPad pad: String, startingAt: Int) -> String {
        count >= n ? self : self + String(repeating: pad, count: n - count)
    }

    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

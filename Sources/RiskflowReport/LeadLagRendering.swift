import RiskflowCore
import RiskflowResearch

/// Renders `riskflow leadlag`.
public enum LeadLagRendering {
    public static func table(_ r: LeadLagResult, style: TerminalStyle) -> String {
        var out: [String] = []
        let moves = r.transform == .diff ? "first differences" : "\(r.returns.rawValue) returns"
        let alignment =
            r.align == .returns
            ? "moves on each series' own calendar, then inner-joined by date"
            : "closes inner-joined by date, then moves on the common dates"
        out.append(style.bold("Lead-lag: \(r.x) → \(r.y)") + "  \(r.frequency.rawValue) \(moves)")
        out.append("alignment: \(alignment)\(r.frequency == .weekly ? " (weeks end Friday, last value)" : "")")
        out.append("n = \(r.n) aligned observations, \(r.first.iso) … \(r.last.iso)")
        out.append("")
        out.append(style.bold("Cross-correlation") + "  r(k) = corr(\(r.x)_t, \(r.y)_t+k); k > 0: \(r.x) leads")
        let maxAbs = r.xcorr.compactMap { $0.r.map(abs) }.max() ?? 1
        let half = 20
        for c in r.xcorr {
            guard let v = c.r else {
                out.append(pad(String(c.lag), 4) + "       –")
                continue
            }
            let len = Int((abs(v) / max(maxAbs, 1e-12) * Double(half)).rounded())
            let left = v < 0 ? String(repeating: " ", count: half - len) + String(repeating: "█", count: len) : String(repeating: " ", count: half)
            let right = v > 0 ? String(repeating: "█", count: len) : ""
            let isPeak = r.xcorrPeak?.lag == c.lag
            let bar = left + "│" + right
            out.append(
                pad(String(c.lag), 4) + "  " + pad(fixed(v, 3), 7) + "  " + (isPeak ? style.bold(bar) : style.dim(bar)))
        }
        if let p = r.xcorrPeak {
            let who = p.lag > 0 ? "\(r.x) leads by \(p.lag)" : p.lag < 0 ? "\(r.y) leads by \(-p.lag)" : "contemporaneous"
            out.append("peak |r| at k = \(p.lag) (r = \(fixed(p.r, 3)), \(who))")
        }
        out.append("")
        out.append(style.bold("Granger causality") + "  ssr F test per lag, statsmodels conventions")
        var g = TextTable(columns: [
            .init("direction"), .init("lag", .right), .init("nobs", .right), .init("F", .right), .init("p", .right),
            .init("at 5%"),
        ])
        for row in r.granger {
            let significant = row.p < 0.05
            g.rows.append([
                "\(row.cause) → \(row.effect)", String(row.lag), String(row.nobs), fixed(row.f, 3), pValue(row.p),
                significant ? style.green("yes") : "no",
            ])
        }
        out.append(g.render(style: style))
        out.append(
            style.dim(
                "p-values across lags are not independent tests (the same data, nested models): do not count significant lags as separate evidence."
            ))
        out.append("")
        out.append(
            "VAR lag order (0…\(r.granger.map(\.lag).max() ?? 0), common sample, constant): AIC \(r.varOrder.aic), BIC \(r.varOrder.bic), HQIC \(r.varOrder.hqic), FPE \(r.varOrder.fpe)"
        )
        out.append("")
        var a = TextTable(columns: [
            .init("ADF (constant, AIC lag)"), .init("stat", .right), .init("p", .right), .init("lags", .right),
            .init("nobs", .right),
        ])
        let adfMoves = r.transform == .diff ? "first differences" : "log returns"
        for (symbol, s) in r.adf.sorted(by: { $0.key < $1.key }) {
            a.rows.append([symbol + " " + adfMoves, fixed(s.stat, 3), pValue(s.p), String(s.lags), String(s.nobs)])
        }
        for (symbol, s) in r.adfLevels.sorted(by: { $0.key < $1.key }) {
            a.rows.append([symbol + " levels", fixed(s.stat, 3), pValue(s.p), String(s.lags), String(s.nobs)])
        }
        out.append(a.render(style: style))
        if let rolling = r.rolling, let w = r.window {
            out.append("")
            out.append(style.bold("Rolling windows") + "  \(w) rows every \(r.step ?? 1): r at lag 0, smallest Granger p over lags")
            var t = TextTable(columns: [
                .init("from"), .init("to"), .init("r", .right), .init("min p \(r.x)→\(r.y)", .right),
                .init("min p \(r.y)→\(r.x)", .right),
            ])
            let shown = rolling.count > 24 ? stride(from: 0, to: rolling.count, by: rolling.count / 24 + 1).map { rolling[$0] } + [rolling[rolling.count - 1]] : rolling
            for w in shown {
                t.rows.append([
                    w.start.iso, w.end.iso, w.r.map { fixed($0, 3) } ?? "–",
                    w.pXToY.compactMap { $0 }.min().map(pValue) ?? "–", w.pYToX.compactMap { $0 }.min().map(pValue) ?? "–",
                ])
            }
            out.append(t.render(style: style))
            if shown.count < rolling.count {
                out.append(style.dim("\(shown.count) of \(rolling.count) windows shown; --format json or csv lists all"))
            }
        }
        return out.joined(separator: "\n")
    }

    /// A tidy CSV: `section,cause,effect,lag,n,value,p` for xcorr (value = r), granger
    /// (value = F), var_order (cause = criterion, lag = order), adf and adf_levels
    /// (cause = symbol, value = statistic) and rolling_granger (one row per window, lag
    /// and direction; value = the window's end date).
    public static func csv(_ r: LeadLagResult) -> String {
        var rows: [[String]] = []
        for c in r.xcorr {
            rows.append(["xcorr", r.x, r.y, String(c.lag), String(c.n), c.r.map { "\($0)" } ?? "", ""])
        }
        for g in r.granger {
            rows.append(["granger", g.cause, g.effect, String(g.lag), String(g.nobs), "\(g.f)", "\(g.p)"])
        }
        for (k, v) in [("aic", r.varOrder.aic), ("bic", r.varOrder.bic), ("hqic", r.varOrder.hqic), ("fpe", r.varOrder.fpe)] {
            rows.append(["var_order", k, "", String(v), String(r.n), "", ""])
        }
        for (symbol, s) in r.adf.sorted(by: { $0.key < $1.key }) {
            rows.append(["adf", symbol, "", String(s.lags), String(s.nobs), "\(s.stat)", "\(s.p)"])
        }
        for (symbol, s) in r.adfLevels.sorted(by: { $0.key < $1.key }) {
            rows.append(["adf_levels", symbol, "", String(s.lags), String(s.nobs), "\(s.stat)", "\(s.p)"])
        }
        for w in r.rolling ?? [] {
            for (ps, cause, effect) in [(w.pXToY, r.x, r.y), (w.pYToX, r.y, r.x)] {
                for (i, p) in ps.enumerated() {
                    rows.append([
                        "rolling_granger", cause, effect, String(i + 1), String(w.n), w.end.iso, p.map { "\($0)" } ?? "",
                    ])
                }
            }
        }
        return CSVText.render(header: ["section", "cause", "effect", "lag", "n", "value", "p"], rows: rows)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        let s = NumberText.grouped(x, decimals: decimals)
        return s.replacingCommas()
    }

    /// p-values: 4 decimals, or scientific below 1e-4.
    static func pValue(_ p: Double) -> String {
        if p >= 1e-4 { return fixed(p, 4) }
        if p == 0 { return "0" }  // MacKinnon's surface is 0 beyond its table
        var e = 0
        var m = p
        while m < 1 {
            m *= 10
            e += 1
        }
        return "\(fixed(m, 2))e-\(e)"
    }
}

extension String {
    fileprivate func replacingCommas() -> String { String(filter { $0 != "," }) }
}

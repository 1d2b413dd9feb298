import RiskflowCore
import RiskflowResearch

/// Renders `riskflow events`.
public enum EventsRendering {
    static func pct(_ x: Double?) -> String { NumberText.percent(x, decimals: 1) }
    static func p(_ x: Double?) -> String { x.map(LeadLagRendering.pValue) ?? "–" }

    public static func table(_ r: EventStudyResult, style: TerminalStyle) -> String {
        let params = r.parameters
        var head = "Event study"
        if let symbol = params.symbol, let status = params.status {
            head += "  \(status) breakouts of \(symbol)"
        } else {
            head += "  \(r.eventDays.count) dates"
        }
        var out = [style.bold(head) + style.dim("  as of \(r.asOf.iso); \(params.draws) draws, seed \(params.seed)")]
        out.append("events: " + (r.eventDays.isEmpty ? "none" : r.eventDays.map(\.iso).joined(separator: ", ")))
        out.append(style.dim("entry: the follower's first row after the event day; exits h calendar days later; mean vs every entry day since the first event"))
        for study in r.studies {
            guard let follower = study.horizons.first?.follower else { continue }
            out.append("")
            out.append(style.bold(follower) + "  \(study.events.count) events entered")
            var t = TextTable(columns: [
                .init("h", .right), .init("n", .right), .init("mean", .right), .init("median", .right), .init("hit", .right),
                .init("uncond.", .right), .init("t", .right), .init("t p", .right), .init("perm p", .right),
                .init("band 5–95%"), .init(""),
            ])
            for h in study.horizons {
                t.rows.append([
                    "\(h.h)d", String(h.n), pct(h.mean), pct(h.median), h.hitRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "–",
                    pct(h.uncondMean), h.tStat.map { NumberText.grouped($0) } ?? "–", p(h.tP), p(h.permP),
                    h.bandLo == nil ? "–" : "\(pct(h.bandLo)) … \(pct(h.bandHi))",
                    h.smallSample ? style.yellow("small sample (n = \(h.n))") : "",
                ])
            }
            out.append(t.render(style: style))
        }
        if !r.comparison.isEmpty {
            out.append("")
            out.append(style.bold("Confirmed vs unconfirmed breakouts") + style.dim("  difference of mean returns, one-sided permutation p"))
            var t = TextTable(columns: [
                .init("follower"), .init("h", .right), .init("confirmed", .right), .init("unconfirmed", .right),
                .init("difference", .right), .init("perm p", .right),
            ])
            for c in r.comparison {
                t.rows.append([
                    c.follower, "\(c.h)d", "\(pct(c.meanConfirmed)) (n \(c.nConfirmed))",
                    "\(pct(c.meanUnconfirmed)) (n \(c.nUnconfirmed))", pct(c.diff), p(c.permP),
                ])
            }
            out.append(t.render(style: style))
        }
        out.append(style.dim("--format json lists every event and the mean path with its band"))
        return out.joined(separator: "\n")
    }

    /// Tidy CSV: one row per statistic (`section,follower,h,n,value,p`).
    public static func csv(_ r: EventStudyResult) -> String {
        func v(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        var rows: [[String]] = []
        for e in r.events {
            for (h, x) in e.returns.sorted(by: { (Int($0.key) ?? .max, $0.key) < (Int($1.key) ?? .max, $1.key) }) {
                rows.append(["event_return", e.follower, h, e.date.iso, v(x), ""])
            }
        }
        for h in r.horizons {
            rows.append(["mean", h.follower, String(h.h), String(h.n), v(h.mean), v(h.tP)])
            rows.append(["median", h.follower, String(h.h), String(h.n), v(h.median), ""])
            rows.append(["hit_rate", h.follower, String(h.h), String(h.n), v(h.hitRate), ""])
            rows.append(["uncond_mean", h.follower, String(h.h), String(h.uncondN), v(h.uncondMean), ""])
            rows.append(["perm", h.follower, String(h.h), String(h.n), v(h.mean), v(h.permP)])
            rows.append(["band_lo", h.follower, String(h.h), String(h.n), v(h.bandLo), ""])
            rows.append(["band_hi", h.follower, String(h.h), String(h.n), v(h.bandHi), ""])
        }
        for c in r.comparison {
            rows.append(["confirmed_minus_unconfirmed", c.follower, String(c.h), "\(c.nConfirmed)/\(c.nUnconfirmed)", v(c.diff), v(c.permP)])
        }
        return CSVText.render(header: ["section", "follower", "h", "n", "value", "p"], rows: rows)
    }
}

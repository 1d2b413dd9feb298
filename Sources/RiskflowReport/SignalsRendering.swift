import RiskflowCore
import RiskflowSignals

/// Tables and CSV for the signal commands.
public enum SignalsRendering {
    static func num(_ x: Double?, _ d: Int = 2) -> String { x.map { NumberText.grouped($0, decimals: d) } ?? "–" }
    static func pct(_ x: Double?) -> String { NumberText.percent(x, decimals: 1) }

    // MARK: Breakouts

    public static func breakoutsTable(
        _ events: [Breakout], config c: SignalConfig.BreakoutConfig, today: BreakoutConditions? = nil, style: TerminalStyle
    ) -> String {
        var t = TextTable(columns: [
            .init("break"), .init("signal"), .init("level", .right), .init("close", .right), .init("base", .right),
            .init("volume", .right), .init("breadth", .right), .init("YTD", .right), .init("status"), .init("reasons / flags"),
        ])
        for e in events {
            let status = style.tone(e.status.rawValue, e.status.tone)
            let crossed = e.thresholdCrossed == true ? ["crossed \(num(c.threshold, 0))"] : []
            t.rows.append([
                e.breakDate.iso, e.signalDate?.iso ?? "–", num(e.level), num(e.close), String(e.baseSessions),
                e.volumeRatio.map { num($0) + "×" } ?? "–",
                e.breadth.map { "\(Int(($0 * 100).rounded()))% of \(e.breadthMembers)" } ?? "–", pct(e.ytdReturn), status,
                (e.reasons + e.flags + crossed).joined(separator: ", "),
            ])
        }
        let source = events.compactMap(\.volumeSource).first.map { "volume from \($0)" } ?? "no volume source"
        let head = style.bold("Breakouts of \(c.symbol)")
            + "  base ≥ \(c.baseSessions) sessions; volume \(c.volumeRecent) vs \(c.volumeBase) sessions ≥ \(num(c.volumeRatio, 1))× (\(source)); breadth ≥ \(Int(c.breadthShare * 100))% of \(c.basket.joined(separator: ",")) above their \(c.breadthAverage)-session mean; sustained \(c.sustainSessions) closes"
        var out = head + "\n" + t.render(style: style) + "\n\(events.count) breaks: "
            + [Breakout.Status.qualified, .unconfirmed, .failed, .pending].map { s in "\(events.filter { $0.status == s }.count) \(s.rawValue)" }.joined(separator: ", ")
        if let today { out += "\n" + conditionsLine(today, config: c) }
        return out
    }

    /// The rule's inputs on one day in one line (the as-of day of `riskflow breakouts`).
    public static func conditionsLine(_ d: BreakoutConditions, config c: SignalConfig.BreakoutConfig) -> String {
        let high = d.priorHigh.map { h in
            "\(d.abovePriorHigh ? "above" : "below") the prior high \(num(h)) of \(d.priorHighDate?.iso ?? "–") "
                + "(\(d.baseSessions.map(String.init) ?? "–") sessions ago; a break needs ≥ \(c.baseSessions))"
        } ?? "no prior high"
        let volume = d.volumeRatio.map { "volume \(num($0))× (\(d.volumeSource ?? "–"); rule ≥ \(num(c.volumeRatio, 1))×)" } ?? "no volume"
        let breadth = d.breadth.map { "breadth \(Int(($0 * 100).rounded()))% of \(d.breadthMembers) (rule ≥ \(Int(c.breadthShare * 100))%)" }
            ?? "no breadth (\(d.breadthMembers) members)"
        let left = d.breadthExcluded.isEmpty ? "" : "; " + d.breadthExcluded.joined(separator: "; ")
        return "On \(d.date.iso): close \(num(d.close)) \(high); \(volume); \(breadth)\(left)"
    }

    public static func breakoutsCSV(_ events: [Breakout]) -> String {
        CSVText.render(
            header: ["symbol", "break_date", "signal_date", "level", "close", "base_sessions", "volume_ratio", "breadth",
                     "ytd_return", "status", "reasons", "flags"],
            rows: events.map { e in
                [e.symbol, e.breakDate.iso, e.signalDate?.iso ?? "", "\(e.level)", "\(e.close)", String(e.baseSessions),
                 e.volumeRatio.map { "\($0)" } ?? "", e.breadth.map { "\($0)" } ?? "", e.ytdReturn.map { "\($0)" } ?? "",
                 e.status.rawValue, e.reasons.joined(separator: "; "), e.flags.joined(separator: "; ")]
            })
    }

    // MARK: Liquidity

    public static func liquidityTable(_ r: LiquidityReport, style: TerminalStyle) -> String {
        guard let now = r.current else { return "no net liquidity data" }
        var out = [style.bold("Net liquidity") + "  WALCL − WTREGEN − RRPONTSYD, billions USD, as known on \(now.date.iso)"]
        if !r.staleOnAsOf.isEmpty {
            out.append(style.yellow("  stale on the as-of day: " + r.staleOnAsOf.joined(separator: "; ")))
        }
        if !now.excluded.isEmpty { out.append(style.dim("  " + now.excluded.joined(separator: "; "))) }
        out.append("  Fed assets      \(num(now.walcl, 0))")
        out.append("  − Treasury acct \(num(now.tga, 0))")
        out.append("  − reverse repo  \(num(now.rrp, 0))")
        out.append("  = net           \(style.bold(num(now.netLiquidity, 0)))   4w \(signed(now.change4w))   13w \(signed(now.change13w))")
        let regime: String
        switch now.regime {
        case .expanding: regime = style.green("expanding")
        case .contracting: regime = style.red("contracting")
        default: regime = now.regime.rawValue
        }
        out.append("  regime          \(regime) (13-week change z = \(num(now.z)) against \(r.config.zWindowWeeks) weeks; ±\(num(r.config.zThreshold, 1)))")
        if let hy = now.hySpread {
            let confirm = now.creditConfirms.map { $0 ? "confirms" : "does not confirm" } ?? "–"
            out.append("  HY spread       \(num(hy))% (13w \(now.hyChange13w.map { ($0 >= 0 ? "+" : "") + num($0) } ?? "–") pp): credit \(confirm)")
        }
        out.append("")
        var t = TextTable(columns: [.init("regime change"), .init("from"), .init("to")])
        for ch in r.changes.suffix(12) { t.rows.append([ch.date.iso, ch.from.rawValue, ch.to.rawValue]) }
        out.append(t.render(style: style))
        out.append(style.dim("last 12 of \(r.changes.count) regime changes; --format json or csv for the weekly history"))
        return out.joined(separator: "\n")
    }

    static func signed(_ x: Double?) -> String {
        guard let x else { return "–" }
        return (x >= 0 ? "+" : "") + NumberText.grouped(x, decimals: 0)
    }

    public static func liquidityCSV(_ rows: [LiquidityRow]) -> String {
        CSVText.render(
            header: ["date", "walcl", "tga", "rrp", "net_liquidity", "change_4w", "change_13w", "z", "regime"],
            rows: rows.map { r in
                [r.date.iso, "\(r.walcl)", "\(r.tga)", "\(r.rrp)", "\(r.netLiquidity)", r.change4w.map { "\($0)" } ?? "",
                 r.change13w.map { "\($0)" } ?? "", r.z.map { "\($0)" } ?? "", r.regime.rawValue]
            })
    }

    // MARK: Stage

    public static func stageTable(_ r: StageReport, style: TerminalStyle) -> String {
        guard let today = r.today else { return "no stage: no \(r.config.broadEquity) data" }
        var out = [style.bold("Risk-curve stage \(today.stage) of 4") + "  on \(today.date.iso)"]
        if !r.inputsAsOf.isEmpty { out.append(style.dim("inputs as of: " + InputsAsOf.line(r.inputsAsOf))) }
        for (i, c) in today.conditions.enumerated() {
            let state = style.tone(c.stateText, c.state.tone)
            let evidence = c.evidence.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.map { num($0, 4) } ?? "–")" }
            out.append("  \(i + 1). \(c.name.words)  \(state)")
            out.append(style.dim("     " + evidence.joined(separator: ", ")))
        }
        out.append("")
        var t = TextTable(columns: [.init("from"), .init("to"), .init("stage", .right)])
        for s in r.spells.suffix(15) { t.rows.append([s.from.iso, s.to.iso, String(s.stage)]) }
        out.append(t.render(style: style))
        out.append(style.dim("last 15 of \(r.spells.count) stage spells"))
        return out.joined(separator: "\n")
    }

    // MARK: Alt season

    public static func altSeasonTable(_ r: AltSeasonReport, style: TerminalStyle) -> String {
        guard let now = r.current else { return "no alt season index: not enough coins with prices" }
        var out = [style.bold("Altcoin season index \(num(now.index, 0))") + "  on \(now.date.iso): \(now.season.rawValue) season"
            + " (\(now.eligible) altcoins, top \(r.config.top) by market cap, \(r.config.window)-day returns vs BTC \(pct(now.btcReturn)))"]
        if let last = r.last, last.date != now.date {
            out.append(
                "latest day that is not thin; the last day, \(last.date.iso) (index \(num(last.index, 0)), \(last.eligible) altcoins), is thin and not used")
        }
        if now.carriedCaps > 0 || now.uncapped > 0 {
            out.append("ranking: \(now.carriedCaps) coins by a market cap carried from an earlier day, \(now.uncapped) without a cap (ranked last, by volume)")
        }
        var t = TextTable(columns: [.init("month end"), .init("index", .right), .init("eligible", .right), .init("season"), .init("thin")])
        var lastMonth = -1
        var monthly: [AltSeasonDay] = []
        for d in r.days.reversed() {
            let m = d.date.year * 12 + d.date.month
            if m != lastMonth {
                monthly.append(d)
                lastMonth = m
            }
            if monthly.count >= 12 { break }
        }
        for d in monthly.reversed() {
            t.rows.append([d.date.iso, num(d.index, 0), String(d.eligible), d.season.rawValue, d.thin ? "thin" : ""])
        }
        out.append(t.render(style: style))
        out.append(style.dim("survivorship: the bundled universe lacks most coins that died before 2018 and is thin after 2021"))
        return out.joined(separator: "\n")
    }

    public static func altSeasonCSV(_ days: [AltSeasonDay]) -> String {
        CSVText.render(
            header: ["date", "index", "eligible", "season", "btc_return"],
            rows: days.map { [$0.date.iso, "\($0.index)", String($0.eligible), $0.season.rawValue, "\($0.btcReturn)"] })
    }

    // MARK: Supercycle

    public static func supercycleTable(_ r: SupercycleReport, config c: SignalConfig.SupercycleConfig, style: TerminalStyle) -> String {
        var out = [style.bold("Supercycle diagnostics") + "  as of \(r.asOf.iso)"]
        out.append("Persistence: sessions above the \(c.trendAverage)-session mean, vs completed runs")
        for p in r.persistence {
            out.append("  \(p.symbol): \(p.currentRun) sessions (percentile \(num(p.percentile, 0)) of \(p.completedRuns) runs; median run \(num(p.medianRun, 0)))")
        }
        if let rot = r.rotation {
            out.append("Rotation vs exit (\(c.rotationDays)-day returns of \(rot.assets.joined(separator: ", "))): \(rot.state.rawValue.replacingOccurrences("_", " "))")
            let rets = rot.returns.sorted { $0.key < $1.key }.map { "\($0.key) \(pct($0.value))" }.joined(separator: ", ")
            out.append("  leader \(rot.leader); equal-weighted \(pct(rot.aggregate)); \(rot.leadershipChanges) leadership changes in \(c.rotationSessions) sessions (percentile \(num(rot.percentile, 0)))")
            out.append(style.dim("  " + rets))
        }
        out.append("Runway: drawdown from the all-time high")
        for w in r.runway {
            out.append("  \(w.symbol): \(pct(w.drawdown)) from \(num(w.high)) on \(w.highDate.iso), \(w.daysSinceHigh) days ago (percentile \(num(w.percentile, 0)))")
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    func replacingOccurrences(_ a: Character, _ b: String) -> String {
        String(self.map { $0 == a ? Character(b) : $0 })
    }
}

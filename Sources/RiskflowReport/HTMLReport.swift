import RiskflowCore
import RiskflowResearch
import RiskflowSignals

/// The self-contained HTML report: one file, inline CSS and SVG, no scripts, no external
/// assets; readable in any browser and printable.
public enum HTMLReport {
    static let colors = (rut: "#1e3a8a", ath: "#94a3b8", eth: "#7c3aed", btc: "#f59e0b", alts: "#059669")

    public static func render(_ r: ReportResult) -> String {
        var body: [String] = []
        body.append(header(r))
        body.append(summaryCards(r))
        body.append(scorecardSection(r))
        body.append(russellSection(r))
        body.append(cryptoSection(r))
        body.append(liquiditySection(r))
        body.append(stageSection(r))
        body.append(altSeasonSection(r))
        body.append(leadLagSection(r))
        body.append(supercycleSection(r))
        body.append(backtestSection(r))
        body.append(trackRecordSection(r))
        body.append(dataSection(r))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>riskflow report, as of \(r.asOf.iso)</title>
            <style>\(css)</style></head>
            <body><main>
            \(body.joined(separator: "\n"))
            </main></body></html>
            """
    }

    static let css = """
        body{margin:0;background:#f8fafc;color:#0f172a;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
        main{max-width:1000px;margin:0 auto;padding:28px 24px 60px;background:#fff;box-shadow:0 0 0 1px #e2e8f0}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 6px;padding-top:14px;border-top:1px solid #e2e8f0}
        .sub{color:#475569;margin:0 0 18px}.def{color:#475569;font-size:13px;margin:6px 0 10px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:10px;margin:16px 0}
        .card{border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px}.card b{display:block;font-size:18px}
        .card span{color:#64748b;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
        table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:left;white-space:nowrap}
        td.wrap{white-space:normal;min-width:130px}table.compact{font-size:12px}table.compact th,table.compact td{padding:3px 5px}
        th{background:#f1f5f9;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .ok{color:#047857;font-weight:600}.bad{color:#b91c1c;font-weight:600}.warn{color:#b45309;font-weight:600}
        .chip{display:inline-block;padding:1px 7px;border-radius:9px;font-size:11px;font-weight:600;border:1px solid transparent}
        .v-supported{background:#047857;color:#fff}.v-contradicted{background:#b91c1c;color:#fff}.v-mixed{background:#f59e0b;color:#fff}
        .v-unsupported{background:#e2e8f0;color:#334155}.v-insufficient{background:#fff;color:#64748b;border-color:#cbd5e1}
        .v-true{border-color:#047857;color:#047857}.v-false{border-color:#b91c1c;color:#b91c1c}
        .v-descriptive{border:1px dashed #94a3b8;color:#64748b;font-weight:400}
        .strip span{display:inline-block;width:8px;height:10px;margin-right:1px}.bottom{font-size:15px;background:#f8fafc;border-left:3px solid #0f172a;padding:8px 12px}
        svg.chart{width:100%;height:auto;display:block;margin:6px 0}
        svg .grid{stroke:#e2e8f0;stroke-width:1}svg .frame{fill:none;stroke:#cbd5e1}
        svg text{font:11px system-ui,sans-serif;fill:#475569}svg .ytick{text-anchor:end}svg .xtick{text-anchor:middle}
        svg .legend{fill:#0f172a}svg .note{text-anchor:end;fill:#94a3b8}svg .reflabel{text-anchor:end}
        .src{color:#64748b;font-size:12px}
        @media print{body{background:#fff}main{box-shadow:none}h2{break-after:avoid}svg{break-inside:avoid}}
        """

    static func esc(_ s: String) -> String { SVG.escape(s) }
    /// "A, B and C".
    static func list(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.joined() }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
    static func num(_ x: Double?, _ d: Int = 2) -> String { x.map { NumberText.grouped($0, decimals: d) } ?? "–" }
    static func pct(_ x: Double?) -> String { NumberText.percent(x, decimals: 1) }
    static func lastDay(_ s: Series?) -> String { s?.days.last?.iso ?? "–" }

    static func header(_ r: ReportResult) -> String {
        """
        <h1>riskflow: does a Russell 2000 breakout lead ETH and the altcoins?</h1>
        <p class="sub">Computed as of <b>\(r.asOf.iso)</b> from data published by then (rerun with \
        <code>riskflow report --as-of \(r.asOf.iso)</code> to reproduce it). riskflow \(esc(r.parameters.version)). \
        The thesis: a breakout of the Russell 2000 to all-time highs on real volume and breadth signals returning \
        liquidity, which flows down the risk curve to crypto within one to three months. This report shows the signals \
        and what the data says, including where it says no.</p>
        \(inputsLine(r))
        \(staleBanner(r))
        """
    }

    /// One line with the as-of day of each input group (nothing when there are none).
    static func inputsLine(_ r: ReportResult) -> String {
        guard !r.inputsAsOf.isEmpty else { return "" }
        let items = r.inputsAsOf.map { g in
            "\(esc(g.group)) <b>\(g.asOf?.iso ?? "–")</b>"
        }
        return "<p class=\"sub inputs\">Inputs as of: \(items.joined(separator: " · "))</p>"
    }

    /// A warning when the monitor's inputs are stale (nothing when they are fresh).
    static func staleBanner(_ r: ReportResult) -> String {
        guard !r.staleInputs.isEmpty else { return "" }
        let items = r.staleInputs.map { "\(esc($0.id)) (last \($0.last?.iso ?? "–"), \($0.ageDays.map(String.init) ?? "?") days old)" }
        return """
            <p class="sub" style="border-left:4px solid #c0392b;padding-left:8px"><b>Stale inputs:</b> \
            \(items.joined(separator: ", ")). The signals below use the last values known; run \
            <code>riskflow data sync</code> to fetch what is new.</p>
            """
    }

    static func summaryCards(_ r: ReportResult) -> String {
        var cards: [(String, String, String)] = []
        if let p = r.russell2000 {
            cards.append(("Russell 2000", num(p.lastClose), "on \(p.lastDay.iso), \(pct(p.distanceFromHigh)) from its high"))
            cards.append(("Year to date", pct(p.yearToDate), "from \(num(p.yearStartClose)) on \(p.yearStartDay?.iso ?? "–")"))
        }
        if let level = r.roundNumber {
            cards.append((
                "First close above \(num(level, 0))", r.firstCloseAbove?.iso ?? "not yet",
                r.firstCloseAboveLevel.map { "at \(num($0))" } ?? "as of \(r.asOf.iso)"
            ))
        }
        if let b = r.signals?.latestBreakout {
            cards.append(("Last breakout", b.status.rawValue, "broke \(num(b.level)) on \(b.breakDate.iso)"))
        }
        if let l = r.signals?.liquidity {
            cards.append(("Net liquidity", l.regime.rawValue, "\(num(l.netLiquidity, 0)) bn USD, z \(num(l.z))"))
        }
        if let s = r.signals?.stage { cards.append(("Risk-curve stage", "\(s.stage) of 4", "on \(s.date.iso)")) }
        if let a = r.signals?.altSeason {
            cards.append(("Alt season index", num(a.index, 0), "\(a.season.rawValue) season, \(a.date.iso)"))
        }
        return "<div class=\"cards\">"
            + cards.map { "<div class=\"card\"><span>\(esc($0.0))</span><b>\(esc($0.1))</b>\(esc($0.2))</div>" }.joined()
            + "</div>"
    }

    static func russellSection(_ r: ReportResult) -> String {
        let index = r.charts.index
        var chart = SVGTimeChart(
            title: "Russell 2000 close with its all-time closing high; breakouts by status",
            lines: [
                .init(label: "\(index.id) close", days: index.days, values: index.values, color: colors.rut),
                .init(label: "all-time closing high", days: index.days, values: r.charts.allTimeHigh, color: colors.ath, width: 1.2, dashed: true),
            ])
        chart.logScale = true
        chart.markers = r.charts.breakouts.map {
            .init(day: $0.breakDate, color: $0.status.tone.color, label: "\($0.breakDate.iso): \($0.status.rawValue)")
        }
        chart.legendExtra = [Breakout.Status.qualified, .unconfirmed, .failed].map { ($0.rawValue, $0.tone.color) }
        var rows = ""
        for (b, after) in zip(r.charts.breakouts, r.charts.aftermath).reversed() {
            var cells = [b.breakDate.iso, b.signalDate?.iso ?? "–", num(b.level), String(b.baseSessions),
                         b.volumeRatio.map { num($0) + "×" } ?? "–", b.breadth.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"]
            for follower in after.returns { cells += follower.map(pct) }
            rows += "<tr><td>" + cells[0...1].joined(separator: "</td><td>") + "</td>"
                + cells[2...].map { "<td class=\"n\">\(esc($0))</td>" }.joined()
                + "<td class=\"\(b.status.tone.cssClass)\">\(b.status.rawValue)</td><td class=\"wrap\">\(esc((b.reasons + b.flags).joined(separator: ", ")))</td></tr>"
        }
        let c = r.parameters.signals.breakout
        let followers = r.parameters.aftermathFollowers.map { $0 == AltBasket.symbol ? "alts" : $0 }
        let head = followers.flatMap { f in r.parameters.horizons.map { "<th>\(esc(f)) \($0)d</th>" } }.joined()
        return """
            <h2>1. Russell 2000 breakouts</h2>
            \(chart.svg())
            <p class="def">Definition: a break is a close above the prior all-time closing high set at least \(c.baseSessions) \
            sessions earlier; qualified when the next \(c.sustainSessions) closes stay above it (signal date = break + \(c.sustainSessions) \
            sessions), mean volume of the last \(c.volumeRecent) sessions is ≥ \(num(c.volumeRatio, 1))× that of the \(c.volumeBase) before \
            (volume from \(esc(c.volumeFrom ?? c.symbol)): the index has none) and ≥ \(Int(c.breadthShare * 100))% of \
            \(esc(c.basket.joined(separator: ", "))) close above their \(c.breadthAverage)-session mean. Source: \(esc(index.id)), last \
            \(lastDay(index)).</p>
            <table class="compact"><tr><th>break</th><th>signal</th><th>level</th><th>base</th><th>volume</th><th>breadth</th>
            \(head)<th>status</th><th>reasons</th></tr>
            \(rows)</table>
            <p class="def">Forward returns are plain returns from the signal date (the break date when there is none) over 30, 60 and \
            90 calendar days, entry and exit on the first close on or after each date; "–" where the window runs past the data. \
            They are not an event study: \(r.signals?.breakoutsQualified ?? 0) qualified events are far too few to \
            separate signal from noise.</p>
            """
    }

    static func cryptoSection(_ r: ReportResult) -> String {
        var lines: [SVGTimeChart.Line] = []
        let start = r.charts.ethereum?.days.first ?? r.charts.bitcoin?.days.first
        if let btc = r.charts.bitcoin { lines.append(.init(label: "BTC (USD)", days: btc.days, values: btc.values, color: colors.btc).clipped(from: start)) }
        if let eth = r.charts.ethereum { lines.append(.init(label: "ETH (USD)", days: eth.days, values: eth.values, color: colors.eth)) }
        if let alts = r.charts.altBasket { lines.append(.init(label: "alt basket (index)", days: alts.days, values: alts.values, color: colors.alts).clipped(from: start)) }
        var chart = SVGTimeChart(title: "ETH, BTC and the alt basket with Russell 2000 breakouts", lines: lines)
        chart.logScale = true
        let shown = r.charts.breakouts.filter { b in start.map { b.breakDate >= $0 } ?? true }
        chart.markers = shown.map { .init(day: $0.breakDate, color: $0.status.tone.color, label: "\($0.breakDate.iso): \($0.status.rawValue)") }
        for b in shown where b.status == .qualified {
            let s = b.signalDate ?? b.breakDate
            chart.bands += [
                .init(from: s, to: s + 30, color: "#10b981", opacity: 0.18), .init(from: s + 30, to: s + 60, color: "#10b981", opacity: 0.12),
                .init(from: s + 60, to: s + 90, color: "#10b981", opacity: 0.07),
            ]
        }
        chart.legendExtra = [("30/60/90 days after a qualified signal", "#a7f3d0")]
        return """
            <h2>2. ETH, BTC and the altcoins after breakouts</h2>
            \(chart.svg())
            <p class="def">Daily UTC closes in USD, log scale. The alt basket holds the top altcoins by market cap (BTC, \
            stablecoins and wrapped tokens excluded), rebalanced monthly; it starts at 100. Survivorship: the bundled universe lacks \
            most coins that died before 2018 and is thin after 2021, so the basket overstates what "the altcoins" did. Sources: \
            CoinMarketCap, CoinGecko, Coinbase, Binance and Yahoo data (see Data); last ETH \(lastDay(r.charts.ethereum)), BTC \(lastDay(r.charts.bitcoin)), \
            basket \(lastDay(r.charts.altBasket)).</p>
            """
    }

    static func liquiditySection(_ r: ReportResult) -> String {
        guard let l = r.charts.liquidity, let now = l.current else { return "<h2>3. Net liquidity</h2><p>No data yet.</p>" }
        let rows = l.rows
        let days = rows.map(\.date)
        var chart = SVGTimeChart(
            title: "Net liquidity and its components, billions of USD, with regime bands",
            lines: [
                .init(label: "net liquidity", days: days, values: rows.map(\.netLiquidity), color: "#0f172a", width: 2),
                .init(label: "Fed assets (WALCL)", days: days, values: rows.map(\.walcl), color: "#2563eb", width: 1.2),
                .init(label: "TGA", days: days, values: rows.map(\.tga), color: "#d97706", width: 1.2),
                .init(label: "reverse repo", days: days, values: rows.map(\.rrp), color: "#9333ea", width: 1.2),
            ])
        chart.yFormat = { NumberText.grouped($0, decimals: 0) }
        var i = 0
        while i < rows.count {
            var j = i
            while j + 1 < rows.count && rows[j + 1].regime == rows[i].regime { j += 1 }
            let color: String? = rows[i].regime == .expanding ? "#10b981" : rows[i].regime == .contracting ? "#ef4444" : nil
            if let color { chart.bands.append(.init(from: rows[i].date, to: rows[j].date + 7, color: color, opacity: 0.10)) }
            i = j + 1
        }
        chart.legendExtra = [("expanding", "#a7f3d0"), ("contracting", "#fecaca")]
        return """
            <h2>3. Net liquidity</h2>
            \(chart.svg())
            <p>On \(now.date.iso): <b>\(num(now.netLiquidity, 0))</b> bn USD (Fed assets \(num(now.walcl, 0)) − TGA \(num(now.tga, 0)) − \
            reverse repo \(num(now.rrp, 0))); 4-week change \(num(now.change4w, 0)), 13-week change \(num(now.change13w, 0)), z \
            \(num(now.z)): <b>\(now.regime.rawValue)</b>. High-yield spread \(num(now.hySpread))%, 13-week change \
            \(num(now.hyChange13w)) pp: credit \(now.creditConfirms.map { $0 ? "confirms" : "does not confirm" } ?? "n/a").</p>
            <p class="def">Definition: WALCL − WTREGEN − RRPONTSYD, converted to billions of USD (WALCL and WTREGEN are in millions), \
            each the value published by the day (H.4.1 Wednesday levels count from Thursday); weekly rows on Thursdays. Regime: the \
            13-week change z-scored against the trailing \(l.config.zWindowWeeks) weeks, above +\(num(l.config.zThreshold, 1)) expanding, \
            below −\(num(l.config.zThreshold, 1)) contracting. Source: FRED via the bundled snapshot; last row \(now.date.iso).</p>
            """
    }

    /// 2000-01-01: the first day the stage chart shows.
    static let stageChartStart = Day(rawValue: 10_957)

    static func stageSection(_ r: ReportResult) -> String {
        guard let s = r.charts.stage, let today = s.today else { return "<h2>4. Risk-curve stage</h2><p>No data.</p>" }
        let c = s.config
        let palette = ["#e2e8f0", "#bfdbfe", "#93c5fd", "#60a5fa", "#1d4ed8"]
        // Shown from 2000 (the credit spread starts in 1999); an earlier as-of day has no chart.
        let spells = s.spells.filter { $0.to >= Self.stageChartStart }
        guard let first = spells.first, let last = spells.last else {
            return "<h2>4. Risk-curve stage</h2><p>No data yet: the stage chart starts in 2000 (stage \(today.stage) of 4 on \(today.date.iso)).</p>"
        }
        var chart = SVGTimeChart(
            title: "Risk-curve stage through time (0 = no condition met, 4 = all met)",
            lines: [.init(label: "", days: [first.from, last.to], values: [0, 4], color: "none", width: 0)])
        chart.bands = spells.filter { $0.stage > 0 }.map {
            .init(from: $0.from, to: $0.to + 1, color: palette[$0.stage], opacity: 1, yFrom: 0, yTo: Double($0.stage))
        }
        chart.legendExtra = (1...4).map { ("stage \($0)", palette[$0]) }
        chart.hidesLineLegend = true
        chart.height = 200
        chart.yFormat = { String(Int($0.rounded())) }
        var rows = ""
        for (i, c) in today.conditions.enumerated() {
            let state = "<span class=\"\(c.state.tone.cssClass)\">\(esc(c.stateText))</span>"
            let ev = c.evidence.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences("_", " ")) \($0.value.map { num($0, 4) } ?? "–")" }.joined(separator: "; ")
            rows += "<tr><td>\(i + 1). \(c.name.words)</td><td>\(state)</td><td class=\"wrap\">\(esc(ev))</td></tr>"
        }
        return """
            <h2>4. Risk-curve stage</h2>
            \(chart.svg())
            <p>On \(today.date.iso): <b>stage \(today.stage) of 4</b>.</p>
            <table><tr><th>condition</th><th>state</th><th>evidence</th></tr>\(rows)</table>
            <p class="def">Conditions, evaluated on every S&amp;P 500 session with what was known at the end of the day: 1 bonds stabilise \
            (\(c.rateVolatilityWindow)-day volatility of daily \(esc(c.rates)) changes below its \(c.rateVolatilityMedianWindow)-day median, \(esc(c.creditSpread)) below its value \(c.spreadLookback) \
            observations earlier); 2 broad equities rise (\(esc(c.broadEquity)) above its \(c.trendAverage)-session mean with a positive \(c.momentumSessions)-session return); \
            3 high beta leads (\(esc(c.smallCaps)) beats \(esc(c.broadEquity)) over \(c.relativeSessions) sessions, or a qualified breakout in force); 4 crypto \
            spillover (\(esc(c.ethereum))/\(esc(c.bitcoin)) up over \(c.cryptoLookbackDays) days and the alt season index above \(num(c.altSeasonLevel, 0))). The stage is the highest k with 1…k all met; \
            a condition with a missing input is unknown. Shown since 2000 (the spread series starts in 1999).</p>
            """
    }

    static func altSeasonSection(_ r: ReportResult) -> String {
        guard let a = r.charts.altSeason, let now = a.current else { return "<h2>5. Altcoin season</h2><p>No value: too few altcoins with prices.</p>" }
        var chart = SVGTimeChart(
            title: "Altcoin season index: share of the top altcoins beating BTC over \(a.config.window) days",
            lines: [.init(label: "alt season index", days: a.days.map(\.date), values: a.days.map(\.index), color: colors.alts, width: 1.2)])
        chart.references = [
            .init(value: a.config.altcoinSeason, color: "#059669", label: "altcoin season ≥ \(num(a.config.altcoinSeason, 0))"),
            .init(value: a.config.bitcoinSeason, color: "#b45309", label: "bitcoin season ≤ \(num(a.config.bitcoinSeason, 0))"),
        ]
        chart.yFormat = { String(Int($0.rounded())) }
        chart.bands = r.charts.altSeasonThin.map { .init(from: $0.from, to: $0.to + 1, color: "#94a3b8", opacity: 0.25) }
        if !chart.bands.isEmpty {
            chart.legendExtra = [("thin: fewer than \(a.config.thinBelow) altcoins, or a drop in the count", "#cbd5e1")]
        }
        let thinLast = a.last.flatMap { last in
            last.date == now.date ? nil
                : " The last day, \(last.date.iso) (\(num(last.index, 0)), \(last.eligible) altcoins), is thin and not used."
        }
        return """
            <h2>5. Altcoin season</h2>
            \(chart.svg())
            <p>Latest value that is not thin: \(num(now.index, 0)) on \(now.date.iso) (\(now.eligible) altcoins): \
            <b>\(now.season.rawValue) season</b>.\(thinLast ?? "")</p>
            <p class="def">Definition (Blockchaincenter): on each day the top \(a.config.top) altcoins of the latest market-cap \
            ranking (CoinMarketCap weekly top 20 to 2019, monthly top 200 to 2025, CoinGecko daily top 100 from August 2025; \
            coins with only a price file after them), of those the ones with prices on the day and \(a.config.window) days before; \
            index = 100 × the share whose return beat Bitcoin's (on CoinGecko days all prices, Bitcoin's too, from one snapshot). \
            BTC, stablecoins, asset-backed and wrapped or staked tokens are excluded. Grey: thin days, with fewer than \
            \(a.config.thinBelow) eligible altcoins or fewer than \(num(a.config.thinDropShare * 100, 0)) % of the median count of \
            the \(a.config.thinDropDays) days before (a source missing coins that day); they are not used for the stage, a verdict \
            or an alert. No value with fewer than \(a.config.minimumEligible).</p>
            """
    }

    static func leadLagSection(_ r: ReportResult) -> String {
        guard let l = r.charts.leadLag else { return "<h2>6. Lead-lag</h2><p>Not computed.</p>" }
        let bars = SVGBarChart(
            title: "Cross-correlation of weekly log returns, corr(\(l.x)_t, \(l.y)_t+k); k > 0: \(l.x) leads",
            labels: l.xcorr.map(\.lag), values: l.xcorr.map(\.r), highlight: l.xcorrPeak?.lag, guide: l.xcorrBand)
        var parts = ["<h2>6. Does the Russell 2000 lead ETH? (lead-lag)</h2>", bars.svg()]
        parts.append("<p class=\"def\">Bars: Pearson correlation at each lead/lag over the \(l.n) aligned weekly returns \(l.first.iso) … \(l.last.iso); dashed lines at ±1.96/√n, the 95 % band for no correlation.</p>")
        var rows = ""
        for g in l.granger {
            rows += "<tr><td>\(esc(g.cause)) → \(esc(g.effect))</td><td class=\"n\">\(g.lag)</td><td class=\"n\">\(num(g.f, 3))</td><td class=\"n\">\(LeadLagRendering.pValue(g.p))</td><td class=\"\(g.p < 0.05 ? "ok" : "")\">\(g.p < 0.05 ? "yes" : "no")</td></tr>"
        }
        parts.append("<table><tr><th>direction</th><th>lag (weeks)</th><th>F</th><th>p</th><th>at 5 %</th></tr>\(rows)</table>")
        if let rolling = l.rolling, !rolling.isEmpty {
            let fwd = rolling.map { $0.smallestPXToY ?? .nan }
            let back = rolling.map { $0.smallestPYToX ?? .nan }
            var chart = SVGTimeChart(
                title: "Rolling Granger p-values (smallest over lags), \(l.window ?? 0)-week windows",
                lines: [
                    .init(label: "\(l.x) → \(l.y)", days: rolling.map(\.end), values: fwd.map { max($0, 1e-6) }, color: colors.rut),
                    .init(label: "\(l.y) → \(l.x)", days: rolling.map(\.end), values: back.map { max($0, 1e-6) }, color: colors.eth),
                ])
            chart.logScale = true
            chart.references = [.init(value: 0.05, color: "#b91c1c", label: "p = 0.05")]
            chart.yFormat = { v in
                guard v < 0.01 else { return NumberText.grouped(v, decimals: 2) }
                let e = v.logarithm10
                var m = v
                for _ in 0..<Int(-e) { m *= 10 }
                return "\(Int(m.rounded()))e\(Int(e))"
            }
            parts.append(chart.svg())
            parts.append("<p class=\"def\">The smallest p over lags is not a valid test by itself (several lags are tried); read it as a map of where in time any lead appears.</p>")
        }
        parts.append("""
            <p class="def">Granger tests as statsmodels <code>grangercausalitytests</code> (ssr F test, separate fits per lag on the rows \
            each lag leaves); weekly = last close of each week ending Friday; returns on each series' own calendar, then joined by \
            date. p-values across lags are not independent tests. VAR lag order (AIC/BIC/HQIC/FPE): \(l.varOrder.aic)/\(l.varOrder.bic)/\
            \(l.varOrder.hqic)/\(l.varOrder.fpe).</p>
            """)
        return parts.joined(separator: "\n")
    }

    static func supercycleSection(_ r: ReportResult) -> String {
        guard let s = r.signals?.supercycle else { return "" }
        let c = r.parameters.signals.supercycle
        var rows = ""
        for p in s.persistence {
            rows += "<tr><td>persistence: \(esc(p.symbol)) sessions above its \(c.trendAverage)-session mean</td><td class=\"n\">\(p.currentRun)</td><td class=\"n\">\(num(p.percentile, 0))</td></tr>"
        }
        if let rot = s.rotation {
            rows += "<tr><td>rotation vs exit: \(esc(rot.state.rawValue.replacingOccurrences("_", " "))) (leader \(esc(rot.leader)), equal-weighted \(c.rotationDays)-day return \(pct(rot.aggregate)))</td><td class=\"n\">\(rot.leadershipChanges) changes</td><td class=\"n\">\(num(rot.percentile, 0))</td></tr>"
        }
        for w in s.runway {
            rows += "<tr><td>runway: \(esc(w.symbol)) drawdown from its high of \(w.highDate.iso)</td><td class=\"n\">\(pct(w.drawdown))</td><td class=\"n\">\(num(w.percentile, 0))</td></tr>"
        }
        return """
            <h2>7. Supercycle diagnostics</h2>
            <table><tr><th>diagnostic</th><th>today</th><th>percentile in history</th></tr>\(rows)</table>
            <p class="def">Persistence: the current run of closes above the \(c.trendAverage)-session mean against all completed runs. Rotation vs \
            exit: \(c.rotationDays)-day returns of \(esc(Self.list(c.rotationAssets))); rotation when the equal-weighted return is positive and the leader \
            changed within \(c.rotationSessions) sessions, exit when negative with ≥ \(Int((c.exitShare * 100).rounded())) % of them down. Runway: drawdown from the all-time high; its \
            percentile is the share of days at least as deep.</p>
            """
    }

    static func dataSection(_ r: ReportResult) -> String {
        var rows = ""
        for g in r.coverageByKind {
            let ids = g.ids.count > 12 ? g.ids.prefix(12).joined(separator: ", ") + ", … (\(g.ids.count))" : g.ids.joined(separator: ", ")
            rows += "<tr><td>\(g.kind.rawValue)</td><td>\(esc(ids))</td><td>\(g.first?.iso ?? "–")</td><td>\(g.last?.iso ?? "–")</td></tr>"
        }
        return """
            <h2>Data</h2>
            <table><tr><th>kind</th><th>series</th><th>first</th><th>last</th></tr>\(rows)</table>
            <p class="src">\(r.parameters.sources.map(esc).joined(separator: "<br>"))</p>
            <p class="src">Every value was published on or before \(r.asOf.iso). The full provenance (repositories, commits, \
            transformations, cross-checks) is in the package's <code>Sources/RiskflowData/Snapshot/SOURCES.md</code>; \
            <code>riskflow data list</code> shows each series' source.</p>
            """
    }
}

extension SVGTimeChart.Line {
    /// The line from `day` on.
    func clipped(from day: Day?) -> SVGTimeChart.Line {
        guard let day else { return self }
        let i = days.lowerBound(of: day)
        var l = self
        l.days = Array(days[i...])
        l.values = Array(values[i...])
        return l
    }
}

extension Double {
    var logarithm10: Double {
        var x = self, e = 0.0
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 && x > 0 { x *= 10; e -= 1 }
        return e
    }
}

import RiskflowCore
import RiskflowResearch
import RiskflowSignals

/// The HTML report's backtest section: the thesis trade against buy-and-hold, the sweep
/// heatmap with DSR and PBO, the walk-forward out-of-sample curve.
extension HTMLReport {
    static func backtestSection(_ r: ReportResult) -> String {
        guard let b = r.charts.backtests else { return "" }
        var parts = ["<h2>8. Trading it: backtests</h2>"]
        // The thesis trade.
        var rows = ""
        for t in b.thesis {
            let m = t.result.metrics, h = t.result.benchmark
            let name = t.result.symbol == AltBasket.symbol ? "alt basket" : t.result.symbol
            rows += "<tr><td>\(esc(name)) after breakouts</td><td class=\"n\">\(pct(m.totalReturn))</td><td class=\"n\">\(pct(m.cagr))</td><td class=\"n\">\(num(m.sharpe))</td><td class=\"n\">\(pct(m.maxDrawdown))</td><td class=\"n\">\(pct(m.exposure))</td><td class=\"n\">\(m.trades)</td></tr>"
            rows += "<tr><td>\(esc(name)) buy and hold</td><td class=\"n\">\(pct(h.totalReturn))</td><td class=\"n\">\(pct(h.cagr))</td><td class=\"n\">\(num(h.sharpe))</td><td class=\"n\">\(pct(h.maxDrawdown))</td><td class=\"n\">\(pct(h.exposure))</td><td class=\"n\">–</td></tr>"
        }
        for (k, t) in b.thesis.enumerated() {
            let days = t.result.equity.map(\.date)
            let color = followerColors[k % followerColors.count]
            var chart = SVGTimeChart(
                title: "\(t.result.symbol): buy after each qualified breakout, hold 90 days, against buy and hold (value from 100)",
                lines: [
                    .init(label: "\(t.result.symbol == AltBasket.symbol ? "alt basket" : t.result.symbol) after breakouts", days: days, values: t.result.equity.map(\.value), color: color),
                    .init(label: "buy and hold", days: days, values: t.buyAndHold, color: "#94a3b8", width: 1.2),
                ])
            chart.logScale = true
            chart.height = 240
            parts.append(chart.svg())
            var dd = SVGTimeChart(
                title: "Drawdown from the running high", lines: [
                    .init(label: "strategy drawdown", days: days, values: t.drawdown, color: color, width: 1.2),
                    .init(label: "buy and hold drawdown", days: days, values: t.buyAndHoldDrawdown, color: "#94a3b8", width: 1.2),
                ])
            dd.height = 160
            dd.yFormat = { NumberText.percent($0, decimals: 0) }
            parts.append(dd.svg())
        }
        parts.append("<table><tr><th></th><th>total return</th><th>CAGR</th><th>Sharpe</th><th>max drawdown</th><th>exposure</th><th>trades</th></tr>\(rows)</table>")
        parts.append("""
            <p class="def">The thesis trade: buy the day after each qualified Russell 2000 breakout's signal (at the close, fees \
            10 bp and slippage 5 bp per side), hold 90 calendar days; buy and hold over the same days. Metrics as empyrical and \
            QuantStats (Sharpe and Sortino annualised over 365 days for crypto). A handful of trades cannot separate skill from luck.</p>
            """)
        // The sweep heatmap.
        if let s = b.sweep {
            let lookbacks = Array(Set(s.combos.map(\.lookback))).sorted(), holds = Array(Set(s.combos.map(\.hold))).sorted()
            var grid = Array(repeating: Array(repeating: Double.nan, count: lookbacks.count), count: holds.count)
            let li = Dictionary(uniqueKeysWithValues: lookbacks.enumerated().map { ($1, $0) })
            let hi = Dictionary(uniqueKeysWithValues: holds.enumerated().map { ($1, $0) })
            for c in s.combos { if let h = hi[c.hold], let l = li[c.lookback] { grid[h][l] = c.sharpe } }
            var heat = SVGHeatmap(
                title: "Sharpe of the new-high strategy on \(s.symbol) by lookback × hold", rowLabels: holds, columnLabels: lookbacks,
                values: grid, rowTitle: "hold (rows)", columnTitle: "lookback (rows)")
            if let best = s.best.first, let h = hi[best.hold], let l = li[best.lookback] { heat.highlight = (h, l) }
            parts.append(heat.svg())
            let dsr = s.dsr.map { "deflated Sharpe ratio \(num($0.dsr, 3)) for the best combo (lookback \($0.lookback), hold \($0.hold)) against the best of \($0.trials) tries" } ?? "no deflated Sharpe ratio"
            let pbo = s.pbo.map { "probability of backtest overfitting \(num($0.pbo, 3)) (CSCV, \($0.blocks) blocks, \($0.splits) splits)" } ?? "no PBO"
            parts.append("<p>\(esc(dsr)); \(esc(pbo)). <b>\(esc(s.verdict.prefix(1).uppercased() + s.verdict.dropFirst())).</b></p>")
            parts.append("""
                <p class="def">Each cell trades \(s.symbol) long when the close beats the highest of the previous N closes and holds \
                H rows (next-row fills, default costs), \(s.first.iso) … \(s.last.iso); the best cell by Sharpe is outlined. The \
                deflated Sharpe ratio (Bailey and López de Prado 2014) asks whether the best is better than the best of as many \
                random tries; PBO (Bailey et al. 2015) how often the in-sample best ranks in the bottom half out of sample.</p>
                """)
        }
        // The walk-forward.
        if let w = b.walkForward, !w.equity.isEmpty {
            let days = w.equity.map(\.date)
            var chart = SVGTimeChart(
                title: "Walk-forward on \(w.symbol): the stitched out-of-sample value against buy and hold (from 100)",
                lines: [
                    .init(label: "out of sample", days: days, values: w.equity.map(\.value), color: "#7c3aed"),
                    .init(label: "buy and hold", days: days, values: b.walkForwardBuyAndHold, color: "#94a3b8", width: 1.2),
                ])
            chart.logScale = true
            chart.height = 260
            chart.markers = w.splits.map { .init(day: $0.testStart, color: "#cbd5e1", label: "test window from \($0.testStart.iso): lookback \($0.lookback), hold \($0.hold)") }
            parts.append(chart.svg())
            parts.append("""
                <p class="def">Every \(w.test) days the combo with the best \(w.metric.replacingOccurrences("_", " ")) over the previous \(w.train) days \
                trades the next \(w.test) days (grey lines). Out of sample: \(pct(w.oosMetrics.totalReturn)) (Sharpe \(num(w.oosMetrics.sharpe))), buy and \
                hold \(pct(w.benchmark.totalReturn)) (Sharpe \(num(w.benchmark.sharpe))) over the same days.</p>
                """)
        }
        return parts.joined(separator: "\n")
    }
}

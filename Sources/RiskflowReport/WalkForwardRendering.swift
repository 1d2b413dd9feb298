import RiskflowCore
import RiskflowResearch

/// Renders `riskflow walkforward`.
public enum WalkForwardRendering {
    static func pct(_ x: Double?) -> String { NumberText.percent(x, decimals: 1) }
    static func num(_ x: Double?) -> String { x.map { NumberText.grouped($0) } ?? "–" }

    public static func table(_ r: WalkForwardResult, style: TerminalStyle) -> String {
        var out = [
            style.bold("Walk-forward new-high on \(r.symbol)") + "  train \(r.train) days\(r.anchored ? " (anchored)" : ""), test \(r.test) days, chosen by \(r.metric)",
            style.dim("each test window trades the combo that was best on its training window; positions may run into the next window; fees \(NumberText.grouped(r.feesBP, decimals: 1)) bp, slippage \(NumberText.grouped(r.slippageBP, decimals: 1)) bp"),
        ]
        var t = TextTable(columns: [
            .init("train"), .init("test"), .init("lookback", .right), .init("hold", .right), .init("in-sample", .right),
            .init("out-of-sample", .right),
        ])
        let isSharpe = r.metric == "sharpe"
        func metricText(_ x: Double?) -> String { isSharpe ? num(x) : pct(x) }
        for s in r.splits {
            t.rows.append([
                "\(s.trainStart.iso) … \(s.trainEnd.iso)", "\(s.testStart.iso) … \(s.testEnd.iso)", String(s.lookback), String(s.hold),
                metricText(s.inSample), metricText(s.outOfSample),
            ])
        }
        out.append(t.render(style: style))
        var m = TextTable(columns: [.init("stitched out-of-sample"), .init("strategy", .right), .init("buy & hold", .right)])
        let a = r.oosMetrics, b = r.benchmark
        m.rows = [
            ["total return", pct(a.totalReturn), pct(b.totalReturn)], ["CAGR", pct(a.cagr), pct(b.cagr)],
            ["Sharpe", num(a.sharpe), num(b.sharpe)], ["max drawdown", pct(a.maxDrawdown), pct(b.maxDrawdown)],
            ["trades", String(a.trades), String(b.trades)], ["exposure", pct(a.exposure), pct(b.exposure)],
        ]
        out.append(m.render(style: style))
        if let d = r.dsr { out.append("whole-history grid: DSR \(d.dsr.map { NumberText.grouped($0, decimals: 3) } ?? "–") over \(d.trials) combos" + (r.pbo.map { ", PBO \(NumberText.grouped($0.pbo, decimals: 3))" } ?? "")) }
        out.append(style.bold(r.verdict))
        return out.joined(separator: "\n")
    }

    public static func csv(_ r: WalkForwardResult) -> String {
        func v(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        return CSVText.render(
            header: ["train_start", "train_end", "test_start", "test_end", "lookback", "hold", "in_sample", "out_of_sample"],
            rows: r.splits.map {
                [$0.trainStart.iso, $0.trainEnd.iso, $0.testStart.iso, $0.testEnd.iso, String($0.lookback), String($0.hold), "\($0.inSample)", v($0.outOfSample)]
            })
    }
}

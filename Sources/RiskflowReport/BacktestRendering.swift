import RiskflowCore
import RiskflowResearch

/// Renders `riskflow backtest`.
public enum BacktestRendering {
    static func pct(_ x: Double?) -> String { NumberText.percent(x, decimals: 1) }
    static func num(_ x: Double?) -> String { x.map { NumberText.grouped($0) } ?? "–" }

    public static func table(_ r: BacktestResult, style: TerminalStyle) -> String {
        let params = r.parameters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var out = [
            style.bold("Backtest \(r.strategy) on \(r.symbol)") + "  \(r.first.iso) … \(r.last.iso); \(params)",
            style.dim("signals at the close of day t fill on the instrument's next row; fees \(NumberText.grouped(r.feesBP, decimals: 1)) bp and slippage \(NumberText.grouped(r.slippageBP, decimals: 1)) bp per side; \(NumberText.grouped(r.periodsPerYear, decimals: 0)) periods a year"),
        ]
        var t = TextTable(columns: [.init(""), .init("strategy", .right), .init("buy & hold", .right)])
        let m = r.metrics, b = r.benchmark
        t.rows = [
            ["total return", pct(m.totalReturn), pct(b.totalReturn)], ["CAGR", pct(m.cagr), pct(b.cagr)],
            ["volatility", pct(m.volatility), pct(b.volatility)], ["Sharpe", num(m.sharpe), num(b.sharpe)],
            ["Sortino", num(m.sortino), num(b.sortino)], ["max drawdown", pct(m.maxDrawdown), pct(b.maxDrawdown)],
            ["Calmar", num(m.calmar), num(b.calmar)], ["exposure", pct(m.exposure), pct(b.exposure)],
            ["trades", String(m.trades), String(b.trades)], ["hit rate", pct(m.hitRate), pct(b.hitRate)],
            ["average trade", pct(m.avgTrade), pct(b.avgTrade)],
        ]
        out.append(t.render(style: style))
        if !r.trades.isEmpty {
            out.append("")
            var trades = TextTable(columns: [
                .init("entry"), .init("price", .right), .init("exit"), .init("price", .right), .init("return", .right), .init(""),
            ])
            for x in r.trades {
                trades.rows.append([x.entryDate.iso, num(x.entryPrice), x.exitDate.iso, num(x.exitPrice), pct(x.return), x.status == .open ? "open" : ""])
            }
            out.append(trades.render(style: style))
        }
        if r.metrics.trades < 5 { out.append(style.yellow("\(r.metrics.trades) trades: far too few to tell skill from luck")) }
        return out.joined(separator: "\n")
    }

    /// The trade list (`--format csv`), or the value curve with `--equity`.
    public static func csv(_ r: BacktestResult) -> String {
        if r.includesEquity {
            return CSVText.render(header: ["date", "value"], rows: r.equity.map { [$0.date.iso, "\($0.value)"] })
        }
        return CSVText.render(
            header: ["entry_date", "entry_price", "exit_date", "exit_price", "return", "status"],
            rows: r.trades.map { [$0.entryDate.iso, "\($0.entryPrice)", $0.exitDate.iso, "\($0.exitPrice)", "\($0.return)", $0.status.rawValue] })
    }
}

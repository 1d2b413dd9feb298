import RiskflowCore
import RiskflowResearch

/// Renders `riskflow sweep`.
public enum SweepRendering {
    static func pct(_ x: Double?) -> String { NumberText.percent(x, decimals: 1) }

    public static func table(_ r: SweepResult, style: TerminalStyle) -> String {
        var out = [
            style.bold("Sweep new-high on \(r.symbol)") + "  lookbacks \(r.lookbacks) × holds \(r.holds) rows = \(r.trials) combos; \(r.first.iso) … \(r.last.iso)",
            style.dim("next-row fills, fees \(NumberText.grouped(r.feesBP, decimals: 1)) bp and slippage \(NumberText.grouped(r.slippageBP, decimals: 1)) bp per side; Sharpe annualised over \(NumberText.grouped(r.periodsPerYear, decimals: 0)) periods"),
        ]
        var t = TextTable(columns: [
            .init("lookback", .right), .init("hold", .right), .init("Sharpe", .right), .init("total return", .right),
            .init("max drawdown", .right), .init("trades", .right),
        ])
        for c in r.best {
            t.rows.append([String(c.lookback), String(c.hold), NumberText.grouped(c.sharpe), pct(c.totalReturn), pct(c.maxDrawdown), String(c.trades)])
        }
        out.append(t.render(style: style))
        if let d = r.dsr {
            out.append("deflated Sharpe: best combo \(d.lookback)/\(d.hold), daily SR \(NumberText.grouped(d.sharpe, decimals: 4)) against SR₀ \(NumberText.grouped(d.sr0, decimals: 4)) (the expected best of \(d.trials) tries with daily-SR variance \(String(format6(d.variance)))), skew \(NumberText.grouped(d.skewness)), kurtosis \(NumberText.grouped(d.kurtosis)): DSR \(d.dsr.map { NumberText.grouped($0, decimals: 3) } ?? "–")")
        }
        if let p = r.pbo {
            out.append("probability of backtest overfitting (CSCV, \(p.blocks) blocks, \(p.splits) splits): \(NumberText.grouped(p.pbo, decimals: 3)); degradation slope OOS on IS Sharpe \(p.degradationSlope.map { NumberText.grouped($0, decimals: 3) } ?? "–")")
        }
        out.append(style.bold(r.verdict))
        out.append(style.dim("--format json or csv lists every combo"))
        return out.joined(separator: "\n")
    }

    static func format6(_ x: Double) -> String { x.isFinite ? "\(Double(Int((x * 1e8).rounded())) / 1e8)" : "–" }

    public static func csv(_ r: SweepResult) -> String {
        CSVText.render(
            header: ["lookback", "hold", "total_return", "sharpe", "max_drawdown", "trades"],
            rows: r.combos.map { [String($0.lookback), String($0.hold), "\($0.totalReturn)", "\($0.sharpe)", "\($0.maxDrawdown)", String($0.trades)] })
    }
}

import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// C7: how long today's uptrends have run (a description).
extension Scorecard {

    /// Today's supercycle diagnostics: a description, not a test.
    func c7() -> ClaimOutcome {
        let s = Supercycle.compute(data, config: c.supercycle, runwaySeries: [data.closes(c.breakout.symbol), basket].compactMap { $0 })
        var trends: [SupercycleDetails.Trend] = []
        var percentiles: [Double] = []
        var words: [String] = []
        for symbol in c.supercycle.trendSymbols {
            guard let series = data.closes(symbol) else { continue }
            let r = longRuns(series, minimum: 20)
            trends.append(.init(symbol: symbol, runSessions: r.current, longRuns: r.completed, percentile: r.percentile))
            if let q = r.percentile {
                percentiles.append(q)
                words.append("\(symbol) \(r.current) sessions above its \(c.supercycle.trendAverage)-session mean, percentile \(Int(q.rounded())) of \(r.completed) completed runs of ≥ 20 sessions")
            }
        }
        let details = SupercycleDetails(
            trends: trends, rotationState: s.rotation?.state.rawValue ?? "unknown",
            runway: s.runway.map { .init(symbol: $0.symbol, drawdown: $0.drawdown, percentile: $0.percentile) })
        let runway = s.runway.map { "\($0.symbol) \(NumberText.grouped(100 * $0.drawdown, decimals: 1)) % from its high" }
        return decided(
            "C7", claim: "a supercycle means rallies persist, capital rotates instead of exiting, high beta gets runway",
            test: "a description of today, not a test: the current up-trends (\(c.supercycle.trendSymbols.joined(separator: ", ")) above their \(c.supercycle.trendAverage)-session means) ranked among completed runs of at least 20 sessions (shorter runs are whipsaws), the rotation state and the runway (drawdowns from the highs)",
            statistic: "lower percentile of the current up-trends among completed runs of ≥ 20 sessions", value: percentiles.min(),
            n: 1, verdict: .descriptive,
            reason: (words + ["rotation state \(s.rotation?.state.rawValue ?? "unknown")"] + runway).joined(separator: "; "),
            command: "riskflow supercycle", details: .supercycle(details))
    }

    /// The current run of closes above the `trendAverage`-session mean and its percentile
    /// (share of completed runs of at least `minimum` sessions no longer than it, 0–100).
    func longRuns(_ s: Series, minimum: Int) -> (current: Int, completed: Int, percentile: Double?) {
        let mean = rollingMean(s.values, window: c.supercycle.trendAverage)
        var runs: [Int] = []
        var run = 0
        for i in s.values.indices {
            if !mean[i].isNaN && s.values[i] > mean[i] {
                run += 1
            } else {
                if run >= minimum { runs.append(run) }
                run = 0
            }
        }
        guard !runs.isEmpty else { return (run, 0, nil) }
        return (run, runs.count, 100 * Double(runs.filter { $0 <= run }.count) / Double(runs.count))
    }
}

/// C7: how long today's uptrends have run (a description).
enum ClaimC7: ScorecardClaim {
    static let id = "C7"
    static func evaluate(_ scorecard: Scorecard) -> ClaimOutcome { scorecard.c7() }
}

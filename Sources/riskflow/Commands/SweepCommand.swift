import ArgumentParser
import Foundation
import RiskflowData
import RiskflowRuntime
import RiskflowDistributed
import RiskflowCore
import RiskflowReport
import RiskflowResearch

struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep the new-high strategy over lookbacks × holds, with the deflated Sharpe ratio and PBO.",
        discussion: """
            Every combo trades with next-row fills and costs (as `riskflow backtest --strategy \
            new-high`). Ranges are inclusive start:end:step. The best combo by Sharpe is judged \
            against the best of as many random tries (deflated Sharpe ratio, Bailey and López de \
            Prado 2014) and the grid's probability of backtest overfitting is estimated by CSCV \
            (Bailey et al. 2015; --no-pbo skips it).

            Examples:
              riskflow sweep --symbol BTC
              riskflow sweep --symbol ETH --lookbacks 10:200:10 --holds 5:60:5 --top 5
              riskflow sweep --symbol BTC --lookbacks 2:2001:1 --holds 1:500:1 --no-pbo    # 1,000,000 combos
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var grid: GridOptions

    @Option(name: .long, help: "How many of the best combos to show.")
    var top = 10

    @Flag(name: .customLong("no-pbo"), help: "Skip the probability of backtest overfitting.")
    var noPBO = false

    @Option(name: .customLong("pbo-blocks"), help: "CSCV blocks (even, 2–24).")
    var pboBlocks = 16

    @Option(name: BacktestStrategy.Declared.periods.long, help: BacktestStrategy.Declared.periods.argumentHelp)
    var periods: Double?

    @OptionGroup var distribution: DistributedOptions<DistributedSweepWork>

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        try BacktestStrategy.Declared.periods.check(periods)
        try distribution.validate(store: global.location)
        guard pboBlocks >= 2 && pboBlocks <= 24 && pboBlocks % 2 == 0 else { throw ValidationError("--pbo-blocks must be even, 2 to 24") }
    }

    func run() async throws {
        let job = SweepJob(
            symbol: grid.symbol, lookbacks: try grid.lookbackRange, holds: try grid.holdRange, costs: grid.costs, top: top,
            pboBlocks: noPBO ? nil : pboBlocks, window: dates.window, periodsPerYear: periods, config: try configOptions.load())
        let runner = try await JobRunner(global: global, asOf: dates.asOf)
        let data = try await runner.store.inputs(of: job, asOf: runner.asOf)
        let result = try await distribution.executor(store: global.location).run(job, data: data, progress: Progress.reporter(tty: isatty(STDERR_FILENO) != 0))
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

/// The grid of `sweep` and `walkforward`: the instrument, the ranges and the costs.
struct GridOptions: ParsableArguments {
    @Option(name: .long, help: "The traded instrument (ALTS = the alt basket).")
    var symbol = "BTC"

    @Option(name: .long, help: "Lookbacks in rows, start:end:step (inclusive).")
    var lookbacks = "20:520:5"

    @Option(name: .long, help: "Holds in rows, start:end:step (inclusive).")
    var holds = "5:130:5"

    @OptionGroup var costOptions: CostOptions

    var lookbackRange: SweepRange { get throws { try SweepRange(parsing: lookbacks, name: "--lookbacks") } }
    var holdRange: SweepRange { get throws { try SweepRange(parsing: holds, name: "--holds") } }
    var costs: Costs { costOptions.costs }

    func validate() throws {
        _ = try lookbackRange
        _ = try holdRange
    }
}

/// A progress bar on standard error (TTY only).
enum Progress {
    static func bar(_ done: Int, _ total: Int, unit: String = "combos") {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) \(unit)"
        FileHandle.standardError.write(Data((line + (done >= total ? "\n" : "")).utf8))
    }

    /// A job's progress on standard error: a bar on a terminal; elsewhere one line per
    /// chunk of a queued job (`riskflow: k/N chunks`) and nothing for a local one.
    static func reporter(tty: Bool) -> @Sendable (ExecutionProgress) -> Void {
        { p in
            if tty {
                bar(p.done, p.total, unit: p.unit)
            } else if p.unit == "chunks" {
                FileHandle.standardError.write(Data("riskflow: \(p.done)/\(p.total) chunks\n".utf8))
            }
        }
    }
}

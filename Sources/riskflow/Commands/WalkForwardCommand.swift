import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch

struct WalkForwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkforward",
        abstract: "Walk-forward the new-high sweep: choose on each training window, trade the next test window.",
        discussion: """
            Test windows of --test calendar days follow each other from the first day a full \
            --train-day training window exists; each is traded with the combo that was best (by \
            --metric) on the --train days before it (from the start with --anchored). The \
            out-of-sample value curve is stitched and compared with buy-and-hold; DSR and PBO of \
            the grid over the whole history are printed beside.

            Examples:
              riskflow walkforward --symbol BTC
              riskflow walkforward --symbol ETH --lookbacks 10:200:10 --holds 5:60:5 --train 365 --test 91 --anchored
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var grid: GridOptions
    @Option(name: .long, help: "Training window in calendar days.")
    var train = 730
    @Option(name: .long, help: "Test window in calendar days.")
    var test = 182
    @Flag(name: .long, help: "Train from the first day (an expanding window).")
    var anchored = false
    @Option(name: .long, help: "sharpe or total_return.")
    var metric: WalkForwardJob.Metric = .sharpe
    @Flag(name: .customLong("no-pbo"), help: "Skip the probability of backtest overfitting.")
    var noPBO = false
    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    func validate() throws {
        guard train >= 2, test >= 1 else { throw ValidationError("--train must be at least 2 days and --test at least 1") }
    }

    func run() async throws {
        let job = WalkForwardJob(
            symbol: grid.symbol, lookbacks: try grid.lookbackRange, holds: try grid.holdRange,
            train: train, test: test, anchored: anchored, metric: metric, costs: grid.costs,
            pboBlocks: noPBO ? nil : 16, config: try configOptions.load())
        let result = try await JobRunner(global: global, asOf: asOf).run(job)
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

extension WalkForwardJob.Metric: ExpressibleByArgument {}

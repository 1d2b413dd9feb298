import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch

struct Backtest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Backtest a strategy on one instrument: next-row fills, costs, metrics against buy-and-hold.",
        discussion: """
            Signals known at the close of day t fill at the close (or --fill open) of the traded \
            instrument's first row strictly after t; there is no same-bar fill. Costs per side \
            default to 10 bp fees and 5 bp slippage. Strategies: breakout-hold (buy after each \
            qualified breakout of --signal, hold --hold calendar days), stage (long while the stage \
            ≥ --min-stage), liquidity (long while net liquidity is expanding), new-high (enter on a \
            close above the previous --lookback closes, hold --hold rows), dates (--entries/--exits).

            Examples:
              riskflow backtest --strategy breakout-hold --symbol ETH
              riskflow backtest --strategy new-high --symbol BTC --lookback 50 --hold 20
              riskflow backtest --strategy stage --min-stage 3 --symbol SPY --from 2005-01-01
              riskflow backtest --strategy dates --symbol ETH --entries 2020-11-20 --exits 2021-02-18 --format json
            """
    )

    enum StrategyName: String, ExpressibleByArgument, CaseIterable {
        case breakoutHold = "breakout-hold", stage, liquidity, newHigh = "new-high", dates
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "breakout-hold, stage, liquidity, new-high or dates.")
    var strategy: StrategyName

    @Option(name: .long, help: "The traded instrument (ETH, BTC, ALTS = the alt basket, or any stored series).")
    var symbol = "ETH"

    @Option(name: .long, help: "breakout-hold: the index whose qualified breakouts are the signals.")
    var signal = "RUT"

    @Option(name: P.hold.long, help: P.hold.argumentHelp)
    var hold: Int?

    @Option(name: P.minStage.long, help: P.minStage.argumentHelp)
    var minStage = P.minStage.defaultValue

    @Option(name: P.lookback.long, help: P.lookback.argumentHelp)
    var lookback = P.lookback.defaultValue

    @Option(name: .long, help: "dates: entry signal days, comma-separated.")
    var entries: String?

    @Option(name: .long, help: "dates: exit signal days, comma-separated.")
    var exits: String?

    @OptionGroup var costOptions: CostOptions

    @Option(name: .long, help: "Fill at the close (default) or the open of the fill row.")
    var fill: FillPrice = .close

    @Option(name: P.periods.long, help: P.periods.argumentHelp)
    var periods: Double?

    private typealias P = BacktestStrategy.Declared

    @Flag(name: .long, help: "Print the daily value curve (CSV or JSON).")
    var equity = false

    static func days(_ text: String?, _ flag: String) throws -> [Day] {
        guard let text, !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { part in
            let t = part.trimmingCharacters(in: .whitespaces)
            guard let d = Day(t) else { throw ValidationError("\(flag): '\(t)' is not a date (YYYY-MM-DD)") }
            return d
        }
    }

    func validate() throws {
        try P.hold.check(hold)
        try P.periods.check(periods)
        try P.lookback.check(lookback)
        try P.minStage.check(minStage)
        if strategy == .dates && (entries ?? "").isEmpty { throw ValidationError("--strategy dates needs --entries") }
        _ = try Self.days(entries, "--entries")
        _ = try Self.days(exits, "--exits")
    }

    func run() async throws {
        let s: BacktestStrategy
        switch strategy {
        case .breakoutHold: s = .breakoutHold(signal: signal.uppercased(), holdDays: hold ?? 90)
        case .stage: s = .stage(minStage: minStage)
        case .liquidity: s = .liquidity
        case .newHigh: s = .newHigh(lookback: lookback, holdRows: hold ?? BacktestStrategy.defaultHoldRows)
        case .dates: s = .dates(entries: try Self.days(entries, "--entries"), exits: try Self.days(exits, "--exits"))
        }
        let job = BacktestJob(
            symbol: symbol, strategy: s, config: try configOptions.load(), costs: costOptions.costs,
            fill: fill, window: dates.window, periodsPerYear: periods)
        var result = try await JobRunner(global: global, asOf: dates.asOf).run(job)
        if equity { result.equityOutput = result.equity }
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

extension FillPrice: ExpressibleByArgument {}

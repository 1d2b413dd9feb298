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

    @Option(name: .long, help: "breakout-hold: calendar days held (default 90); new-high: rows held (default 20).")
    var hold: Int?

    @Option(name: .customLong("min-stage"), help: "stage: the lowest stage that is long (1–4).")
    var minStage = BacktestStrategy.defaultMinStage

    @Option(name: .long, help: "new-high: rows of the previous high.")
    var lookback = BacktestStrategy.defaultLookback

    @Option(name: .long, help: "dates: entry signal days, comma-separated.")
    var entries: String?

    @Option(name: .long, help: "dates: exit signal days, comma-separated.")
    var exits: String?

    @Option(name: .customLong("fees-bp"), help: "Fees per side in basis points.")
    var feesBP = Costs().feesBP

    @Option(name: .customLong("slippage-bp"), help: "Slippage per side in basis points.")
    var slippageBP = Costs().slippageBP

    @Option(name: .long, help: "Fill at the close (default) or the open of the fill row.")
    var fill: FillPrice = .close

    @Option(name: .long, help: "Periods a year for annualising (default: from the instrument's calendar).")
    var periods: Double?

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
        guard feesBP >= 0, slippageBP >= 0, feesBP < 10_000, slippageBP < 10_000 else {
            throw ValidationError("--fees-bp and --slippage-bp must be between 0 and 10,000")
        }
        if let hold, hold < 1 { throw ValidationError("--hold must be at least 1") }
        if let periods, !(periods.isFinite && periods > 0 && periods <= 1e9) { throw ValidationError("--periods must be a finite number above 0 and at most 1e9") }
        guard lookback >= 1 else { throw ValidationError("--lookback must be at least 1") }
        guard (1...4).contains(minStage) else { throw ValidationError("--min-stage must be 1, 2, 3 or 4") }
        if let periods, periods <= 0 { throw ValidationError("--periods must be positive") }
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
            symbol: symbol, strategy: s, config: try configOptions.load(), costs: Costs(feesBP: feesBP, slippageBP: slippageBP),
            fill: fill, window: dates.window, periodsPerYear: periods)
        var result = try await JobRunner(global: global, asOf: dates.asOf).run(job)
        if equity { result.equityOutput = result.equity }
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

extension FillPrice: ExpressibleByArgument {}

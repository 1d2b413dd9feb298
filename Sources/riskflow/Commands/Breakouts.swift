import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

struct Breakouts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every break of the all-time closing high from a base, with its qualification.",
        discussion: """
            A break on session t: close above the prior all-time closing high H, set at least 63 \
            sessions earlier. Qualified when closes t+1…t+5 stay above H (the signal date is t+5), \
            mean volume of t−4…t is ≥ 1.2× that of t−54…t−5 (from --volume-from when the index has \
            none) and ≥ 60% of the basket closes above its 50-session mean. A break Dec 15…Jan 5 on \
            a volume ratio below 1 is flagged holiday-thin.

            Examples:
              riskflow breakouts
              riskflow breakouts --threshold 2600 --from 2020-01-01
              riskflow breakouts --symbol SPY --basket XLF,XLK,XLE,XLI --format json
              riskflow breakouts --as-of 2021-03-31
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "The price series (default RUT).")
    var symbol: String?

    @Option(name: .customLong("volume-from"), help: "Volume source when the symbol has none (default IWM).")
    var volumeFrom: String?

    @Option(name: .long, help: "Participation basket, comma-separated.")
    var basket: String?

    @Option(name: .long, help: "A round-number level; reports whether a break first crossed it.")
    var threshold: Double?

    func validate() throws {
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number") }
    }

    func run() async throws {
        var config = try configOptions.load()
        if let symbol { config.breakout.symbol = symbol.uppercased() }
        if let volumeFrom { config.breakout.volumeFrom = volumeFrom.uppercased() }
        if let basket {
            config.breakout.basket = basket.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        }
        if let threshold { config.breakout.threshold = threshold }
        let result = try await JobRunner(global: global, asOf: dates.asOf).run(BreakoutsJob(config: config, window: dates.window))
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

struct Stage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The risk-curve stage (0–4) with the evidence for each condition, and its history.",
        discussion: """
            1 bonds stabilise (DGS10 20-day volatility below its 252-day median, HY spread below \
            its value 63 observations ago); 2 broad equities rise (GSPC above its 200-session mean, \
            63-session return > 0); 3 high beta leads (RUT/GSPC 63-session relative return > 0, or \
            a qualified breakout in force); 4 crypto spillover (ETH/BTC up over 30 days and the alt \
            season index above 50). The stage is the highest k with 1…k all met; a condition with a \
            missing input is unknown and says which.

            Examples:
              riskflow stage
              riskflow stage --as-of 2021-01-15
              riskflow stage --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    func run() async throws {
        let job = StageJob(config: try configOptions.load(), window: dates.window)
        let report = try await JobRunner(global: global, asOf: dates.asOf).run(job)
        emit(try report.rendered(as: global.format, style: global.style))
    }
}

import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

struct Liquidity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Net liquidity (Fed assets − TGA − reverse repo), its changes and regime.",
        discussion: """
            WALCL and WTREGEN are converted from millions to billions of USD; each value is the \
            one published by the day (H.4.1 Wednesday levels count from Thursday). Regime: the \
            13-week change z-scored against the trailing 156 weeks, above +0.5 expanding, below \
            −0.5 contracting. The high-yield spread's 13-week change is shown as confirming or not.

            Examples:
              riskflow liquidity
              riskflow liquidity --as-of 2020-04-02
              riskflow liquidity --from 2019-01-01 --format csv
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    func run() async throws {
        let job = LiquidityJob(config: try configOptions.load(), window: dates.window)
        let result = try await JobRunner(global: global, asOf: dates.asOf).run(job)
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

struct SupercycleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supercycle",
        abstract: "Persistence, rotation vs exit, and runway, with historical percentiles.",
        discussion: """
            Persistence: sessions GSPC and RUT have closed above their 200-session mean, vs the \
            completed runs in history. Rotation vs exit: 91-day returns of GSPC, RUT, IXIC, BTC, \
            ETH; rotation when the equal-weighted return is positive and the leader changed within \
            63 sessions, exit when it is negative with ≥ 80% of them down. Runway: drawdown of RUT \
            and the alt basket from their all-time highs.

            Examples:
              riskflow supercycle
              riskflow supercycle --as-of 2021-11-08 --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    func run() async throws {
        let job = SupercycleJob(config: try configOptions.load())
        let report = try await JobRunner(global: global, asOf: dates.asOf).run(job)
        emit(try SupercycleOutput(report, config: job.config.supercycle).rendered(as: global.format, style: global.style))
    }
}

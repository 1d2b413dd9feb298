import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch
import RiskflowSignals

struct AltSeason: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "altseason",
        abstract: "The altcoin season index (share of top altcoins beating BTC), now and in history.",
        discussion: """
            Blockchaincenter definition: on each day, the top-N altcoins by market cap (BTC, \
            stablecoins and wrapped/staked tokens excluded) with prices on the day and --window \
            days earlier; index = 100 × share whose return beats Bitcoin's. ≥ 75 altcoin season, \
            ≤ 25 bitcoin season.

            Examples:
              riskflow altseason
              riskflow altseason --top 20 --window 60
              riskflow altseason --from 2021-01-01 --to 2021-06-30 --format csv
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: P.top.long, help: P.top.configDefaultHelp)
    var top: Int?

    @Option(name: P.window.long, help: P.window.configDefaultHelp)
    var window: Int?

    private typealias P = SignalConfig.AltSeasonConfig.Declared

    func validate() throws {
        if let top { try P.top.check(top) }
        if let window { try P.window.check(window) }
    }

    func run() async throws {
        var config = try configOptions.load()
        if let top { config.altseason.top = top }
        if let window { config.altseason.window = window }
        let result = try await JobRunner(global: global, asOf: dates.asOf).run(AltSeasonJob(config: config, window: dates.window))
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

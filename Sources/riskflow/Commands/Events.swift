import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowRuntime
import RiskflowDistributed
import RiskflowReport
import RiskflowResearch
import RiskflowSignals
import RiskflowStats

struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Event study: what ETH, BTC and the alt basket did after breakouts (or given dates).",
        discussion: """
            Each event is dated the day it was known (a qualified breakout on its signal day); \
            the follower is entered at its first row after that day and exited at its first row \
            h calendar days later. Per follower and horizon: n, mean, median, hit rate, the \
            unconditional mean of the same forward return since the first event, a one-sample \
            t-test against it, a one-sided permutation p (random entry days), and a bootstrap \
            band of the mean path. With fewer than 5 events the sample is called small.

            Examples:
              riskflow events
              riskflow events --status all --follower ETH --horizons 30,90
              riskflow events --events 2016-11-21,2020-11-20 --draws 2000 --seed 7
              riskflow events --as-of 2021-12-31 --format json
              riskflow events --draws 1000000 --distributed --db postgres://riskflow@db/riskflow    # draws on `riskflow worker`s
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "'breakouts' (default) or comma-separated dates YYYY-MM-DD.")
    var events = "breakouts"

    @Option(name: .long, help: "The index whose breakouts are the events (default RUT).")
    var symbol: String?

    @Option(name: .long, help: "Breakouts taken: qualified (default), unconfirmed, failed or all.")
    var status: BreakoutSelection = .qualified

    @Option(name: .long, help: "Followers, comma-separated; ALTS is the alt basket.")
    var follower = "ETH,BTC,ALTS"

    @Option(name: P.horizons.long, help: P.horizons.argumentHelp)
    var horizons = P.horizons.defaultText ?? ""

    @Option(name: P.draws.long, help: P.draws.argumentHelp)
    var draws = P.draws.defaultValue

    @Option(name: P.seed.long, help: P.seed.argumentHelp)
    var seed = P.seed.defaultValue

    private typealias P = EventStudySettings.Declared

    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    @OptionGroup var distribution: DistributedOptions<DistributedDrawsWork>

    var source: EventSource {
        get throws {
            if events.lowercased() == "breakouts" { return .breakouts(status) }
            let days = try events.split(separator: ",").map { text -> Day in
                let t = text.trimmingCharacters(in: .whitespaces)
                guard let d = Day(t) else { throw ValidationError("--events: '\(t)' is not a date (YYYY-MM-DD) or 'breakouts'") }
                return d
            }
            guard !days.isEmpty else { throw ValidationError("--events: no dates given") }
            return .dates(days)
        }
    }

    var horizonList: [Int] {
        get throws {
            switch P.parseHorizons(horizons) {
            case .success(let hs): return hs
            case .failure(let e): throw ValidationError("--horizons: \(e.message)")
            }
        }
    }

    func validate() throws {
        try P.draws.check(draws)
        _ = try source
        _ = try horizonList
        let followers = follower.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !followers.isEmpty else { throw ValidationError("--follower: no follower given") }
        try distribution.validate(store: global.location)
    }

    func run() async throws {
        var config = try configOptions.load()
        if let symbol { config.breakout.symbol = symbol.uppercased() }
        var settings = EventStudySettings()
        settings.horizons = try horizonList
        settings.draws = draws
        settings.seed = seed
        let followers = follower.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let job = EventsJob(config: config, source: try source, followers: followers, settings: settings)
        let runner = try await JobRunner(global: global, asOf: asOf)
        let data = try await runner.store.inputs(of: job, asOf: runner.asOf)
        let result = try await distribution.executor(store: global.location)
            .run(job, data: data, progress: Progress.reporter(tty: isatty(STDERR_FILENO) != 0))
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

extension BreakoutSelection: ExpressibleByArgument {}

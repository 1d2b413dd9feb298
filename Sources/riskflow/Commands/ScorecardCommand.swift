import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch

struct ScorecardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "The commentary's claims C1–C8 against the data: effects with intervals, power, robustness and verdicts.",
        discussion: """
            Each claim gets a two-sided test fixed in code (see the README's Scorecard section), its \
            effect with a 95 % interval, its power and minimum detectable effect at its smallest effect \
            of interest, Holm across the claims whose test can reach a verdict, and a robustness grid. \
            Verdicts: supported, contradicted, unsupported (well powered, nothing found), insufficient \
            (too little data to detect the effect of interest), mixed (the grid disagrees), true/false \
            (facts), descriptive. The commentary's January 2026 call gets its own verdict; the \
            precedents it names are mapped from the data; a bottom line comes first.

            Examples:
              riskflow scorecard
              riskflow scorecard --as-of 2025-12-31
              riskflow scorecard --format json | jq '.claims[] | {id, verdict, n, p_holm}'
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    @Option(name: EventStudySettings.Declared.draws.long, help: EventStudySettings.Declared.draws.argumentHelp)
    var draws = ScorecardParameters().draws

    @Option(name: EventStudySettings.Declared.seed.long, help: EventStudySettings.Declared.seed.argumentHelp)
    var seed = ScorecardParameters().seed

    func validate() throws {
        try EventStudySettings.Declared.draws.check(draws)
    }

    func run() async throws {
        var p = ScorecardParameters()
        p.signals = try configOptions.load()
        p.draws = draws
        p.seed = seed
        let runner = try await JobRunner(global: global, asOf: asOf)
        var result = try await runner.run(ScorecardJob(parameters: p))
        try await result.attachLedger(from: runner.store)
        emit(try result.rendered(as: global.format, style: global.style))
    }
}

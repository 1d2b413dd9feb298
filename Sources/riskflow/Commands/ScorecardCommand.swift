import ArgumentParser
import RiskflowCore
import RiskflowReport
import RiskflowResearch

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "The commentary's claims C1–C8 against the data, with verdicts, sample sizes and Holm-adjusted p-values.",
        discussion: """
            Each claim gets a test fixed in code (see the README's Scorecard section), a statistic, \
            its sample size n, a p-value, the p-value adjusted by Holm across every p the scorecard \
            reports, and a verdict: supported (p_holm < 0.05 with the claimed sign), contradicted \
            (significant the other way, or a factual claim false in the data) or inconclusive (n < 5, \
            data missing, not significant). The commentary's own January 2026 call is shown beside \
            it, as one event.

            Examples:
              riskflow scorecard
              riskflow scorecard --as-of 2025-12-31
              riskflow scorecard --format json | jq '.[] | {id, verdict, n, p_holm}'
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    @Option(name: .long, help: "Permutation and bootstrap draws.")
    var draws = 10_000

    @Option(name: .long, help: "Seed of the draws.")
    var seed: UInt64 = 1

    func validate() throws {
        guard draws >= 0 && draws <= 10_000_000 else { throw ValidationError("--draws must be between 0 and 10,000,000") }
    }

    func run() throws {
        var p = ScorecardParameters()
        p.signals = try configOptions.load()
        p.draws = draws
        p.seed = seed
        let result = try JobRunner(global: global, asOf: asOf).run(ScorecardJob(parameters: p))
        switch global.format {
        case .table: emit(ScorecardRendering.table(result, style: global.style))
        case .json: emit(try JSONText.encode(result))
        case .csv: emit(ScorecardRendering.csv(result))
        }
    }
}

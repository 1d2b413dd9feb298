import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport

struct DataCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check stored series for duplicates, gaps, bad prices, stale runs and outliers.",
        discussion: """
            Errors: duplicate or out-of-order days, weekend prices on the NYSE calendar, non-positive \
            prices, non-finite values. Warnings: weekend macro values, calendar gaps, 5+ identical closes in a row, moves \
            beyond 8 rolling standard deviations (63 previous moves; log returns for prices, \
            differences for macro series). Exits with status 1 when any error is found.

            Examples:
              riskflow data check
              riskflow data check RUT --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The series to check (default: all).")
    var symbol: String?

    func run() async throws {
        let store = try await global.openStore()
        let infos: [SeriesInfo]
        if let symbol { infos = [try await store.info(symbol)] } else { infos = try await store.list() }
        var reports: [QualityReport] = []
        for info in infos { reports.append(DataQuality.check(try await store.bars(info.metadata.id), kind: info.metadata.kind)) }
        emit(try QualityChecks(reports).rendered(as: global.format, style: global.style))
        if reports.contains(where: \.hasErrors) { throw ExitCode(1) }
    }
}

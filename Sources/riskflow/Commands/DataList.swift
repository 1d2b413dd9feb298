import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowRuntime

struct DataList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every stored series with its unit, calendar, coverage and source.",
        discussion: """
            Examples:
              riskflow data list
              riskflow data list --format json | jq '.[] | select(.kind == "crypto") | .id'
              riskflow data list --as-of 2021-01-04     # coverage as published by then
            JSON: an array of objects with keys id, kind, unit, calendar, first, last, rows, source, \
            synced_at (the last successful data sync, ISO 8601 UTC, or null), stale (true when the last \
            observation is older than its calendar allows today: 3 days for crypto, 6 for NYSE \
            days, 12 for weekly, 95 for monthly series).
            The market-cap ranking tables (CMC-WEEKLY, CMC-MONTHLY, COINGECKO-DAILY) follow the
            series with kind "ranking"; rows counts their entries (coins × snapshot days).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as-of"), help: "Coverage as published by this day (YYYY-MM-DD); freshness judged on it.")
    var asOf: Day?

    func run() async throws {
        let rows = try await global.openStore().dataListRows(asOf: asOf, today: Day.today())
        emit(try SeriesListing(rows).rendered(as: global.format, style: global.style))
    }
}

import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport

struct DataList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every stored series with its unit, calendar, coverage and source.",
        discussion: """
            Examples:
              riskflow data list
              riskflow data list --format json | jq '.[] | select(.kind == "crypto") | .id'
            JSON: an array of objects with keys id, kind, unit, calendar, first, last, rows, source, \
            synced_at (the last successful data sync, ISO 8601 UTC, or null), stale (true when the last \
            observation is older than its calendar allows today: 3 days for crypto, 6 for NYSE \
            days, 12 for weekly, 95 for monthly series).
            The market-cap ranking tables (CMC-WEEKLY, CMC-MONTHLY, COINGECKO-DAILY) follow the
            series with kind "ranking"; rows counts their entries (coins × snapshot days).
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore()
        let synced = try store.syncStates()
        let today = Day.today()
        let series = try store.list().map { info in
            DataListRow(
                id: info.metadata.id, kind: info.metadata.kind.rawValue, unit: info.metadata.unit.rawValue,
                calendar: info.metadata.calendar.rawValue, first: info.first, last: info.last, rows: info.rows,
                source: info.metadata.source, syncedAt: synced[info.metadata.id]?.succeededAt,
                stale: Freshness(id: info.metadata.id, last: info.last, calendar: info.metadata.calendar, reference: today).isStale)
        }
        // The market-cap ranking tables follow, as kind "ranking" (rows = entries).
        let rankings = try store.rankingList().map { r in
            DataListRow(
                id: r.id, kind: "ranking", unit: "usd", calendar: DataListRow.rankingCalendar(days: r.days, first: r.first, last: r.last),
                first: r.first, last: r.last, rows: r.rows, source: r.source, syncedAt: synced[r.id]?.succeededAt,
                stale: Freshness(id: r.id, last: r.last, calendar: .daily, reference: today).isStale)
        }
        let rows = series + rankings
        switch global.format {
        case .table: emit(DataListing.table(rows, style: global.style))
        case .json: emit(try JSONText.encode(rows))
        case .csv: emit(DataListing.csv(rows))
        }
    }
}

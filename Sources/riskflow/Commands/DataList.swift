import ArgumentParser
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
            JSON: an array of objects with keys id, kind, unit, calendar, first, last, rows, source.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore()
        let rows = try store.list().map { info in
            DataListRow(
                id: info.metadata.id, kind: info.metadata.kind.rawValue, unit: info.metadata.unit.rawValue,
                calendar: info.metadata.calendar.rawValue, first: info.first, last: info.last, rows: info.rows,
                source: info.metadata.source)
        }
        switch global.format {
        case .table: emit(DataListing.table(rows, style: global.style))
        case .json: emit(try JSONText.encode(rows))
        case .csv: emit(DataListing.csv(rows))
        }
    }
}

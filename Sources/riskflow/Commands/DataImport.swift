import ArgumentParser
import RiskflowCore
import RiskflowData
import RiskflowReport

struct DataImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file (format auto-detected) as one series, replacing it if it exists.",
        discussion: """
            Formats: \(CSVFormat.allCases.map(\.rawValue).joined(separator: ", ")) (see the README). \
            The whole file is read and checked before anything is written; on any error the store \
            is left exactly as it was.

            Examples:
              riskflow data import ~/Downloads/IWM.csv --symbol IWM
              riskflow data import fredgraph.csv                          # FRED: the id comes from the header
              riskflow data import eth.csv --symbol ETH --csv-format coingecko
              riskflow data import series.csv --symbol MYIDX --kind macro --unit percent --calendar nyse
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(name: .long, help: "The series id (default: the id the file names, e.g. FRED's header).")
    var symbol: String?

    @Option(name: .customLong("csv-format"), help: "Skip detection and read the file as this format.")
    var csvFormat: CSVFormat?

    @Option(name: .long, help: "Kind of series: index, etf, stock, crypto, macro.")
    var kind: SeriesKind?

    @Option(name: .long, help: "Unit: \(ValueUnit.allCases.map(\.rawValue).joined(separator: ", ")).")
    var unit: ValueUnit?

    @Option(name: .long, help: "Calendar: nyse, daily, weekly, monthly (default: inferred from the days).")
    var calendar: SeriesCalendar?

    @Option(name: .long, help: "When values become known: \(PublicationRule.allCases.map(\.rawValue).joined(separator: ", ")).")
    var publication: PublicationRule?

    @Flag(name: .customLong("no-adjust"), help: "Yahoo files: keep the raw Close instead of Adj Close.")
    var noAdjust = false

    func run() async throws {
        let store = try await global.openStore()
        let summary = try await CSVImport.run(
            ImportRequest(
                path: file, symbol: symbol, format: csvFormat, kind: kind, unit: unit, calendar: calendar,
                publication: publication, adjustYahoo: !noAdjust), into: store)
        switch global.format {
        case .json: emit(try JSONText.encode(summary))
        case .csv:
            emit(CSVText.render(
                header: ["id", "file", "format", "rows", "first", "last", "skipped", "duplicates"],
                rows: [[summary.id, summary.file, summary.format, String(summary.rows), summary.first.iso,
                        summary.last.iso, String(summary.skipped), String(summary.duplicates)]]))
        case .table:
            var notes: [String] = []
            if summary.skipped > 0 { notes.append("\(summary.skipped) rows without a value skipped") }
            if summary.duplicates > 0 { notes.append("\(summary.duplicates) exact duplicate rows dropped") }
            if summary.reversed { notes.append("newest-first file put in date order") }
            if summary.replacedRows > 0 { notes.append("replaced \(summary.replacedRows) stored rows") }
            emit("Imported \(summary.rows) rows of \(summary.id) (\(summary.first.iso) … \(summary.last.iso)) from \(file)")
            emit("  format \(summary.format); \(summary.kind), \(summary.unit), \(summary.calendar) calendar"
                + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")))
        }
    }
}

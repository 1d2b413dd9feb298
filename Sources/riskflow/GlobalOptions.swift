import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowResearch

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store to use (default: $RISKFLOW_HOME/riskflow.sqlite).")
    var db: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    /// Opens the store, loading the bundled snapshot when it is empty.
    func openStore() throws -> Store {
        let path = db ?? Store.defaultPath()
        if PostgresURL.isPostgres(path) {
            throw ValidationError(
                "--db \(path.split(separator: "@").last.map { "…@\($0)" } ?? path): the store runs on SQLite only so far; PostgreSQL serves distributed sweeps as their queue (sweep --distributed --queue URL, riskflow worker --queue URL)")
        }
        let store = try Store(path: path)
        if try store.isEmpty() {
            FileHandle.standardError.write(Data("riskflow: first run, loading the bundled snapshot into \(path)\n".utf8))
            try BundledSnapshot.load(into: store)
        } else if try BundledSnapshot.loadRankingsIfMissing(into: store) {
            FileHandle.standardError.write(Data("riskflow: loaded the bundled market-cap ranking tables into \(path)\n".utf8))
        }
        return store
    }

    /// Colour on a terminal unless `NO_COLOR` is set.
    var style: TerminalStyle {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(isColored: !noColor && isatty(STDOUT_FILENO) != 0)
    }
}

/// `--from`, `--to` and `--as-of`.
struct DateOptions: ParsableArguments {
    @Option(name: .long, help: "First day to show (YYYY-MM-DD).")
    var from: Day?

    @Option(name: .long, help: "Last day to show (YYYY-MM-DD).")
    var to: Day?

    @Option(name: .customLong("as-of"), help: "Use only data published on or before this day (YYYY-MM-DD).")
    var asOf: Day?

    /// `--from`/`--to` as a window of days.
    var window: DateWindow { DateWindow(from: from, to: to) }

    func validate() throws {
        if let from, let to, from > to {
            throw ValidationError("--from \(from.iso) is after --to \(to.iso)")
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ValueUnit: ExpressibleByArgument {}
extension SeriesKind: ExpressibleByArgument {}
extension SeriesCalendar: ExpressibleByArgument {}
extension CSVFormat: ExpressibleByArgument {}
extension PublicationRule: ExpressibleByArgument {}

/// Writes to standard output, with a final newline.
func emit(_ text: String) {
    if text.hasSuffix("\n") { print(text, terminator: "") } else { print(text) }
}

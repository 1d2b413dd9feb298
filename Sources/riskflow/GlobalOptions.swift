import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowResearch
import RiskflowRuntime
import RiskflowSignals

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The store: a SQLite file or postgres://user@host:port/db (default: $RISKFLOW_DB, else $RISKFLOW_HOME/riskflow.sqlite).")
    var db: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    /// The store's location: `--db`, else `$RISKFLOW_DB`, else the default SQLite file.
    var location: String { db ?? Store.defaultPath() }

    /// Opens the store, loading the bundled snapshot when it is empty.
    func openStore() async throws -> any RiskflowStore {
        let store = try await Store.open(location)
        if try await store.isEmpty() {
            FileHandle.standardError.write(Data("riskflow: first run, loading the bundled snapshot and the seed commentary's call into \(store.path)\n".utf8))
            try await BundledSnapshot.load(into: store)
            try await seedCall(store, announce: false)
        } else if try await BundledSnapshot.loadRankingsIfMissing(into: store) {
            FileHandle.standardError.write(Data("riskflow: loaded the bundled market-cap ranking tables into \(store.path)\n".utf8))
        }
        if try await store.storedCalls().isEmpty { try await seedCall(store) }
        return store
    }

    /// The commentary's call, the first external call of the ledger (``SeedCall``).
    private func seedCall(_ store: any RiskflowStore, announce: Bool = true) async throws {
        let runner = CallLedgerRunner(store: store, signals: SignalConfig(), version: Riskflow.configuration.version)
        if try await runner.addSeedCallIfMissing(stamp: ISO8601DateFormatter().string(from: Date())), announce {
            FileHandle.standardError.write(Data("riskflow: registered the seed commentary's call (2026-01-08) in the calls ledger\n".utf8))
        }
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

extension OutputFormat: ExpressibleByArgument {}

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

import ArgumentParser
import Foundation
import RiskflowData
import RiskflowReport

struct DataMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a whole store between SQLite and PostgreSQL, verified by row counts and checksums.",
        discussion: """
            Every table (series, observations with their available_at and vintages, the import log, \
            ranking tables, sync records, the alert outbox) is copied in one transaction on the target \
            and read back: each table's row count and SHA-256 over its rows (doubles by their bits) \
            must equal the source's, or nothing is kept. The target must be empty unless --replace.

            Examples:
              riskflow data migrate --from ~/.local/share/riskflow/riskflow.sqlite --to postgres://riskflow@db:5432/riskflow
              riskflow data migrate --from postgres://riskflow@db:5432/riskflow --to ./copy.sqlite
              riskflow data migrate --from ./riskflow.sqlite --to postgres://riskflow@db/riskflow --replace --format json
            """
    )

    @Option(name: .long, help: "The source: a SQLite store file or a postgres:// URL.")
    var from: String

    @Option(name: .long, help: "The target: a postgres:// URL or a SQLite store file.")
    var to: String

    @Flag(name: .long, help: "Overwrite a target that already holds data.")
    var replace = false

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard PostgresURL.isPostgres(from) != PostgresURL.isPostgres(to) else {
            throw ValidationError("data migrate copies between SQLite and PostgreSQL: one of --from and --to must be a postgres:// URL, the other a SQLite file")
        }
        guard format != .csv else { throw ValidationError("data migrate prints a table or JSON (--format table|json)") }
    }

    func run() async throws {
        if !PostgresURL.isPostgres(from) {
            guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("--from \(from): no such store file") }
        }
        let copies = try await StoreCopy.copy(from: try await Store.open(from), to: try await Store.open(to), replace: replace)
        switch format {
        case .json: emit(try JSONText.encode(copies))
        default:
            var t = TextTable(columns: [.init("table"), .init("rows", .right), .init("sha-256")])
            t.rows = copies.map { [$0.table, String($0.rows), $0.checksum] }
            emit(t.render() + "\n\(copies.reduce(0) { $0 + $1.rows }) rows copied and verified")
        }
    }
}

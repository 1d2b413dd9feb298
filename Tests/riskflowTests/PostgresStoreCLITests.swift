import Foundation
import RiskflowCore
import RiskflowData
import RiskflowTestSupport
import Testing

/// `--db postgres://…` (and `RISKFLOW_DB`) for every command: the same bundled data loaded
/// into PostgreSQL gives the same output, byte for byte, as the SQLite store.
@Suite("every command on a PostgreSQL store", .enabled(if: TestPostgres.isAvailable), .serialized)
struct PostgresStoreCLITests {
    static let commands: [[String]] = [
        ["report", "--format", "json"],
        ["breakouts", "--format", "json"],
        ["liquidity", "--as-of", "2024-06-30", "--format", "csv"],
        ["stage", "--format", "json"],
        ["altseason", "--format", "json"],
        ["supercycle", "--format", "json"],
        ["leadlag", "--x", "WALCL", "--y", "BTC", "--freq", "weekly", "--format", "json"],
        ["events", "--draws", "400", "--format", "json"],
        ["scorecard", "--draws", "200", "--format", "json"],
        ["backtest", "--strategy", "breakout-hold", "--symbol", "ETH", "--format", "json"],
        ["data", "list", "--format", "json"],
        ["data", "list", "--as-of", "2019-12-31", "--format", "json"],
        ["data", "show", "WALCL", "--as-of", "2020-03-26", "--format", "csv"],
        ["data", "show", "COINGECKO-DAILY", "--format", "json"],
        ["data", "check", "--format", "json"],
    ]

    @Test func everyCommandAnswersAsOnSQLite() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try CLI()
        let first = try await cli.runDetached(["data", "list", "--db", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("first run, loading the bundled snapshot into postgres://"), "\(first.stderr)")
        for command in Self.commands {
            let sqlite = try await cli.runDetached(command)
            let postgres = try await cli.runDetached(command + ["--db", url])
            #expect(sqlite.status == postgres.status, "\(command): \(postgres.stderr)")
            #expect(sqlite.stdout == postgres.stdout, "\(command.joined(separator: " ")) differs on PostgreSQL")
            #expect(sqlite.status == 0 && !sqlite.stdout.isEmpty, "\(command): \(sqlite.stderr)")
        }
        // RISKFLOW_DB selects the same store for every command.
        var viaEnvironment = cli
        viaEnvironment.environment["RISKFLOW_DB"] = url
        let listed = try await viaEnvironment.runDetached(["data", "list", "--format", "json"])
        #expect(listed.stdout == (try await cli.runDetached(["data", "list", "--format", "json", "--db", url])).stdout)
    }

    @Test func importsAndFailedImportsOnPostgreSQL() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try CLI()
        let file = cli.home.appendingPathComponent("NEWX.csv").path
        try "date,open,high,low,close,volume\n2026-09-01,1,2,0.5,1.5,10\n2026-09-02,1,2,0.5,1.6,\n".write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await cli.runDetached(["data", "import", file, "--symbol", "NEWX", "--kind", "etf", "--db", url])
        #expect(imported.status == 0, "\(imported.stderr)")
        let store = try Store(path: url)
        #expect(try store.bars("NEWX").close == [1.5, 1.6])
        let before = try store.list()
        let bad = cli.home.appendingPathComponent("RUT.csv").path
        try "date,open,high,low,close,volume\n2026-09-01,1,2,0.5,1.5,\n2026-09-03,1,2,0.5,abc,\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await cli.runDetached(["data", "import", bad, "--symbol", "RUT", "--db", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("RUT.csv:3"), "\(refused.stderr)")
        #expect(try store.list() == before, "a refused import wrote nothing")
        #expect(try store.integrityCheck() == "ok")
        // A server that is not there is named, with no password in the message.
        let down = try await cli.runDetached(["data", "list", "--db", "postgres://someone:secret@127.0.0.1:1/none"])
        #expect(down.status != 0)
        #expect(down.stderr.contains("postgres://someone@127.0.0.1:1/none") && !down.stderr.contains("secret"), "\(down.stderr)")
    }
}

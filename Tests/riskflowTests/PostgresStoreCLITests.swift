import Foundation
import RiskflowCore
import RiskflowData
import RiskflowTestSupport
import Testing

/// `--db postgres://…` (and `RISKFLOW_DB`) for every command: the bundled data loaded into
/// PostgreSQL prints the committed golden outputs (made on SQLite), byte for byte.
@Suite("every command on a PostgreSQL store", .enabled(if: TestPostgres.isAvailable), .serialized)
struct PostgresStoreCLITests {
    /// Goldens of every kind of command (signals, research, data, both as-of days, JSON,
    /// tables and CSV).
    static let goldens: Set<String> = [
        "report-2021", "breakouts-2026", "liquidity-2021", "stage-2026.csv", "altseason-2026", "supercycle-2021", "leadlag-2026.txt",
        "datalist", "datashow-2020", "events-2021", "scorecard-2025", "backtest-newhigh",
    ]

    @Test func everyKindOfCommandPrintsTheGoldenOutput() async throws {
        let url = try await TestPostgres.freshDatabase()
        var cli = try CLI()
        let first = try await cli.runDetached(["data", "list", "--db", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("first run, loading the bundled snapshot and the seed commentary's call into postgres://"), "\(first.stderr)")
        let cases = GoldenOutputTests.cases.filter { Self.goldens.contains($0.name) }
        #expect(cases.count == Self.goldens.count)
        for c in cases {
            let r = try await cli.runDetached(c.arguments + ["--db", url])
            #expect(r.status == 0, "\(c.name): \(r.stderr)")
            let golden = try String(contentsOf: GoldenOutputTests.directory.appendingPathComponent(c.file), encoding: .utf8)
            #expect(r.stdout == golden, "\(c.name) on PostgreSQL differs from its golden")
        }
        // RISKFLOW_DB selects the same store for every command.
        cli.environment["RISKFLOW_DB"] = url
        let listed = try await cli.runDetached(["data", "list", "--format", "json"])
        let golden = try String(contentsOf: GoldenOutputTests.directory.appendingPathComponent("datalist.json"), encoding: .utf8)
        #expect(listed.stdout == golden)
        #expect(!FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("riskflow.sqlite").path), "no SQLite store was made")
    }

    @Test func importsAndFailedImportsOnPostgreSQL() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try CLI()
        let file = cli.home.appendingPathComponent("NEWX.csv").path
        try "date,open,high,low,close,volume\n2026-09-01,1,2,0.5,1.5,10\n2026-09-02,1,2,0.5,1.6,\n".write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await cli.runDetached(["data", "import", file, "--symbol", "NEWX", "--kind", "etf", "--db", url])
        #expect(imported.status == 0, "\(imported.stderr)")
        let store = try await Store.open(url)
        #expect(try await store.bars("NEWX").close == [1.5, 1.6])
        let before = try await store.list()
        let bad = cli.home.appendingPathComponent("RUT.csv").path
        try "date,open,high,low,close,volume\n2026-09-01,1,2,0.5,1.5,\n2026-09-03,1,2,0.5,abc,\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await cli.runDetached(["data", "import", bad, "--symbol", "RUT", "--db", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("RUT.csv:3"), "\(refused.stderr)")
        #expect(try await store.list() == before, "a refused import wrote nothing")
        #expect(try await store.integrityCheck() == "ok")
        // A server that is not there is named, with no password in the message.
        let down = try await cli.runDetached(["data", "list", "--db", "postgres://someone:secret@127.0.0.1:1/none"])
        #expect(down.status != 0)
        #expect(down.stderr.contains("postgres://someone@127.0.0.1:1/none") && !down.stderr.contains("secret"), "\(down.stderr)")
    }
}

import Foundation
import RiskflowCore
import RiskflowData
import RiskflowTestSupport
import Testing

@Suite("riskflow data migrate between SQLite and PostgreSQL", .enabled(if: TestPostgres.isAvailable), .serialized)
struct DataMigrateTests {
    /// A small store with every kind of row: a daily series, a weekly macro series known a
    /// day late, a revision (two rows for one day), a ranking table, a sync record and an
    /// alert event with an attempt.
    static func sourceStore(_ cli: CLI) async throws -> any RiskflowStore {
        let store = try await Store.open(cli.home.appendingPathComponent("source.sqlite").path)
        let days = (0..<40).map { Day(year: 2026, month: 1, day: 5)! + $0 }
        let nan = [Double](repeating: .nan, count: days.count)
        let closes = days.indices.map { 100 + Double($0) * 0.37 + 1e-13 }
        try await store.replace(
            Bars(id: "BTC", unit: .usd, calendar: .daily, days: days, open: nan, high: nan, low: nan, close: closes,
                 volume: days.indices.map { Double($0) * 1e6 }, marketCap: nan),
            metadata: SeriesMetadata(id: "BTC", kind: .crypto, unit: .usd, calendar: .daily, source: "test"),
            origin: .init(origin: "test", format: "test"))
        let weeks = stride(from: 0, to: 40, by: 7).map { Day(year: 2026, month: 1, day: 7)! + $0 }
        try await store.replace(
            Bars(id: "WALCL", unit: .millionsUSD, calendar: .weekly, days: weeks, open: [Double](repeating: .nan, count: weeks.count),
                 high: [Double](repeating: .nan, count: weeks.count), low: [Double](repeating: .nan, count: weeks.count),
                 close: weeks.indices.map { 6_700_000 + Double($0) }, volume: [Double](repeating: .nan, count: weeks.count),
                 marketCap: [Double](repeating: .nan, count: weeks.count)),
            metadata: SeriesMetadata(id: "WALCL", kind: .macro, unit: .millionsUSD, calendar: .weekly, source: "test", publication: .nextDay),
            origin: .init(origin: "test", format: "test"))
        // A revision of BTC's day 10, known from day 30.
        var revised = FetchedSeries()
        revised.append(day: days[10], close: 999.25)
        _ = try await store.merge(revised, metadata: try await store.metadata("BTC"), today: days[30], provider: .coingecko, providerID: "bitcoin", stamp: "2026-02-04T00:00:00Z")
        try await store.replaceRanking(RankTable(id: "COINGECKO-DAILY", source: "test"))
        let event = AlertEventRecord(
            id: "evt_1", rule: "r", kind: .stageChange, subject: "stage", day: days[3], title: "t", details: "d", asOf: days[4],
            nextAttemptAt: 1_780_000_000.25, createdAt: "2026-01-09T00:00:00Z")
        _ = try await store.recordAlertEvaluation(rule: "r", through: days[4], events: [event], stamp: "2026-01-09T00:00:00Z")
        try await store.recordAlertAttempt(id: "evt_1", attempt: .init(at: "2026-01-09T00:00:01Z", statusCode: 500, error: "HTTP 500"), outcome: .retry(at: 1_780_000_001.5))
        return store
    }

    @Test func aStoreGoesToPostgreSQLAndBackUnchanged() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try CLI()
        let source = try await Self.sourceStore(cli)
        let up = try await cli.runDetached("data", "migrate", "--from", source.path, "--to", url, "--format", "json")
        #expect(up.status == 0, "\(up.stderr)")
        let target = cli.home.appendingPathComponent("back.sqlite").path
        let down = try await cli.runDetached("data", "migrate", "--from", url, "--to", target, "--format", "json")
        #expect(down.status == 0, "\(down.stderr)")
        // The same rows and checksums both ways.
        let a = try JSONSerialization.jsonObject(with: Data(up.stdout.utf8)) as! [[String: Any]]
        let b = try JSONSerialization.jsonObject(with: Data(down.stdout.utf8)) as! [[String: Any]]
        #expect(a.map { $0["table"] as! String } == b.map { $0["table"] as! String })
        #expect(a.map { $0["checksum"] as! String } == b.map { $0["checksum"] as! String })
        #expect(a.first { $0["table"] as? String == "observation" }?["rows"] as? Int == 40 + 6 + 1)
        // And the copy answers every as-of question the same way.
        let back = try await Store.open(target)
        let days = (0..<40).map { Day(year: 2026, month: 1, day: 5)! + $0 }
        for day in [days[0], days[10], days[29], days[30], days[39], Day.latestPossible] {
            #expect(same(try await back.bars("BTC", asOf: day), try await source.bars("BTC", asOf: day)), "BTC as of \(day.iso)")
            #expect(same(try await back.bars("WALCL", asOf: day), try await source.bars("WALCL", asOf: day)), "WALCL as of \(day.iso)")
        }
        #expect(try await back.bars("BTC", asOf: days[30]).close[10] == 999.25)
        #expect(try await back.alertHistory().map(\.event) == (try await source.alertHistory().map(\.event)))
        #expect(try await back.alertHistory().map(\.attempts) == (try await source.alertHistory().map(\.attempts)))
        #expect(try await back.syncStates() == (try await source.syncStates()))
        #expect(try await back.metadata("WALCL") == (try await source.metadata("WALCL")))
        // The PostgreSQL copy is a store in its own right: the same answers, and new rows
        // get fresh keys after the copied ones.
        let copy = try await Store.open(url)
        #expect(try await copy.list() == (try await source.list()))
        #expect(same(try await copy.bars("BTC", asOf: days[30]), try await source.bars("BTC", asOf: days[30])))
        try await copy.replace(
            Bars(id: "NEWX", unit: .usd, calendar: .daily, days: [days[0]], open: [.nan], high: [.nan], low: [.nan], close: [1],
                 volume: [.nan], marketCap: [.nan]),
            metadata: SeriesMetadata(id: "NEWX", kind: .crypto, unit: .usd, calendar: .daily, source: "test"),
            origin: .init(origin: "test", format: "test"))
        #expect(try await copy.ids() == ["BTC", "NEWX", "WALCL"])
        #expect(try await copy.integrityCheck() == "ok")
    }

    @Test func aNonEmptyTargetIsRefusedUnlessReplace() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try CLI()
        let source = try await Self.sourceStore(cli)
        #expect(try await cli.runDetached("data", "migrate", "--from", source.path, "--to", url).status == 0)
        let again = try await cli.runDetached("data", "migrate", "--from", source.path, "--to", url)
        #expect(again.status != 0)
        #expect(again.stderr.contains("is not empty") && again.stderr.contains("--replace"), "\(again.stderr)")
        #expect(try await cli.runDetached("data", "migrate", "--from", source.path, "--to", url, "--replace").status == 0)
        let back = try await cli.runDetached("data", "migrate", "--from", url, "--to", source.path)
        #expect(back.status != 0 && back.stderr.contains("is not empty"), "\(back.stderr)")
        let both = try await cli.runDetached("data", "migrate", "--from", source.path, "--to", source.path + ".copy")
        #expect(both.status != 0 && both.stderr.contains("one of --from and --to must be a postgres:// URL"))
        let unreachable = try await cli.runDetached("data", "migrate", "--from", source.path, "--to", "postgres://nobody@127.0.0.1:1/none")
        #expect(unreachable.status != 0 && unreachable.stderr.contains("postgres://nobody@127.0.0.1:1/none"), "\(unreachable.stderr)")
    }
}

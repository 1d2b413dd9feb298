import Crypto
import Foundation
import GRDB
import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import RiskflowTestSupport
import Testing

/// The one table catalogue matches what each backend's migrations create, the copy's
/// checksum keeps its documented byte format, and odd text survives a copy both ways.
@Suite("store catalogue and copy") struct StoreCatalogueTests {
    @Test func sqliteMigrationsCreateExactlyTheCatalogue() async throws {
        let store = try #require(try await temporaryStore(.sqlite) as? SQLiteStore)
        let tables = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
        }
        #expect(Set(tables) == Set(StoreCatalogue.tables.map(\.name)))
        for t in StoreCatalogue.tables {
            let info = try store.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(t.name))") }
            #expect(info.map { $0["name"] as String } == t.columns.map(\.name), "\(t.name)")
            let types = info.map { (($0["type"] as String?) ?? "").uppercased() }
            #expect(types == t.columns.map { $0.type.rawValue.uppercased() }, "\(t.name)")
            // The primary key (a rowid alias reports notnull 0 although it can never be NULL).
            let keyed = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
            #expect(keyed == t.primaryKey, "\(t.name)")
            for (row, col) in zip(info, t.columns) where !t.primaryKey.contains(col.name) {
                #expect(((row["notnull"] as Int) != 0) == col.notNull, "\(t.name).\(col.name)")
            }
        }
    }

    @Test(.enabled(if: TestBackend.postgresURL != nil))
    func postgresMigrationsCreateExactlyTheCatalogue() async throws {
        let store = try #require(try await temporaryStore(.postgres) as? PostgresStore)
        for t in StoreCatalogue.tables {
            let columns = try await store.client.withConnection { c in
                try await store.rows(
                    c,
                    """
                    SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                    """, [.text(t.name)])
            }
            #expect(columns.map { $0[0].text ?? "" } == t.columns.map(\.name), "\(t.name)")
            #expect(columns.map { $0[1].text ?? "" } == t.columns.map(\.type.postgres), "\(t.name)")
            #expect(columns.map { $0[2].text == "NO" } == t.columns.map(\.notNull), "\(t.name)")
        }
    }

    /// The checksum's bytes, written the obvious way: the fast writer must give the same hash.
    @Test func checksumKeepsItsByteFormat() {
        let rows: [[StoreValue]] = [
            [.int(0), .int(-42), .int(Int64.min), .int(Int64.max), .real(0.1), .real(-0.0), .real(.infinity), .null],
            [.text(""), .text("tab\tnew\nline\\back é"), .real(1e300), .real(Double.leastNonzeroMagnitude), .int(7)],
        ]
        var reference = ""
        for row in rows {
            for v in row {
                switch v {
                case .int(let i): reference += "i\(i)|"
                case .real(let d): reference += "d\(String(d.bitPattern, radix: 16))|"
                case .text(let s): reference += "s\(s.utf8.count):\(s)|"
                case .null: reference += "n|"
                }
            }
            reference += "\n"
        }
        let expected = SHA256.hash(data: Data(reference.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(StoreCopy.checksum(rows) == expected)
        #expect(StoreCopy.checksum([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// Text with tabs, new lines, backslashes and non-ASCII, and extreme doubles, copied to
    /// PostgreSQL (COPY's text format) and back, arrive bit for bit.
    @Test(.enabled(if: TestBackend.postgresURL != nil))
    func oddValuesSurviveACopyBothWays() async throws {
        let source = try await temporaryStore(.sqlite)
        let odd = "a\tb\nc\\d\re — ü 🚀 \\N"
        let event = AlertEventRecord(
            id: "evt_odd", rule: odd, kind: .stageChange, subject: "s", day: day("2026-01-05"), title: odd, details: "\\.", asOf: day("2026-01-06"),
            nextAttemptAt: 1.0e300, createdAt: "2026-01-09T00:00:00Z")
        _ = try await source.recordAlertEvaluation(rule: odd, through: day("2026-01-06"), events: [event], stamp: "s")
        try await source.recordAlertAttempt(id: "evt_odd", attempt: .init(at: "x", statusCode: nil, error: nil), outcome: .retry(at: Double.leastNonzeroMagnitude))
        var b = bars("X", [("2026-01-02", 0.1), ("2026-01-05", 1e-300)])
        b.volume = [.nan, 3]
        try await source.replace(b, metadata: SeriesMetadata(id: "X", kind: .etf, unit: .usd, calendar: .nyse, source: odd), origin: .init(origin: odd, format: "t"))
        let postgres = try await temporaryStore(.postgres)
        let there = try await StoreCopy.copy(from: source, to: postgres, replace: false)
        let back = try await temporaryStore(.sqlite)
        let again = try await StoreCopy.copy(from: postgres, to: back, replace: false)
        #expect(there == again)
        #expect(try await back.alertHistory().first?.event == source.alertHistory().first?.event)
        #expect(try await back.dataVersion() == source.dataVersion())
        // A second copy into a store that holds rows is refused, and nothing changes.
        await #expect(throws: StoreError.self) { _ = try await StoreCopy.copy(from: source, to: postgres, replace: false) }
        #expect(try await StoreCopy.copy(from: source, to: postgres, replace: true) == there)
    }
}

import Foundation
import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import Testing
import RiskflowTestSupport

@Suite("Canonical CSV round trip and import metadata") struct RoundTripTests {
    @Test(arguments: ["RUT", "IWM", "BTC", "WALCL", "T10Y2Y"].map { (TestBackend.sqlite, $0) }
        + (TestBackend.postgresURL == nil ? [] : [(.postgres, "RUT"), (.postgres, "WALCL")]))
    func showThenImportGivesTheIdenticalSeries(backend: TestBackend, id: String) async throws {
        let store = try await temporaryStore()
        try await BundledSnapshot.load(into: store)
        let info = try await store.info(id)
        let original = try await store.bars(id)
        let csv = CanonicalCSV.render(original, holdsValues: info.metadata.kind == .macro)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString)-\(id).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let other = try await temporaryStore(backend)
        let summary = try await CSVImport.run(ImportRequest(path: file.path, symbol: id), into: other)
        #expect(summary.format == "canonical")
        #expect(summary.rows == original.count)
        #expect(sameColumns(try await other.bars(id), original))
    }

    @Test(arguments: TestBackend.available)
    func importInfersMetadata(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-meta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // FRED file for a catalogued id: the catalogue's unit and rule.
        let walcl = dir.appendingPathComponent("fredgraph.csv")
        try Data(try fixture("fredgraph_WALCL.csv")).write(to: walcl)
        let s = try await CSVImport.run(ImportRequest(path: walcl.path), into: store)
        #expect(s.id == "WALCL")
        #expect(try await store.info("WALCL").metadata.unit == .millionsUSD)
        #expect(try await store.info("WALCL").metadata.publication == .nextDay)
        // An unknown FRED id needs a unit.
        let t10 = dir.appendingPathComponent("T10Y3M.csv")
        try Data(try fixture("fred_legacy_T10Y3M.csv")).write(to: t10)
        await #expect(throws: StoreError.self) { try await CSVImport.run(ImportRequest(path: t10.path), into: store) }
        let ok = try await CSVImport.run(ImportRequest(path: t10.path, unit: .percent), into: store)
        #expect(ok.kind == "macro")
        #expect(try await store.info("T10Y3M").metadata.publication == .nextBusinessDay)
        // A crypto export: crypto, USD, daily.
        let cmc = dir.appendingPathComponent("bitcoin_price.csv")
        try Data(try fixture("cmc_export_style_bitcoin_price.csv")).write(to: cmc)
        let c = try await CSVImport.run(ImportRequest(path: cmc.path, symbol: "BTCX"), into: store)
        #expect(c.kind == "crypto" && c.calendar == "daily" && c.reversed)
        // A file that names nothing needs --symbol.
        let anon = dir.appendingPathComponent("anon.csv")
        try "date,value\n2026-01-02,1\n".write(to: anon, atomically: true, encoding: .utf8)
        await #expect(throws: StoreError.self) { try await CSVImport.run(ImportRequest(path: anon.path), into: store) }
        // A missing file names the path.
        let missing = await #expect(throws: ImportError.self) {
            try await CSVImport.run(ImportRequest(path: dir.appendingPathComponent("nope.csv").path, symbol: "X"), into: store)
        }
        #expect(missing?.description.contains("nope.csv") == true)
    }

    @Test func calendarInference() {
        let weekdays = (0..<30).map { Day(rawValue: 20_454 + Int32($0)) }.filter { !$0.isWeekend }
        #expect(CSVImport.inferCalendar(weekdays) == .nyse)
        #expect(CSVImport.inferCalendar((0..<30).map { Day(rawValue: 20_454 + Int32($0)) }) == .daily)
        #expect(CSVImport.inferCalendar((0..<30).map { Day(rawValue: 20_454 + 7 * Int32($0)) }) == .weekly)
    }
}

import Dispatch
import Foundation
import RiskflowCore
@testable import RiskflowData
import Testing
import RiskflowTestSupport

@Suite("Point-in-time store") struct StoreTests {
    let walclMeta = SeriesMetadata(id: "WALCL", kind: .macro, unit: .millionsUSD, calendar: .weekly, source: "test")

    @Test func writeAndReadBack() throws {
        let store = try temporaryStore()
        var b = bars("IWM", [("2026-01-02", 250), ("2026-01-05", 251.5)])
        b.volume = [1_000_000, .nan]
        try store.replace(b, metadata: SeriesMetadata(id: "IWM", kind: .etf, unit: .usd, calendar: .nyse, source: "t"),
                          origin: ImportOrigin(origin: "t", format: "canonical"))
        let back = try store.bars("iwm")
        #expect(sameColumns(back, b))
        let info = try store.info("IWM")
        #expect(info.rows == 2)
        #expect(info.first == day("2026-01-02"))
        #expect(info.hasVolume)
        #expect(info.metadata.publication == .sameDay)
    }

    @Test func wednesdayValueIsKnownOnThursday() throws {
        let store = try temporaryStore()
        // 2026-01-07 and 2026-01-14 are Wednesdays (H.4.1 dates), published the next day.
        try store.replace(bars("WALCL", [("2026-01-07", 6_600_000), ("2026-01-14", 6_650_000)], unit: .millionsUSD,
                               calendar: .weekly), metadata: walclMeta, origin: ImportOrigin(origin: "t", format: "fred"))
        #expect(try store.bars("WALCL", asOf: day("2026-01-07")).isEmpty)
        #expect(try store.bars("WALCL", asOf: day("2026-01-08")).close == [6_600_000])
        #expect(try store.bars("WALCL", asOf: day("2026-01-14")).close == [6_600_000])
        #expect(try store.bars("WALCL", asOf: day("2026-01-15")).close == [6_600_000, 6_650_000])
        let md = try store.marketData(["WALCL"], asOf: day("2026-01-13"))
        #expect(md.closes("WALCL")?.value(asOf: day("2026-01-13")) == 6_600_000)
    }

    @Test func unknownSeriesListsTheKnownOnes() throws {
        let store = try temporaryStore()
        try store.replace(bars("SPY", [("2026-01-02", 1)]),
                          metadata: SeriesMetadata(id: "SPY", kind: .etf, unit: .usd, calendar: .nyse, source: "t"),
                          origin: ImportOrigin(origin: "t", format: "canonical"))
        let e = #expect(throws: StoreError.self) { try store.bars("NOPE") }
        #expect(e?.description.contains("unknown series 'NOPE'") == true)
        #expect(e?.description.contains("SPY") == true)
        #expect(throws: StoreError.self) { try store.marketData(["SPY", "XYZ"], asOf: day("2026-01-02")) }
    }

    @Test func failedImportLeavesTheStoreExactlyAsBefore() throws {
        let store = try temporaryStore()
        try BundledSnapshot.load(into: store)
        let before = try store.list()
        let rutBefore = try store.bars("RUT")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A good start, then garbage on line 4: nothing may be written.
        let bad = dir.appendingPathComponent("RUT.csv")
        try "date,open,high,low,close,volume\n2026-09-01,1,2,0.5,1.5,\n2026-09-02,1,2,0.5,1.6,\n2026-09-03,1,2,0.5,abc,\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let e = #expect(throws: ImportError.self) { try CSVImport.run(ImportRequest(path: bad.path, symbol: "RUT"), into: store) }
        #expect(e?.description == "RUT.csv:4: column 'close': \"abc\" is not a number")
        // A store-level failure inside the transaction (a value SQLite rejects) must roll back too.
        var broken = rutBefore
        broken.close[100] = .nan  // violates close NOT NULL mid-write
        #expect(throws: (any Error).self) {
            try store.replace(broken, metadata: try store.info("RUT").metadata, origin: ImportOrigin(origin: "t", format: "t"))
        }
        #expect(try store.list() == before)
        #expect(sameColumns(try store.bars("RUT"), rutBefore))
    }

    @Test func readersKeepReadingDuringAWrite() throws {
        let store = try temporaryStore()
        let meta = SeriesMetadata(id: "X", kind: .etf, unit: .usd, calendar: .nyse, source: "t")
        try store.replace(bars("X", [("2026-01-02", 1)]), metadata: meta, origin: ImportOrigin(origin: "t", format: "t"))
        let seen = Locked<Int?>(nil)
        try store.pool.write { db in
            try Store.write(bars("X", [("2026-01-02", 1), ("2026-01-05", 2)]), metadata: meta,
                            origin: ImportOrigin(origin: "t", format: "t"), stamp: "now", db: db)
            // While this write transaction is open, another thread reads the old state.
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                seen.set((try? store.bars("X").count) ?? -1)
                done.signal()
            }
            done.wait()
        }
        #expect(seen.get() == 1)
        #expect(try store.bars("X").count == 2)
    }

    @Test func snapshotLoadsEverySeriesOnce() throws {
        let store = try temporaryStore()
        #expect(try store.isEmpty())
        let n = try BundledSnapshot.loadIfEmpty(into: store)
        #expect(n == (try BundledSnapshot.entries().count))
        #expect(n > 90)
        #expect(try BundledSnapshot.loadIfEmpty(into: store) == 0)
        let rut = try store.info("RUT")
        #expect(rut.rows == 9811)
        #expect(rut.first == day("1987-09-10"))
        #expect(rut.metadata.source.contains("bundled snapshot"))
        #expect(!rut.hasVolume)
        #expect(try store.info("WALCL").metadata.unit == .millionsUSD)
        #expect(try store.info("RRPONTSYD").metadata.unit == .billionsUSD)
        #expect(try store.info("BTC").metadata.calendar == .daily)
        let ids = try store.ids()
        #expect(!ids.contains { $0.hasPrefix("SNAPSHOTS") })
    }
}

@Suite("As of a day equals truncated data", .serialized) struct AsOfPropertyTests {
    static let store: Store = {
        let s = try! temporaryStore()
        try! BundledSnapshot.load(into: s)
        return s
    }()

    /// The same computation two ways: as of D from the store, and on the full series
    /// truncated to what its publication rule says was known on D.
    @Test(arguments: ["WALCL", "RUT", "DGS10", "M2SL", "BTC"])
    func asOfEqualsTruncation(id: String) throws {
        let store = Self.store
        let full = try store.bars(id)
        let rule = try store.info(id).metadata.publication
        var g = SystemRandomNumberGenerator()
        let span = full.days.first!.rawValue...(full.days.last!.rawValue + 10)
        for _ in 0..<40 {
            let d = Day(rawValue: Int32.random(in: span, using: &g))
            let asOf = try store.bars(id, asOf: d)
            let known = full.days.indices.filter { rule.availableAt(full.days[$0]) <= d }
            #expect(asOf.days == known.map { full.days[$0] })
            // A computation: the last close, the 13-period change and a 20-row rolling mean.
            let truncated = Series(unchecked: id, unit: full.unit, calendar: full.calendar,
                                   days: known.map { full.days[$0] }, values: known.map { full.close[$0] })
            #expect(PriceSummary(asOf.closes) == PriceSummary(truncated))
            let a = rollingMean(asOf.close, window: 20), b = rollingMean(truncated.values, window: 20)
            #expect(a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    @Test func walclOnItsWednesdayIsNotYetKnown() throws {
        let full = try Self.store.bars("WALCL")
        let wednesday = full.days[full.count - 1]
        #expect(wednesday.weekday == .wednesday)
        #expect(try Self.store.bars("WALCL", asOf: wednesday).days.last == full.days[full.count - 2])
        #expect(try Self.store.bars("WALCL", asOf: wednesday + 1).days.last == wednesday)
    }
}

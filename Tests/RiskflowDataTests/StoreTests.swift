import Dispatch
import Foundation
import RiskflowCore
@testable import RiskflowData
@testable import RiskflowStore
@testable import RiskflowSync
import Testing
import RiskflowTestSupport

@Suite("Point-in-time store, on SQLite and PostgreSQL") struct StoreTests {
    let walclMeta = SeriesMetadata(id: "WALCL", kind: .macro, unit: .millionsUSD, calendar: .weekly, source: "test")

    @Test(arguments: TestBackend.available)
    func writeAndReadBack(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        var b = bars("IWM", [("2026-01-02", 250), ("2026-01-05", 251.5)])
        b.volume = [1_000_000, .nan]
        try await store.replace(b, metadata: SeriesMetadata(id: "IWM", kind: .etf, unit: .usd, calendar: .nyse, source: "t"),
                          origin: ImportOrigin(origin: "t", format: "canonical"))
        let back = try await store.bars("iwm")
        #expect(sameColumns(back, b))
        let info = try await store.info("IWM")
        #expect(info.rows == 2)
        #expect(info.first == day("2026-01-02"))
        #expect(info.hasVolume)
        #expect(info.metadata.publication == .sameDay)
    }

    @Test(arguments: TestBackend.available)
    func wednesdayValueIsKnownOnThursday(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        // 2026-01-07 and 2026-01-14 are Wednesdays (H.4.1 dates), published the next day.
        try await store.replace(bars("WALCL", [("2026-01-07", 6_600_000), ("2026-01-14", 6_650_000)], unit: .millionsUSD,
                               calendar: .weekly), metadata: walclMeta, origin: ImportOrigin(origin: "t", format: "fred"))
        #expect(try await store.bars("WALCL", asOf: day("2026-01-07")).isEmpty)
        #expect(try await store.bars("WALCL", asOf: day("2026-01-08")).close == [6_600_000])
        #expect(try await store.bars("WALCL", asOf: day("2026-01-14")).close == [6_600_000])
        #expect(try await store.bars("WALCL", asOf: day("2026-01-15")).close == [6_600_000, 6_650_000])
        let md = try await store.marketData(["WALCL"], asOf: day("2026-01-13"))
        #expect(md.closes("WALCL")?.value(asOf: day("2026-01-13")) == 6_600_000)
    }

    @Test(arguments: TestBackend.available)
    func unknownSeriesListsTheKnownOnes(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        try await store.replace(bars("SPY", [("2026-01-02", 1)]),
                          metadata: SeriesMetadata(id: "SPY", kind: .etf, unit: .usd, calendar: .nyse, source: "t"),
                          origin: ImportOrigin(origin: "t", format: "canonical"))
        let e = await #expect(throws: StoreError.self) { try await store.bars("NOPE") }
        #expect(e?.description.contains("unknown series 'NOPE'") == true)
        #expect(e?.description.contains("SPY") == true)
        await #expect(throws: StoreError.self) { try await store.marketData(["SPY", "XYZ"], asOf: day("2026-01-02")) }
    }

    @Test(arguments: TestBackend.available)
    func failedImportLeavesTheStoreExactlyAsBefore(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        try await BundledSnapshot.load(into: store)
        let before = try await store.list()
        let rutBefore = try await store.bars("RUT")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A good start, then garbage on line 4: nothing may be written.
        let bad = dir.appendingPathComponent("RUT.csv")
        try "date,open,high,low,close,volume\n2026-09-01,1,2,0.5,1.5,\n2026-09-02,1,2,0.5,1.6,\n2026-09-03,1,2,0.5,abc,\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let e = await #expect(throws: ImportError.self) { try await CSVImport.run(ImportRequest(path: bad.path, symbol: "RUT"), into: store) }
        #expect(e?.description == "RUT.csv:4: column 'close': \"abc\" is not a number")
        // A store-level failure inside the transaction (a value SQLite rejects) must roll back too.
        var broken = rutBefore
        broken.close[100] = .nan  // violates close NOT NULL mid-write
        await #expect(throws: (any Error).self) {
            try await store.replace(broken, metadata: try await store.info("RUT").metadata, origin: ImportOrigin(origin: "t", format: "t"))
        }
        #expect(try await store.list() == before)
        #expect(sameColumns(try await store.bars("RUT"), rutBefore))
    }

    @Test func readersKeepReadingDuringAWrite() async throws {
        let store = try await temporaryStore()
        let meta = SeriesMetadata(id: "X", kind: .etf, unit: .usd, calendar: .nyse, source: "t")
        try await store.replace(bars("X", [("2026-01-02", 1)]), metadata: meta, origin: ImportOrigin(origin: "t", format: "t"))
        let seen = Locked<Int?>(nil)
        let sqlite = try #require(store as? SQLiteStore)
        try await sqlite.pool.write { db in
            try SQLiteStore.write(bars("X", [("2026-01-02", 1), ("2026-01-05", 2)]), metadata: meta,
                                  origin: ImportOrigin(origin: "t", format: "t"), stamp: "now", db: db)
            // While this write transaction is open, another thread reads the old state.
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                seen.set((try? sqlite.pool.read { db in try SQLiteStore.readBars(meta: meta, asOf: nil, from: nil, to: nil, db: db).count }) ?? -1)
                done.signal()
            }
            done.wait()
        }
        #expect(seen.get() == 1)
        #expect(try await store.bars("X").count == 2)
    }

    @Test(.enabled(if: TestBackend.postgresURL != nil))
    func postgresReadersKeepReadingDuringAWrite() async throws {
        let store = try await temporaryStore(.postgres)
        let meta = SeriesMetadata(id: "X", kind: .etf, unit: .usd, calendar: .nyse, source: "t")
        try await store.replace(bars("X", [("2026-01-02", 1)]), metadata: meta, origin: ImportOrigin(origin: "t", format: "t"))
        let seen = Locked<Int?>(nil)
        let pg = try #require(store as? PostgresStore)
        try await pg.transaction { c in
            try await pg.execute(
                c, "INSERT INTO observation (series_key, day, available_at, close) SELECT key, ?, ?, 2 FROM series WHERE id = 'X'",
                [.day(day("2026-01-05")), .day(day("2026-01-05"))])
            // While this write transaction is open, another connection reads the old state.
            seen.set(try await store.bars("X").count)
        }
        #expect(seen.get() == 1)
        #expect(try await store.bars("X").count == 2)
    }

    @Test(arguments: TestBackend.available)
    func snapshotLoadsEverySeriesOnce(backend: TestBackend) async throws {
        let store = try await temporaryStore(backend)
        #expect(try await store.isEmpty())
        let n = try await BundledSnapshot.loadIfEmpty(into: store)
        #expect(n == (try BundledSnapshot.entries().count))
        #expect(n > 90)
        #expect(try await BundledSnapshot.loadIfEmpty(into: store) == 0)
        let rut = try await store.info("RUT")
        #expect(rut.rows == 9835)
        #expect(rut.first == day("1987-09-10"))
        #expect(rut.metadata.source.contains("bundled snapshot"))
        #expect(!rut.hasVolume)
        #expect(try await store.info("WALCL").metadata.unit == .millionsUSD)
        #expect(try await store.info("RRPONTSYD").metadata.unit == .billionsUSD)
        #expect(try await store.info("BTC").metadata.calendar == .daily)
        let ids = try await store.ids()
        #expect(!ids.contains { $0.hasPrefix("SNAPSHOTS") })
    }
}

@Suite("As of a day equals truncated data, on SQLite and PostgreSQL", .serialized) struct AsOfPropertyTests {
    static let sqlite = Once<any RiskflowStore> { try await loaded(.sqlite) }
    static let postgres = Once<any RiskflowStore> { try await loaded(.postgres) }

    static func loaded(_ backend: TestBackend) async throws -> any RiskflowStore {
        let s = try await temporaryStore(backend)
        try await BundledSnapshot.load(into: s)
        return s
    }

    static func store(_ backend: TestBackend) async throws -> any RiskflowStore {
        try await (backend == .postgres ? postgres : sqlite).value()
    }

    /// The same computation two ways: as of D from the store, and on the full series
    /// truncated to what its publication rule says was known on D.
    @Test(arguments: TestBackend.available, ["WALCL", "RUT", "DGS10", "M2SL", "BTC"])
    func asOfEqualsTruncation(backend: TestBackend, id: String) async throws {
        let store = try await Self.store(backend)
        let full = try await store.bars(id)
        let rule = try await store.info(id).metadata.publication
        var g = SystemRandomNumberGenerator()
        let span = full.days.first!.rawValue...(full.days.last!.rawValue + 10)
        for _ in 0..<40 {
            let d = Day(rawValue: Int32.random(in: span, using: &g))
            let asOf = try await store.bars(id, asOf: d)
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

    @Test(arguments: TestBackend.available)
    func walclOnItsWednesdayIsNotYetKnown(backend: TestBackend) async throws {
        let store = try await Self.store(backend)
        let full = try await store.bars("WALCL")
        let wednesday = full.days[full.count - 1]
        #expect(wednesday.weekday == .wednesday)
        #expect(try await store.bars("WALCL", asOf: wednesday).days.last == full.days[full.count - 2])
        #expect(try await store.bars("WALCL", asOf: wednesday + 1).days.last == wednesday)
    }

    /// Both backends answer every read of the bundled store identically: listings,
    /// coverage, every series as of several days, and the ranking tables.
    @Test(.enabled(if: TestBackend.postgresURL != nil))
    func postgresAnswersExactlyAsSQLite() async throws {
        let (a, b) = (try await Self.sqlite.value(), try await Self.postgres.value())
        // The data-version fingerprint has one definition: the same content gives the same text.
        #expect(try await a.dataVersion() == b.dataVersion())
        #expect(try await a.dataVersion().split(separator: ":").count == 11)
        #expect(try await a.list() == b.list())
        #expect(try await a.ids() == b.ids())
        #expect(try await a.latestDay() == b.latestDay())
        #expect(try await a.rankingList() == b.rankingList())
        for asOf in [day("2008-10-01"), day("2021-11-10"), day("2024-12-31")] {
            #expect(try await a.list(asOf: asOf) == b.list(asOf: asOf))
            #expect(try await a.rankingList(asOf: asOf) == b.rankingList(asOf: asOf))
            let request = DataRequest.everything
            let (x, y) = (try await a.marketData(for: request, asOf: asOf), try await b.marketData(for: request, asOf: asOf))
            #expect(x.bars.keys.sorted() == y.bars.keys.sorted())
            for (id, bars) in x.bars {
                #expect(sameColumns(bars, y.bars[id]!), "\(id) as of \(asOf.iso)")
                #expect(bars.availableAt == y.bars[id]!.availableAt, "\(id) as of \(asOf.iso)")
            }
            #expect(x.rankings.keys.sorted() == y.rankings.keys.sorted())
            for (id, t) in x.rankings {
                let u = y.rankings[id]!
                #expect(t.days == u.days && t.offsets == u.offsets, "\(id)")
                #expect(t.rank == u.rank && t.symbol == u.symbol && t.name == u.name, "\(id)")
                #expect(sameValues(t.price, u.price) && sameValues(t.marketCap, u.marketCap) && sameValues(t.volume, u.volume), "\(id)")
            }
        }
    }
}

import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import RiskflowTestSupport
import Testing

/// Each provider against the loopback server in its real format: stored values, days,
/// volumes, and the conventions (time zones, 00:00 UTC snapshots, pagination, adjusted closes).
@Suite("data sync: providers") struct SyncProviderTests {
    @Test func yahooTakesTheExchangeDayTheAdjustedCloseAndSkipsNullRows() async throws {
        try await withMockProviders { mock, port in
            let days = weekdays("2026-06-01", "2026-06-30")
            var s = MockProviders.Series(days: days, close: path(days.count))
            s.dividendDay = day("2026-06-15")
            s.dividendFactor = 0.98
            mock.set("SPY", s)
            let store = try await tempStore()
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let results = await engine.run(try await engine.plan(symbols: ["SPY"], provider: nil, since: nil))
            #expect(results.count == 1)
            #expect(results[0].status == .updated, "\(results[0])")
            #expect(results[0].rowsAdded == days.count)
            let b = try await store.bars("SPY")
            // Stamped 20:00 New York (00:00 UTC the next day): the New York day is kept.
            #expect(b.days == days)
            #expect(b.close[0] == s.close[0] * 0.98)  // adjusted before the dividend
            #expect(close(b.open[0], s.close[0] * 0.99 * 0.98))  // open scaled by adjclose / close
            #expect(b.close.last == s.close.last)
            #expect(b.volume[0] == 1_000_000)
            let meta = try await store.metadata("SPY")
            #expect(meta.kind == .etf && meta.unit == .usd && meta.calendar == .nyse)
        }
    }

    @Test func yahooDropsTodaysBarWhileTheSessionRuns() async throws {
        try await withMockProviders { mock, port in
            let days = weekdays("2026-06-01", "2026-06-10")
            mock.set("^RUT", .init(days: days, close: path(days.count)), instrumentType: "INDEX")
            let store = try await tempStore()
            // 2026-06-10 15:00 New York: the session of the 10th has not closed.
            let now = Date(timeIntervalSince1970: Double(day("2026-06-10").rawValue) * 86_400 + 19 * 3600)
            let engine = SyncEngine(
                store: store, settings: mockSettings(port: port, symbols: ["RUT": .init(provider: .yahoo, id: "^RUT")]),
                environment: [:], now: now)
            let r = await engine.run(try await engine.plan(symbols: ["RUT"], provider: nil, since: nil))
            #expect(r[0].lastNew == day("2026-06-09"), "\(r[0])")
            #expect(try await store.metadata("RUT").kind == .index)
        }
    }

    @Test func coingeckoKeepsMidnightPointsAsThePreviousDaysClose() async throws {
        try await withMockProviders { mock, port in
            let days = everyDay("2026-01-01", "2026-06-30")
            mock.set("ethereum", .init(days: days, close: path(days.count, start: 2000)))
            let store = try await tempStore()
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["ETH"], provider: .coingecko, since: day("2026-06-01")))
            #expect(r[0].status == .updated, "\(r[0])")
            let b = try await store.bars("ETH")
            #expect(b.days.first == day("2026-06-01") && b.days.last == day("2026-06-30"))
            #expect(b.close.last == path(days.count, start: 2000).last)  // not the "current price" point
            #expect(b.marketCap.last == b.close.last! * 1e7)
            // A 30-day window was asked as more than 90 days, so the points are daily.
            let q = try #require(mock.requests.first { $0.contains("market_chart") })
            #expect(q.contains("from=\(Int64(day("2026-06-01").rawValue + 1) * 86_400 - 62 * 86_400)") || q.contains("from="))
        }
    }

    @Test func binancePaginatesAndDropsTheOpenKline() async throws {
        try await withMockProviders { mock, port in
            let days = everyDay("2022-01-01", "2026-06-30")  // 1,642 klines: two pages
            mock.set("BTCUSDT", .init(days: days, close: path(days.count, start: 30_000)))
            let store = try await tempStore()
            let now = Date(timeIntervalSince1970: Double(day("2026-06-30").rawValue) * 86_400 + 3600)  // the 30th is still open
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: now)
            let r = await engine.run(try await engine.plan(symbols: ["BTC"], provider: .binance, since: nil))
            #expect(r[0].status == .updated, "\(r[0])")
            #expect(r[0].rowsAdded == days.count - 1)
            // Two pages: two distinct requests (a retry after a timeout on a loaded machine
            // repeats one of them, so attempts are not counted).
            #expect(Set(mock.requests.filter { $0.contains("BTCUSDT") }).count == 2, "\(mock.requests)")
            let b = try await store.bars("BTC")
            #expect(b.days.last == day("2026-06-29"))
            #expect(b.volume[0] == MockProviders.volume(0) * 30_000)  // quote-asset volume
        }
    }

    @Test func stooqAsksOnlyForTheNewDays() async throws {
        try await withMockProviders { mock, port in
            let days = weekdays("2026-05-01", "2026-06-30")
            mock.set("^spx", .init(days: days, close: path(days.count, start: 5000)))
            let store = try await tempStore()
            try await seed(store, "SPX", days: Array(days.prefix(20)), close: Array(path(days.count, start: 5000).prefix(20)), kind: .index, unit: .indexPoints, calendar: .nyse)
            let settings = mockSettings(port: port, symbols: ["SPX": .init(provider: .stooq, id: "^spx")])
            let engine = SyncEngine(store: store, settings: settings, environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["SPX"], provider: nil, since: nil))
            #expect(r[0].rowsAdded == days.count - 20 && r[0].revisions == 0, "\(r[0])")
            let from = days[19] - 10
            #expect(mock.requests.contains { $0.contains("d1=\(from.iso.replacingOccurrences(of: "-", with: ""))") })
        }
    }

    @Test func fredCSVWithoutKeyUsesThePublicationRule() async throws {
        try await withMockProviders { mock, port in
            let weds = everyDay("2026-01-07", "2026-06-24").filter { $0.weekday == .wednesday }
            mock.set("WALCL", .init(days: weds, close: path(weds.count, start: 6_600_000)))
            let store = try await tempStore()
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["WALCL"], provider: nil, since: nil))
            #expect(r[0].status == .updated, "\(r[0])")
            let meta = try await store.metadata("WALCL")
            #expect(meta.unit == .millionsUSD && meta.calendar == .weekly)  // the catalogue's unit
            // Wednesday's level is known on Thursday.
            #expect(try await store.bars("WALCL", asOf: weds[3]).days.last == weds[2])
            #expect(try await store.bars("WALCL", asOf: weds[3] + 1).days.last == weds[3])
        }
    }

    @Test(arguments: TestBackend.available)
    func alfredVintagesAreStoredWithTheirPublicationDay(backend: TestBackend) async throws {
        try await withMockProviders { mock, port in
            let weds = everyDay("2026-01-07", "2026-03-25").filter { $0.weekday == .wednesday }
            var s = MockProviders.Series(days: weds, close: path(weds.count, start: 6_600_000))
            // The level of Jan 14 revised on Feb 5.
            s.vintages = [(weds[1], day("2026-02-05"), 1_234_567)]
            mock.set("WALCL", s)
            let store = try await tempStore(backend)
            let key = "abcdefghijklmnopqrstuvwxyz012345"
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: ["FRED_API_KEY": key], now: noon("2026-04-01"))
            let r = await engine.run(try await engine.plan(symbols: ["WALCL"], provider: nil, since: nil))
            #expect(r[0].status == .updated, "\(r[0])")
            #expect(r[0].rowsAdded == weds.count)
            #expect(mock.requests.contains { $0.contains("api_key=\(key)") && $0.contains("realtime_end=9999-12-31") })
            let before = try await store.bars("WALCL", asOf: day("2026-02-04"))
            let after = try await store.bars("WALCL", asOf: day("2026-02-05"))
            #expect(before.close[1] == s.close[1])
            #expect(after.close[1] == 1_234_567)
            #expect(after.availableAt?[1] == day("2026-02-05"))
            #expect(before.availableAt?[0] == weds[0] + 1)  // realtime_start of the first release
        }
    }

    @Test(arguments: TestBackend.available)
    func coingeckoMarketsBecomeTheDaysRankingSnapshot(backend: TestBackend) async throws {
        try await withMockProviders { mock, port in
            mock.setMarkets([("bitcoin", "BTC", 2e12), ("ethereum", "ETH", 5e11), ("tether", "USDT", 1.5e11)])
            let store = try await tempStore(backend)
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["COINGECKO-DAILY"], provider: nil, since: nil))
            #expect(r[0].status == .updated && r[0].rowsAdded == 3, "\(r[0])")
            let t = try await store.ranking("COINGECKO-DAILY")
            #expect(t.days == [day("2026-07-01")])
            #expect(t.symbol == ["BTC", "ETH", "USDT"])
            let again = await engine.run(try await engine.plan(symbols: ["COINGECKO-DAILY"], provider: nil, since: nil))
            #expect(again[0].status == .unchanged)
        }
    }
}

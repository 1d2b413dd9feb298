import Foundation
import RiskflowCore
import RiskflowData
import RiskflowProviderMock
import RiskflowTestSupport
import Testing

/// Revisions, retries and failures: what is stored, and that a failure stores nothing.
@Suite("data sync: revisions and failures") struct SyncRobustnessTests {
    /// A store holding ETH (2026-01-01 … 2026-06-20) and the mock serving it through 06-30.
    func setUp(_ mock: MockProviders, _ backend: TestBackend = .sqlite) async throws -> (any RiskflowStore, [Day], [Double]) {
        let days = everyDay("2026-01-01", "2026-06-30")
        let values = path(days.count, start: 2000)
        mock.set("ethereum", .init(days: days, close: values))
        let store = try await tempStore(backend)
        try await seed(store, "ETH", days: Array(days.prefix(171)), close: Array(values.prefix(171)), kind: .crypto, unit: .usd, calendar: .daily)
        return (store, days, values)
    }

    @Test(arguments: TestBackend.available)
    func aRevisionInTheOverlapIsANewRowNotAnOverwrite(backend: TestBackend) async throws {
        try await withMockProviders { mock, port in
            let (store, days, values) = try await setUp(mock, backend)
            mock.revise("ethereum", day: day("2026-06-15"), close: 9_999)
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["ETH"], provider: nil, since: nil))
            #expect(r[0].status == .updated)
            #expect(r[0].rowsAdded == days.count - 171)
            #expect(r[0].revisions == 1)
            #expect(r[0].firstNew == day("2026-06-21") && r[0].lastNew == day("2026-06-30"))
            // Known on the day of the sync; before it, the old value.
            let i = days.firstIndex(of: day("2026-06-15"))!
            #expect(try await store.bars("ETH", asOf: day("2026-06-30")).close[i] == values[i])
            #expect(try await store.bars("ETH", asOf: day("2026-07-01")).close[i] == 9_999)
            // Synced again: nothing new.
            let again = await engine.run(try await engine.plan(symbols: ["ETH"], provider: nil, since: nil))
            #expect(again[0].status == .unchanged && again[0].rowsAdded == 0 && again[0].revisions == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func aNewDividendRefetchesTheWholeAdjustedSeries(backend: TestBackend) async throws {
        try await withMockProviders { mock, port in
            let days = weekdays("2026-01-01", "2026-06-30")
            let values = path(days.count)
            let store = try await tempStore(backend)
            try await seed(store, "IWM", days: Array(days.prefix(100)), close: Array(values.prefix(100)), kind: .etf, unit: .usd, calendar: .nyse)
            var s = MockProviders.Series(days: days, close: values)
            s.dividendDay = days[95]  // ex-dividend inside the overlap: every earlier close re-adjusted
            s.dividendFactor = 0.99
            mock.set("IWM", s)
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["IWM"], provider: nil, since: nil))
            #expect(r[0].status == .updated, "\(r[0])")
            #expect(r[0].revisions == 95)  // every day before the dividend, not just the overlap
            // The incremental request, then the whole series: two distinct requests (a retry
            // after a timeout on a loaded machine repeats one, so attempts are not counted).
            #expect(Set(mock.requests.filter { $0.contains("IWM") }).count == 2, "\(mock.requests)")
            let old = try await store.bars("IWM", asOf: day("2026-06-30"))
            let new = try await store.bars("IWM", asOf: day("2026-07-01"))
            #expect(old.close[0] == values[0] && close(new.close[0], values[0] * 0.99))
        }
    }

    @Test func retriesHonourRetryAfterAndServerErrors() async throws {
        try await withMockProviders { mock, port in
            let (store, _, _) = try await setUp(mock)
            mock.setBehaviour("ethereum", .rateLimited(times: 1, retryAfter: 1))
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let start = ContinuousClock.now
            let r = await engine.run(try await engine.plan(symbols: ["ETH"], provider: nil, since: nil))
            #expect(r[0].status == .updated, "\(r[0])")
            #expect(mock.attempts("ethereum") == 2)
            #expect(ContinuousClock.now - start >= .seconds(1))  // waited as asked
            mock.setBehaviour("ethereum", .serverError(times: 2))
            let again = await engine.run(try await engine.plan(symbols: ["ETH"], provider: nil, since: nil))
            #expect(again[0].status == .unchanged, "\(again[0])")
            #expect(mock.attempts("ethereum") == 3)
        }
    }

    @Test(arguments: [
        (MockProviders.Behaviour.truncated, "truncated"),
        (.html, "HTML page"),
        (.malformed, "JSON"),
        (.empty, "no price"),
        (.unknown, "no coin"),
        (.serverError(times: 99), "HTTP 500 after 3 attempts"),
        (.slow(seconds: 3), "no answer within 1 s"),
    ])
    func aFailureNamesProviderSymbolAndURLAndLeavesTheStoreUnchanged(
        behaviour: MockProviders.Behaviour, words: String
    ) async throws {
        try await withMockProviders { mock, port in
            let (store, _, _) = try await setUp(mock)
            // The other series comes from another provider, with its own (generous) timeout.
            mock.set("BTCUSDT", .init(days: everyDay("2026-06-01", "2026-06-30"), close: path(30, start: 60_000)))
            mock.setBehaviour("ethereum", behaviour)
            let before = try await allRows(store, "ETH")
            // Only the slow case is about the deadline; the others get a generous one so that a
            // loaded machine cannot turn their error into a timeout.
            let timeout: Double = if case .slow = behaviour { 1 } else { 30 }
            var settings = mockSettings(port: port, timeout: timeout, symbols: ["BTC": .init(provider: .binance, id: "BTCUSDT")])
            settings.providers[.binance]?.timeoutSeconds = 30
            let engine = SyncEngine(store: store, settings: settings, environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["ETH", "BTC"], provider: nil, since: nil))
            let eth = r[0]
            #expect(eth.status == .failed)
            let message = try #require(eth.error)
            #expect(message.hasPrefix("CoinGecko ETH: "), "\(message)")
            #expect(message.contains(words), "\(message)")
            #expect(message.contains("http://127.0.0.1:\(port)/api/v3/coins/ethereum/market_chart/range?"), "\(message)")
            #expect(try await allRows(store, "ETH") == before)
            #expect(try await store.syncStates()["ETH"]?.status == .failed)
            // The other series is synced all the same.
            #expect(r[1].status == .updated && r[1].rowsAdded == 30)
        }
    }

    @Test func invalidDataIsRefusedWhole() async throws {
        try await withMockProviders { mock, port in
            let (store, days, values) = try await setUp(mock)
            var bad = values
            bad[175] = -1
            mock.set("ethereum", .init(days: days, close: bad))
            let before = try await allRows(store, "ETH")
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: [:], now: noon("2026-07-01"))
            let r = await engine.run(try await engine.plan(symbols: ["ETH"], provider: nil, since: nil))
            #expect(r[0].status == .failed)
            #expect(r[0].error?.contains("not a positive price") == true, "\(r[0])")
            #expect(try await allRows(store, "ETH") == before)
        }
    }

    @Test func theAPIKeyNeverAppearsInErrorsOrPreviews() async throws {
        try await withMockProviders { mock, port in
            let key = "0123456789abcdef0123456789abcdef"
            mock.setBehaviour("WALCL", .serverError(times: 99))
            let store = try await tempStore()
            let engine = SyncEngine(store: store, settings: mockSettings(port: port), environment: ["FRED_API_KEY": key], now: noon("2026-07-01"))
            let plan = try await engine.plan(symbols: ["WALCL"], provider: nil, since: day("2026-01-01"))
            let preview = try engine.preview(plan)
            #expect(preview[0].url.contains("api_key=REDACTED") && !preview[0].url.contains(key))
            let r = await engine.run(plan)
            #expect(r[0].status == .failed)
            #expect(r[0].error?.contains("api_key=REDACTED") == true, "\(r[0])")
            #expect(r[0].error?.contains(key) == false)
            #expect(try await store.syncStates()["WALCL"]?.error?.contains(key) == false)
            #expect(mock.requests.contains { $0.contains(key) })  // it was sent, just never shown
        }
    }

    @Test func aMalformedKeyIsRefusedWithoutPrintingIt() async throws {
        let store = try await tempStore()
        let engine = SyncEngine(store: store, settings: SyncSettings(), environment: ["FRED_API_KEY": "NOT-A-KEY-secret"])
        let e = #expect(throws: SyncError.self) { _ = try engine.provider(.fred) }
        #expect(e?.message.contains("NOT-A-KEY") == false)
        #expect(e?.code == .config)
    }

    @Test func rateLimitSpacesRequestsAcrossConcurrentFetches() async throws {
        try await withMockProviders { mock, port in
            let days = everyDay("2026-06-01", "2026-06-30")
            for id in ["bitcoin", "ethereum", "solana", "ripple"] { mock.set(id, .init(days: days, close: path(30, start: 10))) }
            let store = try await tempStore()
            // 240 per minute: four requests at least 0.25 s apart, whatever the concurrency.
            let engine = SyncEngine(store: store, settings: mockSettings(port: port, rate: 240), environment: [:], now: noon("2026-07-01"))
            let start = ContinuousClock.now
            let r = await engine.run(try await engine.plan(symbols: ["BTC", "ETH", "SOL", "XRP"], provider: nil, since: nil))
            #expect(r.allSatisfy { $0.status == .updated })
            #expect(ContinuousClock.now - start >= .milliseconds(740))
        }
    }

    @Test func planMapsDefaultsOverridesAndTheBinanceAlternative() async throws {
        let store = try await tempStore()
        try await seed(store, "ETH", days: everyDay("2026-01-01", "2026-01-31"), close: path(31), kind: .crypto, unit: .usd, calendar: .daily)
        try await seed(store, "SPY", days: weekdays("2026-01-01", "2026-01-31"), close: path(22), kind: .etf, unit: .usd, calendar: .nyse)
        let settings = SyncSettings(symbols: ["SPY": .init(provider: .stooq, id: "spy.us"), "SOFR": .init(provider: .fred, id: "SOFR", unit: .percent)])
        let engine = SyncEngine(store: store, settings: settings, environment: [:], now: noon("2026-02-10"))
        let all = try await engine.plan(symbols: [], provider: nil, since: nil)
        #expect(all.map(\.symbol) == ["COINGECKO-DAILY", "ETH", "SOFR", "SPY"])
        #expect(all[1].mapping == SymbolMapping(provider: .coingecko, id: "ethereum"))
        #expect(all[1].from == day("2026-01-21"))  // last day − 10
        #expect(all[2].from == nil && all[2].metadata == nil)  // created by the sync
        #expect(all[3].mapping.provider == .stooq)
        let binance = try await engine.plan(symbols: [], provider: .binance, since: nil)
        #expect(binance.map(\.symbol) == ["ETH"] && binance[0].mapping.id == "ETHUSDT")
        #expect(try await engine.plan(symbols: [], provider: .fred, since: day("2025-01-01")).map(\.from) == [day("2025-01-01")])
        let e = await #expect(throws: SyncError.self) { _ = try await engine.plan(symbols: ["NOPE"], provider: nil, since: nil) }
        #expect(e?.message.contains("[sync.symbols] NOPE") == true)
    }
}

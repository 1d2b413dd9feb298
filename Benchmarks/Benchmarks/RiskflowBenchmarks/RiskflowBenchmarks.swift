import Benchmark
import BenchSupport
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowSignals
import RiskflowStats

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("riskflow-bench")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .milliseconds, maxDuration: .seconds(5),
        maxIterations: 20)

    // CSV parse of a generated 1,000,000-row canonical file.
    Benchmark("CSV parse, 1,000,000 canonical rows") { benchmark in
        let url = try Workloads.canonicalCSV(rows: 1_000_000, folder: scratch)
        let bytes = [UInt8](try Data(contentsOf: url))
        benchmark.startMeasurement()
        blackHole(try CSVParser.parse(bytes, file: "canonical.csv"))
    }

    // Import of the same rows into a fresh store (one transaction).
    Benchmark("Store import, 1,000,000 rows", configuration: .init(maxIterations: 5)) { benchmark in
        let url = try Workloads.canonicalCSV(rows: 1_000_000, folder: scratch)
        let parsed = try CSVParser.parse([UInt8](try Data(contentsOf: url)), file: "canonical.csv")
        let bars = parsed.bars(id: "BIG", unit: .usd, calendar: .daily)
        let folder = scratch.appendingPathComponent("import-\(UUID().uuidString)")
        let store = try await Store.open(folder.appendingPathComponent("bench.sqlite").path)
        let meta = SeriesMetadata(id: "BIG", kind: .etf, unit: .usd, calendar: .daily, source: "bench")
        benchmark.startMeasurement()
        try await store.replace(bars, metadata: meta, origin: ImportOrigin(origin: "bench", format: "canonical"))
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(at: folder)
    }

    // As-of load of 20 series of 10,000 daily rows.
    Benchmark("As-of load, 20 series × 10,000 rows") { benchmark in
        let store = try await Workloads.store(series: 20, rows: 10_000, folder: scratch.appendingPathComponent("asof"))
        let symbols = (0..<20).map { "S\($0)" }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await store.marketData(symbols, asOf: Day(rawValue: 15_000)))
        }
    }

    // Lead-lag on 5,000 rows: Granger lags 1…8 both ways + VAR order 0…8 + xcorr ±20,
    // and rolling windows of 260 rows (step 1) with Granger both ways.
    let walkX = Workloads.randomWalk(count: 5_001, seed: 11)
    let walkY = Workloads.randomWalk(count: 5_001, seed: 12)
    let rx = (1..<walkX.count).map { walkX[$0] / walkX[$0 - 1] - 1 }
    let ry = (1..<walkY.count).map { walkY[$0] / walkY[$0 - 1] - 1 }
    Benchmark("Lead-lag single, 5,000 rows") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Granger.testBothWays(x: rx, y: ry, maxLag: 8))
            blackHole(try VAROrderSelection.select([ry, rx], maxLag: 8))
            blackHole(CrossCorrelation.compute(x: rx, y: ry, maxLag: 20))
        }
    }
    Benchmark("Lead-lag rolling, 260-row windows over 5,000 rows", configuration: .init(maxIterations: 5)) { benchmark in
        let moves = AlignedMoves(days: (0..<rx.count).map { Day(rawValue: Int32($0)) }, x: rx, y: ry)
        for _ in benchmark.scaledIterations {
            blackHole(LeadLag.rollingWindows(moves, window: 260, step: 1, maxLag: 8))
        }
    }

    // Every signal over the full bundled history (data loaded once, outside the timing).
    let config = SignalConfig()
    Benchmark("Signal: breakouts (RUT since 1987)") { benchmark in
        let bundled = try await Bundled.data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try BreakoutDetector.detect(bundled.0, config: config.breakout)) }
    }
    Benchmark("Signal: net liquidity (weekly since 2003)") { benchmark in
        let bundled = try await Bundled.data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try LiquidityModel.compute(bundled.0, config: config.liquidity)) }
    }
    Benchmark("Signal: alt season index (all days, all coins)") { benchmark in
        let bundled = try await Bundled.data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try AltSeasonModel.compute(bundled.0, coins: bundled.1, config: config.altseason))
        }
    }
    Benchmark("Signal: risk-curve stage (every GSPC session since 1927)") { benchmark in
        let bundled = try await Bundled.data()
        let breakouts = try BreakoutDetector.detect(bundled.0, config: config.breakout)
        let alt = try AltSeasonModel.compute(bundled.0, coins: bundled.1, config: config.altseason)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(RiskCurveStage.compute(bundled.0, config: config.stage, breakouts: breakouts, altSeason: alt))
        }
    }
    Benchmark("Signal: supercycle (with the alt basket)") { benchmark in
        let bundled = try await Bundled.data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(Supercycle.compute(bundled.0, config: config))
        }
    }

    // The event study: qualified RUT breakouts, 4 followers × 4 horizons, 10,000
    // permutation and bootstrap draws each (issue 10: aim < 50 ms).
    Benchmark("Event study, 4 followers × 4 horizons, 10,000 draws") { benchmark in
        let bundled = try await Bundled.data()
        var settings = EventStudySettings()
        settings.horizons = [30, 60, 90, 180]
        settings.draws = 10_000
        let job = EventsJob(
            config: config, source: .breakouts(.qualified), followers: ["ETH", "BTC", "ALTS", "GSPC"], settings: settings)
        let basket = AltBasket.build(bundled.0, config: config.altseason)
        let followers = [bundled.0.closes("ETH")!, bundled.0.closes("BTC")!, basket, bundled.0.closes("GSPC")!]
        let days = EventsJob.eventDays(
            try BreakoutDetector.detect(bundled.0, config: config.breakout), .qualified, index: bundled.0["RUT"],
            config: config.breakout)
        blackHole(job)
        let fixed = settings
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole((0..<followers.count).map { k in
                EventStudy.run(events: days, follower: followers[k], settings: fixed, stream: UInt64(k))
            })
        }
    }
    // The sweep's default grid on BTC daily (issue 11: ≤ 5 ms of compute on 2 cores), and
    // with the per-block sums PBO needs.
    Benchmark("Sweep 2,626 combos, BTC daily (no PBO)") { benchmark in
        let bundled = try await Bundled.data()
        let btc = bundled.0.closes("BTC")!
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let sweep = Sweep(closes: btc.values, lookbacks: Array(stride(from: 20, through: 520, by: 5)), holds: Array(stride(from: 5, through: 130, by: 5)), costs: Costs())
            blackHole(Parallel.map(2626) { i in sweep.evaluate(lookback: i / 26, hold: 5 + 5 * (i % 26)) })
        }
    }
    Benchmark("Sweep 2,626 combos + CSCV PBO (16 blocks, 12,870 splits)", configuration: .init(maxIterations: 5)) { benchmark in
        let bundled = try await Bundled.data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try SweepJob(symbol: "BTC").run(bundled.0))
        }
    }
    Benchmark("Scorecard (every claim, 10,000 draws)") { benchmark in
        let bundled = try await Bundled.data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try ScorecardJob().run(bundled.0)) }
    }

    // Rolling std and max over 10,000,000 values (window 50).
    let values = Workloads.randomWalk(count: 10_000_000)
    Benchmark("Rolling std, 1e7 values, w=50") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(rollingStd(values, window: 50)) }
    }
    Benchmark("Rolling max, 1e7 values, w=50") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(rollingMax(values, window: 50)) }
    }
}

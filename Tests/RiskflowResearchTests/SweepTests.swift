import Foundation
import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowStats
import RiskflowTestSupport
import Testing

/// The sweep against vectorbt with the entries shifted one row
/// (`Fixtures/make_sweep_fixtures.py`), against the backtest engine combo by combo, and
/// the overfitting guards against the paper's example.
@Suite("sweep and overfitting guards") struct SweepTests {
    struct Fixture: Decodable {
        struct Combo: Decodable {
            var lookback, hold, trades: Int
            var total_return, final_value, max_drawdown: Double
        }
        var combos: [Combo]
    }

    static let btc: Bars = {
        let path = "crypto/BTC.csv"
        let bytes = [UInt8](try! Data(contentsOf: BundledSnapshot.folder.appendingPathComponent(path)))
        // The rows the fixtures were made from: the bundled file before the 2026-12 refresh.
        return try! CSVParser.parse(bytes, file: path).bars(id: "BTC", unit: .usd, calendar: .daily)
            .slice(to: day("2026-08-20"))
    }()

    @Test func totalReturnsTradesAndDrawdownsEqualVectorbtShiftedOneRow() throws {
        let url = Bundle.module.url(forResource: "sweep_vbt", withExtension: "json")!
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let lookbacks = Array(Set(fixture.combos.map(\.lookback))).sorted(), holds = Array(Set(fixture.combos.map(\.hold))).sorted()
        let sweep = Sweep(closes: Self.btc.close, lookbacks: lookbacks, holds: holds, costs: Costs())
        for c in fixture.combos {
            let (o, _, _) = sweep.evaluate(lookback: lookbacks.firstIndex(of: c.lookback)!, hold: c.hold)
            #expect(abs(100 * (1 + o.totalReturn) - c.final_value) <= 1e-9 * c.final_value, "\(c.lookback)/\(c.hold)")
            #expect(o.trades == c.trades, "\(c.lookback)/\(c.hold)")
            #expect(close(o.maxDrawdown, c.max_drawdown, relative: 1e-9), "\(c.lookback)/\(c.hold)")
        }
    }

    @Test func everyComboEqualsTheBacktestEngine() throws {
        let data = MarketData(asOf: Self.btc.days.last!, bars: ["BTC": Self.btc])
        let lookbacks = [10, 50, 300], holds = [1, 7, 60]
        let sweep = Sweep(closes: Self.btc.close, lookbacks: lookbacks, holds: holds, costs: Costs())
        for (li, n) in lookbacks.enumerated() {
            for h in holds {
                let (o, _, _) = sweep.evaluate(lookback: li, hold: h)
                let r = try BacktestJob(symbol: "BTC", strategy: .newHigh(lookback: n, holdRows: h)).run(data)
                #expect(close(o.totalReturn, r.metrics.totalReturn, relative: 1e-9), "\(n)/\(h)")
                #expect(close(o.maxDrawdown, r.metrics.maxDrawdown, relative: 1e-9), "\(n)/\(h)")
                #expect(o.trades == r.metrics.trades, "\(n)/\(h)")
                #expect(close(o.sharpePerPeriod * 365.0.squareRoot(), r.metrics.sharpe, relative: 1e-8), "\(n)/\(h)")
            }
        }
    }

    @Test func chunksFromAnywhereInAnyOrderAssembleToTheSameResultBitForBit() throws {
        let data = MarketData(asOf: Self.btc.days.last!, bars: ["BTC": Self.btc])
        let job = SweepJob(symbol: "BTC", lookbacks: .init(start: 10, end: 200, step: 10), holds: .init(start: 5, end: 60, step: 5), pboBlocks: 8)
        let local = try job.run(data)
        let plan = try job.prepare(data)
        #expect(plan.total == 20 * 12)
        // Uneven chunks, evaluated separately, shipped as JSON (as a worker would), shuffled.
        var g = SplitMix64(seed: 3)
        var chunks: [SweepChunk] = []
        var first = 0
        while first < plan.total {
            let count = min(plan.total - first, 1 + Int(g.nextUnit() * 37))
            let chunk = plan.evaluate(first: first, count: count)
            // Through JSON or through the binary wire format, alternately.
            chunks.append(
                chunks.count.isMultiple(of: 2)
                    ? try JSONDecoder().decode(SweepChunk.self, from: JSONEncoder().encode(chunk))
                    : try SweepWire.decode(chunk: SweepWire.encode(chunk: chunk)))
            first += count
        }
        chunks.reverse()
        chunks.swapAt(0, chunks.count / 2)
        let assembled = try job.assemble(plan, chunks: chunks)
        #expect(assembled == local)
        #expect(assembled.pbo != nil && assembled.dsr != nil)
        // A missing or doubled chunk is an error, not a quietly different answer.
        #expect(throws: SweepError.self) { try job.assemble(plan, chunks: Array(chunks.dropFirst())) }
        #expect(throws: SweepError.self) { try job.assemble(plan, chunks: chunks + [chunks[0]]) }
    }

    @Test func theBinaryChunkFormatKeepsEveryBitAndRefusesTruncation() throws {
        let data = MarketData(asOf: Self.btc.days.last!, bars: ["BTC": Self.btc])
        let plan = try SweepJob(symbol: "BTC", lookbacks: .init(start: 10, end: 30, step: 10), holds: .init(start: 5, end: 10, step: 5), pboBlocks: 4)
            .prepare(data)
        var chunk = plan.evaluate(first: 2, count: 4)
        chunk.outcomes[0].sharpePerPeriod = .nan
        chunk.outcomes[1].maxDrawdown = -0.0
        chunk.blockSums[0][0] = .infinity
        let bytes = SweepWire.encode(chunk: chunk)
        #expect(bytes.count == 24 + 4 * (32 + 16 * 4))
        let back = try SweepWire.decode(chunk: bytes)
        #expect(back.first == 2 && back.outcomes.count == 4)
        #expect(back.outcomes[0].sharpePerPeriod.isNaN && back.outcomes[1].maxDrawdown.sign == .minus)
        #expect(SweepWire.encode(chunk: back) == bytes)
        #expect(throws: SweepError.self) { try SweepWire.decode(chunk: Array(bytes.dropLast(8))) }
    }

    @Test func blockSumsAddUpToTheWholeCurve() {
        let sweep = Sweep(closes: Self.btc.close, lookbacks: [50], holds: [20], costs: Costs())
        let (whole, _, _) = sweep.evaluate(lookback: 0, hold: 20)
        let (again, sums, _) = sweep.evaluate(lookback: 0, hold: 20, blocks: 16)
        #expect(whole == again)
        #expect(sums.count == 16)
    }

    @Test func deflatedSharpeMatchesThePapersExample() {
        // Bailey and López de Prado (2014): N = 100, annualised SR 2.5 over T = 1,250 daily
        // returns at 250 a year, annualised variance 0.5, skewness −3, kurtosis 10: DSR ≈ 0.9004.
        let dsr = DeflatedSharpe.deflated(
            sharpe: 2.5 / 250.0.squareRoot(), observations: 1250, skewness: -3, kurtosis: 10, trials: 100, variance: 0.5 / 250)
        #expect(abs(dsr - 0.9004) < 5e-4, "\(dsr)")
        // Φ⁻¹ round trips.
        for p in [1e-10, 0.001, 0.02425, 0.3, 0.5, 0.9, 0.99, 1 - 1e-9] {
            #expect(close(Normal.cdf(Normal.quantile(p)), p, relative: 1e-12), "\(p)")
        }
        #expect(close(Normal.quantile(0.975), 1.959963984540054, relative: 1e-14))
        // Against scipy.stats.norm (values computed with scipy 1.17 from the same formulas).
        #expect(close(Normal.quantile(1e-10), -6.361340902404056, relative: 1e-13))
        #expect(close(Normal.quantile(0.3), -0.5244005127080409, relative: 1e-13))
        let cases: [(sr: Double, n: Int, v: Double, t: Int, g3: Double, g4: Double, sr0: Double, dsr: Double)] = [
            (0.0933, 2626, 1.2003e-4, 5879, 3.35, 62.81, 0.038567311864471016, 0.9999981580650676),
            (0.05, 100, 0.0004, 1000, -0.5, 4.0, 0.050612057864033694, 0.4923844701791912),
            (0.158, 100, 0.002, 1250, -3, 10, 0.11317200186513214, 0.8998574411316813),
        ]
        for c in cases {
            #expect(close(DeflatedSharpe.expectedMaximum(trials: c.n, variance: c.v), c.sr0, relative: 1e-12))
            let d = DeflatedSharpe.deflated(sharpe: c.sr, observations: c.t, skewness: c.g3, kurtosis: c.g4, trials: c.n, variance: c.v)
            #expect(close(d, c.dsr, relative: 1e-10), "\(d)")
        }
    }

    @Test func pboIsNearOneForPureNoiseAndNearZeroForARealEdge() {
        // 50 trials × 16 blocks. Noise: the in-sample best is random out of sample.
        var g = SplitMix64(seed: 11)
        func noise() -> Double { (g.nextUnit() - 0.5) * 0.02 }
        let m = 50
        var sums: [[Double]] = [], squares: [[Double]] = []
        for i in 0..<50 {
            var s = [Double](repeating: 0, count: 16), q = s
            for b in 0..<16 {
                for _ in 0..<m {
                    // Trial 0 has a real edge in the edge case below; here all are noise.
                    let r = noise()
                    s[b] += r
                    q[b] += r * r
                }
            }
            _ = i
            sums.append(s)
            squares.append(q)
        }
        let noisy = CSCV.pbo(sums: sums, squares: squares, rowsPerBlock: m)!
        #expect(noisy.splits == 12_870 && noisy.blocks == 16)
        #expect(noisy.pbo > 0.3)
        // Give trial 0 a strong edge in every block: it wins in and out of sample.
        for b in 0..<16 {
            sums[0][b] += 0.01 * Double(m)
            squares[0][b] += 0.0001 * Double(m) + 2 * 0.01 * sums[0][b] / 2
        }
        let edge = CSCV.pbo(sums: sums, squares: squares, rowsPerBlock: m)!
        #expect(edge.pbo < 0.05)
    }

    @Test func badRangesAreClearErrors() throws {
        #expect(throws: SweepError.self) { try SweepRange(parsing: "520:20:5", name: "--lookbacks") }
        #expect(throws: SweepError.self) { try SweepRange(parsing: "20:520:0", name: "--lookbacks") }
        #expect(throws: SweepError.self) { try SweepRange(parsing: "a:b", name: "--holds") }
        #expect(try SweepRange(parsing: "20:520:5", name: "x").values.count == 101)
        #expect(try SweepRange(parsing: "5:130:5", name: "x").values.count == 26)
    }
}

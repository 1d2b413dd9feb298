import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// `riskflow walkforward`: choose the best `new-high` combo on each training window, trade
/// it on the following test window, and stitch the out-of-sample value curve.
///
/// Test windows are consecutive runs of `test` calendar days, the first starting once a
/// full `train`-day training window exists; each training window is the `train` days
/// before its test window (from the first day with `anchored`). A signal on a test row
/// uses only closes up to that row and the combo chosen for its window; it fills on the
/// next row, and a position keeps the hold of the window that opened it (it may close in
/// the next window). No choice uses data from after its training window's end.
public struct WalkForwardJob: Job {
    public enum Metric: String, Sendable, Codable, CaseIterable {
        case sharpe
        case totalReturn = "total_return"
    }

    public var symbol: String
    public var lookbacks: SweepRange
    public var holds: SweepRange
    public var train: Int
    public var test: Int
    public var anchored: Bool
    public var metric: Metric
    public var costs: Costs
    public var pboBlocks: Int?
    public var periodsPerYear: Double?
    public var config: SignalConfig

    public init(
        symbol: String, lookbacks: SweepRange = .init(start: 20, end: 520, step: 5), holds: SweepRange = .init(start: 5, end: 130, step: 5),
        train: Int = 730, test: Int = 182, anchored: Bool = false, metric: Metric = .sharpe, costs: Costs = .init(),
        pboBlocks: Int? = 16, periodsPerYear: Double? = nil, config: SignalConfig = .init()
    ) {
        self.symbol = symbol.uppercased()
        self.lookbacks = lookbacks
        self.holds = holds
        self.train = train
        self.test = test
        self.anchored = anchored
        self.metric = metric
        self.costs = costs
        self.pboBlocks = pboBlocks
        self.periodsPerYear = periodsPerYear
        self.config = config
    }

    public var inputs: DataRequest {
        symbol == AltBasket.symbol ? AltSeasonModel.inputs(config) : DataRequest(symbols: [symbol])
    }
    public var required: [String] { symbol == AltBasket.symbol ? [] : [symbol] }

    public func run(_ data: MarketData) throws -> WalkForwardResult {
        let (days, closes, calendar) = try SweepJob.prices(data, symbol: symbol, config: config, window: .init())
        let periods = periodsPerYear ?? BacktestJob.periods(calendar)
        let l = lookbacks.values, h = holds.values
        // The splits.
        var splits: [(trainLo: Int, trainHi: Int, testLo: Int, testHi: Int, trainStart: Day, start: Day, end: Day)] = []
        var testStart = days[0] + train
        while testStart <= days[days.count - 1] {
            let testEnd = testStart + test - 1
            let trainStart = anchored ? days[0] : testStart - train
            let trainLo = days.lowerBound(of: trainStart), trainHi = days.upperBound(of: testStart - 1)
            let testLo = days.lowerBound(of: testStart), testHi = days.upperBound(of: testEnd)
            if testHi > testLo && trainHi - trainLo > (l.max() ?? 0) + 1 {
                splits.append((trainLo, trainHi, testLo, testHi, trainStart, testStart, testEnd))
            }
            testStart = testStart + test
        }
        guard let first = splits.first else {
            throw SweepError(
                .tooLittleData,
                "\(symbol) has no split with \(train) training days longer than the longest lookback (\(l.max() ?? 0) rows) and a test window after it")
        }
        // Choose on each training window (only its rows).
        let chosen = try splits.map { s -> (lookback: Int, hold: Int, inSample: Double) in
            let trainCloses = Array(closes[s.trainLo..<s.trainHi])
            let usable = l.filter { $0 < trainCloses.count - 1 }
            guard !usable.isEmpty else { throw SweepError(.tooLittleData, "a training window is shorter than every lookback") }
            let sweep = Sweep(closes: trainCloses, lookbacks: usable, holds: h, costs: costs)
            let outcomes = Parallel.map(usable.count * h.count) { i in sweep.evaluate(lookback: i / h.count, hold: h[i % h.count]).0 }
            var best = 0
            func score(_ o: Sweep.Outcome) -> Double { metric == .sharpe ? o.sharpePerPeriod : o.totalReturn }
            for i in 1..<outcomes.count where score(outcomes[i]) > score(outcomes[best]) { best = i }
            let o = outcomes[best]
            return (usable[best / h.count], h[best % h.count], metric == .sharpe ? o.sharpePerPeriod * periods.squareRoot() : o.totalReturn)
        }
        // Trade the test windows as one stitched run from the first test row.
        let lo = first.testLo, hi = splits[splits.count - 1].testHi
        var entries = [Bool](repeating: false, count: hi - lo)
        var holdsByEntry = [Int](repeating: 0, count: hi - lo)
        var signals: [Int: [Bool]] = [:]  // by lookback; a row's signal uses closes up to it only
        for (k, s) in splits.enumerated() {
            let (n, hold) = (chosen[k].lookback, chosen[k].hold)
            let signal = signals[n] ?? NewHigh.signals(closes, lookback: n)
            signals[n] = signal
            for t in s.testLo..<s.testHi where t + 1 < hi && signal[t] {
                entries[t + 1 - lo] = true
                holdsByEntry[t + 1 - lo] = hold
            }
        }
        let oosDays = Array(days[lo..<hi]), oosCloses = Array(closes[lo..<hi])
        let run = BacktestEngine.run(
            days: oosDays, fill: oosCloses, close: oosCloses, entries: entries, exits: [Bool](repeating: false, count: hi - lo),
            hold: .rowsByEntry(holdsByEntry), costs: costs)
        let values = [100] + run.value
        let rows = zip(splits, chosen).map { s, c -> WalkForwardSplit in
            let segment = Array(values[(s.testLo - lo)...(s.testHi - lo)])
            let m = PerformanceMetrics(values: segment, periodsPerYear: periods)
            let oos = metric == .sharpe ? m?.sharpe : m?.totalReturn
            return WalkForwardSplit(
                trainStart: s.trainStart, trainEnd: s.start - 1, testStart: s.start, testEnd: s.end,
                lookback: c.lookback, hold: c.hold, inSample: c.inSample, outOfSample: oos)
        }
        let oosMetrics = BacktestMetrics(
            values: values, periods: periods, exposure: Double(run.rowsInMarket) / Double(hi - lo), trades: run.trades, drawdownFrom: 1)
        let benchmark = BacktestMetrics.buyAndHold(days: oosDays, closes: oosCloses, periods: periods)
        // The grid's overfitting guards over the whole history.
        let full = try SweepJob(symbol: symbol, lookbacks: lookbacks, holds: holds, costs: costs, top: 1, pboBlocks: pboBlocks, periodsPerYear: periods, config: config).run(data)
        return WalkForwardResult(
            symbol: symbol, metric: metric.rawValue, train: train, test: test, anchored: anchored, periodsPerYear: periods,
            feesBP: costs.feesBP, slippageBP: costs.slippageBP, splits: rows, oosMetrics: oosMetrics, benchmark: benchmark,
            equity: zip(oosDays, run.value).map { EquityPoint(date: $0, value: $1) }, dsr: full.dsr, pbo: full.pbo, verdict: full.verdict)
    }
}

/// One split of a walk-forward. JSON keys: `train_start, train_end, test_start, test_end,
/// lookback, hold, in_sample, out_of_sample` (the metric on each window). The dates are
/// the windows' calendar bounds (the last test window may end after the data).
public struct WalkForwardSplit: Sendable, Encodable, Equatable {
    public var trainStart: Day
    public var trainEnd: Day
    public var testStart: Day
    public var testEnd: Day
    public var lookback: Int
    public var hold: Int
    public var inSample: Double
    @NullEncoded public var outOfSample: Double? = nil
    enum CodingKeys: String, CodingKey {
        case trainStart = "train_start"
        case trainEnd = "train_end"
        case testStart = "test_start"
        case testEnd = "test_end"
        case lookback, hold
        case inSample = "in_sample"
        case outOfSample = "out_of_sample"
    }
}

/// The walk-forward's one result value. JSON keys: `splits, oos_metrics, benchmark` (plus
/// `symbol, metric, train, test, anchored, periods_per_year, fees_bp, slippage_bp, dsr,
/// pbo, verdict`; the stitched curve is not in the JSON).
public struct WalkForwardResult: Sendable, Encodable, Equatable {
    public var symbol: String
    public var metric: String
    public var train: Int
    public var test: Int
    public var anchored: Bool
    public var periodsPerYear: Double
    public var feesBP: Double
    public var slippageBP: Double
    public var splits: [WalkForwardSplit]
    public var oosMetrics: BacktestMetrics
    public var benchmark: BacktestMetrics
    public var equity: [EquityPoint]
    public var dsr: SweepDSR?
    public var pbo: SweepPBO?
    public var verdict: String

    enum CodingKeys: String, CodingKey {
        case symbol, metric, train, test, anchored
        case periodsPerYear = "periods_per_year"
        case feesBP = "fees_bp"
        case slippageBP = "slippage_bp"
        case splits
        case oosMetrics = "oos_metrics"
        case benchmark, dsr, pbo, verdict
    }
}

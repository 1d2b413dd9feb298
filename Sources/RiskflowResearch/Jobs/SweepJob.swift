import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// `riskflow sweep`: the `new-high` strategy over a grid of lookbacks × holds on one
/// instrument, with next-row fills and costs; every combo, the best by Sharpe, the
/// deflated Sharpe ratio of the best and the probability of backtest overfitting.
public struct SweepJob: Job {
    public var symbol: String
    public var lookbacks: SweepRange
    public var holds: SweepRange
    public var costs: Costs
    public var top: Int
    /// CSCV blocks, `nil` to skip PBO.
    public var pboBlocks: Int?
    public var window: DateWindow
    public var periodsPerYear: Double?
    public var config: SignalConfig

    public init(
        symbol: String, lookbacks: SweepRange = .init(start: 20, end: 520, step: 5), holds: SweepRange = .init(start: 5, end: 130, step: 5),
        costs: Costs = .init(), top: Int = 10, pboBlocks: Int? = 16, window: DateWindow = .init(), periodsPerYear: Double? = nil,
        config: SignalConfig = .init()
    ) {
        self.symbol = symbol.uppercased()
        self.lookbacks = lookbacks
        self.holds = holds
        self.costs = costs
        self.top = top
        self.pboBlocks = pboBlocks
        self.window = window
        self.periodsPerYear = periodsPerYear
        self.config = config
    }

    public var inputs: DataRequest {
        symbol == AltBasket.symbol ? AltSeasonModel.inputs(config) : DataRequest(symbols: [symbol])
    }
    public var required: [String] { symbol == AltBasket.symbol ? [] : [symbol] }

    public func run(_ data: MarketData) throws -> SweepResult { try run(data, progress: nil) }

    /// - Parameter progress: called with (combos done, combos) between chunks of combos.
    public func run(_ data: MarketData, progress: (@Sendable (Int, Int) -> Void)?) throws -> SweepResult {
        let plan = try prepare(data)
        var chunks: [SweepChunk] = []
        var done = 0
        while done < plan.total {
            let count = min(SweepPlan.localChunk, plan.total - done)
            chunks.append(plan.evaluate(first: done, count: count))
            done += count
            progress?(done, plan.total)
        }
        return try assemble(plan, chunks: chunks)
    }

    /// The prices and grid of this sweep, ready to be evaluated in chunks.
    public func prepare(_ data: MarketData) throws -> SweepPlan {
        let (days, closes, calendar) = try Self.prices(data, symbol: symbol, config: config, window: window)
        let l = lookbacks.values, h = holds.values
        let longest = l.max() ?? 0
        guard longest < closes.count - 1 else {
            throw SweepError(.tooLittleData, "lookback \(longest) is longer than the \(closes.count) rows of \(symbol)")
        }
        return SweepPlan(
            days: days, closes: closes, lookbacks: l, holds: h, costs: costs, blocks: pboBlocks ?? 0,
            periodsPerYear: periodsPerYear ?? BacktestJob.periods(calendar))
    }

    /// The result from every chunk of `plan` (in any order, from anywhere): the same value,
    /// bit for bit, as ``run(_:progress:)``.
    /// - Throws: ``SweepError`` when the chunks do not cover the grid exactly once.
    public func assemble(_ plan: SweepPlan, chunks: [SweepChunk]) throws -> SweepResult {
        let (days, closes, l, h, blocks, periods, total) = (plan.days, plan.closes, plan.lookbacks, plan.holds, plan.blocks, plan.periodsPerYear, plan.total)
        var outcomes: [Sweep.Outcome] = []
        var blockSums: [[Double]] = [], blockSquares: [[Double]] = []
        outcomes.reserveCapacity(total)
        for c in chunks.sorted(by: { $0.first < $1.first }) {
            guard c.first == outcomes.count, c.blockSums.count == (blocks > 0 ? c.outcomes.count : 0),
                c.blockSquares.count == c.blockSums.count
            else {
                throw SweepError(.badRange, "sweep chunks do not cover the grid: a chunk starts at combo \(c.first), expected \(outcomes.count)")
            }
            outcomes += c.outcomes
            blockSums += c.blockSums
            blockSquares += c.blockSquares
        }
        guard outcomes.count == total else {
            throw SweepError(.badRange, "sweep chunks cover \(outcomes.count) of \(total) combos")
        }
        let root = periods.squareRoot()
        let combos = outcomes.enumerated().map { i, o in
            SweepCombo(
                lookback: l[i / h.count], hold: h[i % h.count], totalReturn: o.totalReturn, sharpe: o.sharpePerPeriod * root,
                maxDrawdown: o.maxDrawdown, trades: o.trades)
        }
        let order = combos.indices.sorted { combos[$0].sharpe > combos[$1].sharpe || (combos[$0].sharpe == combos[$1].sharpe && $0 < $1) }
        let best = order.prefix(top).map { combos[$0] }
        // Deflated Sharpe of the best combo.
        var dsr: SweepDSR? = nil
        if let b = order.first, total >= 2 {
            let combo = combos[b]
            let run = BacktestEngine.run(
                days: days, fill: closes, close: closes, entries: NewHigh.entries(closes, lookback: combo.lookback),
                exits: [Bool](repeating: false, count: closes.count), hold: .rows(combo.hold), costs: costs)
            let values = [100] + run.value
            let returns = (1..<values.count).map { values[$0] / values[$0 - 1] - 1 }
            let (g3, g4) = DeflatedSharpe.moments(returns)
            let srs = outcomes.map(\.sharpePerPeriod)
            let mean = srs.reduce(0, +) / Double(srs.count)
            let variance = srs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(srs.count - 1)
            let sr = outcomes[b].sharpePerPeriod
            let sr0 = DeflatedSharpe.expectedMaximum(trials: total, variance: variance)
            let value = g4.isFinite && g3.isFinite
                ? DeflatedSharpe.probabilistic(sharpe: sr, benchmark: sr0, observations: returns.count, skewness: g3, kurtosis: g4) : nil
            dsr = SweepDSR(
                lookback: combo.lookback, hold: combo.hold, sharpe: sr, sr0: sr0, variance: variance, trials: total, dsr: value,
                skewness: g3, kurtosis: g4, observations: returns.count)
        }
        var pbo: SweepPBO? = nil
        if blocks > 0, closes.count / blocks >= 2, let r = CSCV.pbo(sums: blockSums, squares: blockSquares, rowsPerBlock: closes.count / blocks) {
            pbo = SweepPBO(pbo: r.pbo, blocks: r.blocks, splits: r.splits, degradationSlope: r.degradationSlope)
        }
        return SweepResult(
            symbol: symbol, periodsPerYear: periods, feesBP: costs.feesBP, slippageBP: costs.slippageBP, trials: total,
            lookbacks: lookbacks.description, holds: holds.description, first: days[0], last: days[days.count - 1],
            combos: combos, best: best, dsr: dsr, pbo: pbo, verdictText: SweepResult.verdict(dsr: dsr, trials: total))
    }

    /// The closes a sweep trades (the alt basket for ALTS), cut to the window.
    static func prices(_ data: MarketData, symbol: String, config: SignalConfig, window: DateWindow) throws
        -> ([Day], [Double], SeriesCalendar)
    {
        let series: Series
        if symbol == AltBasket.symbol {
            series = AltBasket.build(data, config: config.altseason)
        } else {
            guard let s = data.closes(symbol) else { throw SignalError(.missingInput, "no data for \(symbol)") }
            series = s
        }
        let lo = window.from.map { series.days.lowerBound(of: $0) } ?? 0
        let hi = window.to.map { series.days.upperBound(of: $0) } ?? series.count
        guard hi - lo >= 3 else { throw SweepError(.tooLittleData, "\(symbol) has \(max(0, hi - lo)) rows in the window") }
        return (Array(series.days[lo..<hi]), Array(series.values[lo..<hi]), series.calendar)
    }
}

/// One combo of a sweep. JSON keys: `lookback, hold, total_return, sharpe (annualised),
/// max_drawdown, trades`.
public struct SweepCombo: Sendable, Encodable, Equatable {
    public var lookback: Int
    public var hold: Int
    public var totalReturn: Double
    public var sharpe: Double
    public var maxDrawdown: Double
    public var trades: Int
    enum CodingKeys: String, CodingKey {
        case lookback, hold
        case totalReturn = "total_return"
        case sharpe
        case maxDrawdown = "max_drawdown"
        case trades
    }
}

/// The deflated Sharpe ratio of the best combo. Sharpe ratios here are per period (daily),
/// as the formula needs; `variance` is the sample variance of every trial's.
public struct SweepDSR: Sendable, Encodable, Equatable {
    public var lookback: Int
    public var hold: Int
    public var sharpe: Double
    public var sr0: Double
    public var variance: Double
    public var trials: Int
    @NullEncoded public var dsr: Double? = nil
    public var skewness: Double
    public var kurtosis: Double
    public var observations: Int
}

/// The probability of backtest overfitting (CSCV).
public struct SweepPBO: Sendable, Encodable, Equatable {
    public var pbo: Double
    public var blocks: Int
    public var splits: Int
    @NullEncoded public var degradationSlope: Double? = nil
    enum CodingKeys: String, CodingKey {
        case pbo, blocks, splits
        case degradationSlope = "degradation_slope"
    }
}

/// The sweep's one result value. JSON keys: `symbol, periods_per_year, fees_bp,
/// slippage_bp, trials, combos, best, dsr, pbo` (plus `lookbacks, holds, first, last,
/// verdict`).
public struct SweepResult: Sendable, Encodable, Equatable {
    public var symbol: String
    public var periodsPerYear: Double
    public var feesBP: Double
    public var slippageBP: Double
    public var trials: Int
    public var lookbacks: String
    public var holds: String
    public var first: Day
    public var last: Day
    public var combos: [SweepCombo]
    public var best: [SweepCombo]
    public var dsr: SweepDSR?
    public var pbo: SweepPBO?
    /// The verdict, as printed (JSON `verdict`).
    public var verdictText: String = ""

    /// In words: is the best combo distinguishable from the best of as many random tries?
    public var verdict: String { Self.verdict(dsr: dsr, trials: trials) }

    static func verdict(dsr: SweepDSR?, trials: Int) -> String {
        guard let d = dsr, let v = d.dsr else { return "no deflated Sharpe ratio (too few trials or returns)" }
        let count = NumberFormat.grouped(trials)
        return v >= 0.95
            ? "the best combo's Sharpe is distinguishable from the best of \(count) random tries (DSR \(NumberFormat.fixed(v, 3)) ≥ 0.95)"
            : "the best combo's Sharpe is not distinguishable from the best of \(count) random tries (DSR \(NumberFormat.fixed(v, 3)) < 0.95)"
    }

    enum CodingKeys: String, CodingKey {
        case symbol
        case periodsPerYear = "periods_per_year"
        case feesBP = "fees_bp"
        case slippageBP = "slippage_bp"
        case trials, lookbacks, holds, first, last, combos, best, dsr, pbo
        case verdictText = "verdict"
    }
}

/// Plain number text for verdicts (the library's own, no locale).
enum NumberFormat {
    static func grouped(_ n: Int) -> String {
        var digits = String(n), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let v = (x * p).rounded() / p
        var s = "\(v)"
        if let dot = s.firstIndex(of: ".") {
            let have = s.distance(from: dot, to: s.endIndex) - 1
            if have < decimals { s += String(repeating: "0", count: decimals - have) }
        }
        return s
    }
}

/// A sweep's prices and grid. Combo `i` is (`lookbacks[i / holds.count]`,
/// `holds[i % holds.count]`); any range of combos can be evaluated on its own (on this
/// machine's cores or in a worker process) and the chunks assembled by
/// ``SweepJob/assemble(_:chunks:)``.
public struct SweepPlan: Sendable {
    public var days: [Day]
    public var closes: [Double]
    public var lookbacks: [Int]
    public var holds: [Int]
    public var costs: Costs
    /// CSCV blocks (0: no PBO).
    public var blocks: Int
    public var periodsPerYear: Double
    let sweep: Sweep

    /// Combos evaluated between progress reports in a local run.
    static let localChunk = 20_000

    public init(days: [Day], closes: [Double], lookbacks: [Int], holds: [Int], costs: Costs, blocks: Int, periodsPerYear: Double) {
        self.days = days
        self.closes = closes
        self.lookbacks = lookbacks
        self.holds = holds
        self.costs = costs
        self.blocks = blocks
        self.periodsPerYear = periodsPerYear
        sweep = Sweep(closes: closes, lookbacks: lookbacks, holds: holds, costs: costs)
    }

    /// Lookbacks × holds.
    public var total: Int { lookbacks.count * holds.count }

    /// Evaluates combos `first..<first + count` in parallel over the cores.
    /// - Complexity: O(count · n / cores) for n rows.
    public func evaluate(first: Int, count: Int) -> SweepChunk {
        let h = holds, blocks = self.blocks, sweep = self.sweep
        let part = Parallel.map(count) { k in
            let i = first + k
            return sweep.evaluate(lookback: i / h.count, hold: h[i % h.count], blocks: blocks)
        }
        var chunk = SweepChunk(first: first, outcomes: [], blockSums: [], blockSquares: [])
        chunk.outcomes.reserveCapacity(count)
        for p in part {
            chunk.outcomes.append(p.0)
            if blocks > 0 {
                chunk.blockSums.append(p.1)
                chunk.blockSquares.append(p.2)
            }
        }
        return chunk
    }
}

/// The evaluated combos `first..<first + outcomes.count` of a sweep, with what assembly
/// needs: each combo's metrics and, with PBO, its per-block sums and sums of squares.
public struct SweepChunk: Sendable, Equatable, Codable {
    public var first: Int
    public var outcomes: [Sweep.Outcome]
    public var blockSums: [[Double]]
    public var blockSquares: [[Double]]

    public init(first: Int, outcomes: [Sweep.Outcome], blockSums: [[Double]], blockSquares: [[Double]]) {
        self.first = first
        self.outcomes = outcomes
        self.blockSums = blockSums
        self.blockSquares = blockSquares
    }
}

import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// Where orders fill: the close (default) or the open of the fill row.
public enum FillPrice: String, Sendable, Codable, CaseIterable {
    case close, open
}

/// `riskflow backtest`: one strategy on one instrument, with next-row fills and costs,
/// against buy-and-hold.
public struct BacktestJob: Job {
    public var symbol: String
    public var strategy: BacktestStrategy
    public var config: SignalConfig
    public var costs: Costs
    public var fill: FillPrice
    public var window: DateWindow
    /// Periods a year for annualising; `nil` takes the instrument's calendar (252 NYSE,
    /// 365 daily crypto, 52 weekly, 12 monthly).
    public var periodsPerYear: Double?

    public init(
        symbol: String, strategy: BacktestStrategy, config: SignalConfig = .init(), costs: Costs = .init(),
        fill: FillPrice = .close, window: DateWindow = .init(), periodsPerYear: Double? = nil
    ) {
        self.symbol = symbol.uppercased()
        self.strategy = strategy
        self.config = config
        self.costs = costs
        self.fill = fill
        self.window = window
        self.periodsPerYear = periodsPerYear
    }

    var tradesBasket: Bool { symbol == AltBasket.symbol }

    public var inputs: DataRequest {
        var r = strategy.inputs(config)
        r = r.union(tradesBasket ? AltSeasonModel.inputs(config) : DataRequest(symbols: [symbol]))
        return r
    }

    public var required: [String] { tradesBasket ? [] : [symbol] }

    public func run(_ data: MarketData) throws -> BacktestResult {
        var bars: Bars
        if let given = data[symbol] {
            bars = given  // the basket too, when the caller has built it already
        } else if tradesBasket {
            bars = Bars(closes: AltBasket.build(data, config: config.altseason))
        } else {
            throw SignalError(.missingInput, "no data for \(symbol)")
        }
        // Rows in the window.
        let lo = window.from.map { bars.days.lowerBound(of: $0) } ?? 0
        let hi = window.to.map { bars.days.upperBound(of: $0) } ?? bars.count
        guard hi - lo >= 2 else {
            throw SignalError(.missingInput, "\(symbol) has \(max(0, hi - lo)) rows in the window; a backtest needs at least 2")
        }
        let days = Array(bars.days[lo..<hi]), close = Array(bars.close[lo..<hi])
        var fillPrices = close
        if fill == .open {
            let open = Array(bars.open[lo..<hi])
            guard !open.contains(where: \.isNaN) else {
                throw SignalError(.missingInput, "\(symbol) has no opens for every row in the window; use --fill close")
            }
            fillPrices = open
        }
        // Signals use everything known (for warm-up) but orders fill only inside the window.
        let signalStart = lo > 0 ? bars.days[lo - 1] : bars.days[lo]
        let (entries, exits) = try strategy.orders(data, config: config, days: days, closes: close, signalStart: signalStart)
        let run = BacktestEngine.run(
            days: days, fill: fillPrices, close: close, entries: entries, exits: exits, hold: strategy.hold, costs: costs)
        let periods = periodsPerYear ?? Self.periods(bars.calendar)
        let strategyMetrics = BacktestMetrics(
            values: [100] + run.value, periods: periods, exposure: Double(run.rowsInMarket) / Double(days.count),
            trades: run.trades, drawdownFrom: 1)
        let benchmark = BacktestMetrics.buyAndHold(days: days, closes: close, periods: periods)
        return BacktestResult(
            strategy: strategy.name, symbol: symbol, parameters: strategy.parameters.merging(["fill": fill.rawValue]) { a, _ in a },
            periodsPerYear: periods, feesBP: costs.feesBP, slippageBP: costs.slippageBP, metrics: strategyMetrics,
            benchmark: benchmark, trades: run.trades, equity: zip(days, run.value).map { EquityPoint(date: $0, value: $1) },
            first: days[0], last: days[days.count - 1])
    }

    /// Periods a year of a calendar: 252 NYSE sessions, 365 crypto days, 52 weeks, 12 months.
    public static func periods(_ calendar: SeriesCalendar) -> Double {
        switch calendar {
        case .nyse: 252
        case .daily: 365
        case .weekly: 52
        case .monthly: 12
        }
    }
}

/// The metrics of a backtest or its benchmark. JSON keys: `total_return, cagr,
/// volatility, sharpe, sortino, max_drawdown, calmar, exposure, trades, hit_rate,
/// avg_trade`.
public struct BacktestMetrics: Sendable, Encodable, Equatable {
    @NullEncoded public var totalReturn: Double? = nil
    @NullEncoded public var cagr: Double? = nil
    @NullEncoded public var volatility: Double? = nil
    @NullEncoded public var sharpe: Double? = nil
    @NullEncoded public var sortino: Double? = nil
    @NullEncoded public var maxDrawdown: Double? = nil
    @NullEncoded public var calmar: Double? = nil
    /// Share of rows in the market.
    public var exposure: Double
    public var trades: Int
    /// Share of trades with a return > 0, and their mean return.
    @NullEncoded public var hitRate: Double? = nil
    @NullEncoded public var avgTrade: Double? = nil

    /// - Parameter drawdownFrom: the first value the drawdown is measured from (vectorbt
    ///   measures a backtest's from its first row's value, not the initial cash).
    init(values: [Double], periods: Double, exposure: Double, trades list: [BacktestTrade], drawdownFrom: Int = 0) {
        var m = PerformanceMetrics(values: values, periodsPerYear: periods)
        if drawdownFrom > 0, var mm = m {
            var peak = -Double.infinity, mdd = 0.0
            for v in values[drawdownFrom...] {
                peak = max(peak, v)
                mdd = min(mdd, v / peak - 1)
            }
            mm.maxDrawdown = mdd
            mm.calmar = mdd < 0 ? mm.cagr / abs(mdd) : nil
            m = mm
        }
        func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
        totalReturn = finite(m?.totalReturn)
        cagr = finite(m?.cagr)
        volatility = finite(m?.volatility)
        sharpe = finite(m?.sharpe)
        sortino = finite(m?.sortino)
        maxDrawdown = finite(m?.maxDrawdown)
        calmar = finite(m?.calmar)
        self.exposure = exposure
        trades = list.count
        hitRate = list.isEmpty ? nil : Double(list.filter { $0.return > 0 }.count) / Double(list.count)
        avgTrade = list.isEmpty ? nil : list.map(\.return).reduce(0, +) / Double(list.count)
    }

    /// Buy-and-hold of the closes: one trade from the first close to the last, no costs.
    static func buyAndHold(days: [Day], closes: [Double], periods: Double) -> BacktestMetrics {
        let last = closes.count - 1
        let r = closes[last] / closes[0] - 1
        return BacktestMetrics(
            values: closes, periods: periods, exposure: 1,
            trades: [BacktestTrade(
                entryDate: days[0], entryPrice: closes[0], exitDate: days[last], exitPrice: closes[last], return: r,
                units: 100 / closes[0], pnl: 100 * r, status: .open)])
    }

    enum CodingKeys: String, CodingKey {
        case totalReturn = "total_return"
        case cagr, volatility, sharpe, sortino
        case maxDrawdown = "max_drawdown"
        case calmar, exposure, trades
        case hitRate = "hit_rate"
        case avgTrade = "avg_trade"
    }
}

/// One day of the value curve.
public struct EquityPoint: Sendable, Codable, Equatable {
    public var date: Day
    public var value: Double
}

/// The backtest's one result value. JSON keys: `strategy, symbol, parameters,
/// periods_per_year, fees_bp, slippage_bp, metrics, benchmark, trades` (and `equity` when
/// asked for, `first`, `last`).
public struct BacktestResult: Sendable, Encodable, Equatable {
    public var strategy: String
    public var symbol: String
    public var parameters: [String: String]
    public var periodsPerYear: Double
    public var feesBP: Double
    public var slippageBP: Double
    public var metrics: BacktestMetrics
    public var benchmark: BacktestMetrics
    public var trades: [BacktestTrade]
    /// The daily value curve (starting cash 100).
    public var equity: [EquityPoint]
    /// The value curve as printed (JSON `equity`): set when asked for (`--equity`).
    public var equityOutput: [EquityPoint]? = nil
    public var includesEquity: Bool { equityOutput != nil }
    public var first: Day
    public var last: Day

    enum CodingKeys: String, CodingKey {
        case strategy, symbol, parameters
        case periodsPerYear = "periods_per_year"
        case feesBP = "fees_bp"
        case slippageBP = "slippage_bp"
        case metrics, benchmark, trades
        case equityOutput = "equity"
        case first, last
    }
}

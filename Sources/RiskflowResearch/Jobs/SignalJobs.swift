import RiskflowCore
import RiskflowSignals

/// `riskflow breakouts`: every break of the all-time high, cut to a window of break days.
public struct BreakoutsJob: Job {
    public var config: SignalConfig
    public var window: DateWindow

    public init(config: SignalConfig, window: DateWindow = .init()) {
        self.config = config
        self.window = window
    }

    public var inputs: DataRequest { BreakoutDetector.inputs(config) }

    public func run(_ data: MarketData) throws -> BreakoutsResult {
        let events = try BreakoutDetector.evaluate(data, config: config).filter { window.contains($0.breakDate) }
        let today = BreakoutDetector.conditions(data, on: data.asOf, config: config.breakout, staleness: config.staleness)
        return BreakoutsResult(events: events, config: config.breakout, today: today)
    }
}

/// The breakouts and the parameters that found them. JSON: the array of events (the
/// rule's inputs on the as-of day, ``today``, are in the table and in the report's JSON).
public struct BreakoutsResult: Sendable, Encodable, Equatable {
    public var events: [Breakout]
    public var config: SignalConfig.BreakoutConfig
    /// The rule's inputs on the as-of day (close against the prior high, base, volume,
    /// breadth with the members left out).
    public var today: BreakoutConditions? = nil

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(events)
    }
}

/// `riskflow liquidity`: the net-liquidity history with its rows cut to a window.
public struct LiquidityJob: Job {
    public var config: SignalConfig
    public var window: DateWindow

    public init(config: SignalConfig, window: DateWindow = .init()) {
        self.config = config
        self.window = window
    }

    public var inputs: DataRequest { LiquidityModel.inputs(config) }

    public func run(_ data: MarketData) throws -> LiquidityResult {
        let report = try LiquidityModel.evaluate(data, config: config)
        return LiquidityResult(report: report, rows: report.rows.filter { window.contains($0.date) })
    }
}

/// The whole net-liquidity report (today's row, regime changes) and the rows in the
/// window. JSON: the rows.
public struct LiquidityResult: Sendable, Encodable, Equatable {
    public var report: LiquidityReport
    public var rows: [LiquidityRow]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rows)
    }
}

/// `riskflow stage`: the risk-curve stage with its spells cut to a window.
public struct StageJob: Job {
    public var config: SignalConfig
    public var window: DateWindow

    public init(config: SignalConfig, window: DateWindow = .init()) {
        self.config = config
        self.window = window
    }

    /// The stage's inputs, and the liquidity components for the inputs' as-of line.
    public var inputs: DataRequest { RiskCurveStage.inputs(config).union(LiquidityModel.inputs(config)) }

    public func run(_ data: MarketData) throws -> StageReport {
        var report = try RiskCurveStage.evaluate(data, config: config)
        report.spells = report.spells.filter { window.overlaps($0.from, $0.to) }
        report.inputsAsOf = InputsAsOf.compute(data, config: config)
        return report
    }
}

/// `riskflow altseason`: the index with its days cut to a window (today = the last day
/// in the window).
public struct AltSeasonJob: Job {
    public var config: SignalConfig
    public var window: DateWindow

    public init(config: SignalConfig, window: DateWindow = .init()) {
        self.config = config
        self.window = window
    }

    public var inputs: DataRequest { AltSeasonModel.inputs(config) }

    public func run(_ data: MarketData) throws -> AltSeasonResult {
        var report = try AltSeasonModel.evaluate(data, config: config)
        report.days = report.days.filter { window.contains($0.date) }
        return AltSeasonResult(report: report)
    }
}

/// The alt season index in the window. JSON: the days.
public struct AltSeasonResult: Sendable, Encodable, Equatable {
    public var report: AltSeasonReport

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(report.days)
    }
}

/// `riskflow supercycle`: the three diagnostics.
public struct SupercycleJob: Job {
    public var config: SignalConfig

    public init(config: SignalConfig) { self.config = config }

    public var inputs: DataRequest { Supercycle.inputs(config) }

    public func run(_ data: MarketData) throws -> SupercycleReport { Supercycle.compute(data, config: config) }
}

/// `riskflow leadlag`: the lead-lag analysis of two stored series.
public struct LeadLagJob: Job {
    public var x: String
    public var y: String
    public var options: LeadLagOptions

    public init(x: String, y: String, options: LeadLagOptions) {
        self.x = x.uppercased()
        self.y = y.uppercased()
        self.options = options
    }

    public var inputs: DataRequest { DataRequest(symbols: [x, y]) }
    public var required: [String] { [x, y] }

    public func run(_ data: MarketData) throws -> LeadLagResult {
        guard let xs = data.closes(x) else { throw LeadLagError(.missingInput, "no data for \(x)") }
        guard let ys = data.closes(y) else { throw LeadLagError(.missingInput, "no data for \(y)") }
        return try LeadLag.analyze(x: xs, y: ys, options: options)
    }
}

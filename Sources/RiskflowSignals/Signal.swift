import RiskflowCore

/// A signal: a pure computation over ``MarketData`` that declares, from its
/// configuration, which series it reads, so that a command loads only those.
///
/// To add a signal: write its model (a type conforming to `Signal`, with its result
/// type), its renderer in `RiskflowReport`, and list it in ``Signals/all``.
public protocol Signal {
    associatedtype Output: Sendable & Encodable
    /// The signal's name in commands and outputs ("breakouts").
    static var name: String { get }
    /// The series it reads with these parameters (including the signals it builds on).
    static func inputs(_ config: SignalConfig) -> DataRequest
    /// Computes it from data known as of `data.asOf`.
    static func evaluate(_ data: MarketData, config: SignalConfig) throws -> Output
}

/// The registry of signals.
public enum Signals {
    /// Every signal riskflow computes, in the order the report lists them.
    public static var all: [any Signal.Type] {
        [BreakoutDetector.self, LiquidityModel.self, RiskCurveStage.self, AltSeasonModel.self, Supercycle.self]
    }

    /// What every signal reads together.
    public static func inputs(_ config: SignalConfig) -> DataRequest {
        all.reduce(DataRequest()) { $0.union($1.inputs(config)) }
    }
}

extension BreakoutDetector: Signal {
    public static let name = "breakouts"
    public static func inputs(_ config: SignalConfig) -> DataRequest {
        let c = config.breakout
        return DataRequest(symbols: [c.symbol] + (c.volumeFrom.map { [$0] } ?? []) + c.basket)
    }
    public static func evaluate(_ data: MarketData, config: SignalConfig) throws -> [Breakout] {
        try detect(data, config: config.breakout, staleness: config.staleness)
    }
}

extension LiquidityModel: Signal {
    public static let name = "liquidity"
    public static func inputs(_ config: SignalConfig) -> DataRequest {
        let c = config.liquidity
        return DataRequest(symbols: [c.assets, c.treasuryAccount, c.reverseRepo, c.creditSpread])
    }
    public static func evaluate(_ data: MarketData, config: SignalConfig) throws -> LiquidityReport {
        try compute(data, config: config.liquidity, staleness: config.staleness)
    }
}

extension AltSeasonModel: Signal {
    public static let name = "altseason"
    /// Bitcoin, every crypto series and the ranking tables (the ranking decides which altcoins count).
    public static func inputs(_ config: SignalConfig) -> DataRequest {
        DataRequest(symbols: [config.altseason.bitcoin], kinds: [.crypto], rankings: true)
    }
    public static func evaluate(_ data: MarketData, config: SignalConfig) throws -> AltSeasonReport {
        try compute(data, config: config.altseason)
    }
}

extension RiskCurveStage: Signal {
    public static let name = "stage"
    /// Its own series, plus the breakouts' (condition 3) and the alt season's (condition 4).
    public static func inputs(_ config: SignalConfig) -> DataRequest {
        let c = config.stage
        return DataRequest(symbols: [c.rates, c.creditSpread, c.broadEquity, c.smallCaps, c.ethereum, c.bitcoin])
            .union(BreakoutDetector.inputs(config)).union(AltSeasonModel.inputs(config))
    }
    /// The stage, computing the breakouts and the alt season index it builds on (a
    /// signal whose inputs are missing is left out, and its condition is unknown).
    public static func evaluate(_ data: MarketData, config: SignalConfig) throws -> StageReport {
        let breakouts = (try? BreakoutDetector.detect(data, config: config.breakout, staleness: config.staleness)) ?? []
        let alt = try? AltSeasonModel.compute(data, config: config.altseason)
        return compute(data, config: config.stage, breakouts: breakouts, altSeason: alt, staleness: config.staleness)
    }
}

extension Supercycle: Signal {
    public static let name = "supercycle"
    public static func inputs(_ config: SignalConfig) -> DataRequest {
        let c = config.supercycle
        let series = c.trendSymbols + c.rotationAssets + [c.rotationCalendar]
        let runway = c.runwaySymbols.filter { $0.uppercased() != AltBasket.symbol }
        let basket = c.runwaySymbols.contains { $0.uppercased() == AltBasket.symbol } ? AltSeasonModel.inputs(config) : DataRequest()
        return DataRequest(symbols: series + runway).union(basket)
    }
    public static func evaluate(_ data: MarketData, config: SignalConfig) throws -> SupercycleReport {
        compute(data, config: config)
    }
}

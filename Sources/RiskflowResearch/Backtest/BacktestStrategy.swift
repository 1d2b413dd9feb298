import RiskflowCore
import RiskflowSignals

/// A trading rule: when it wants to be long, from signals known at the close of a day.
/// Every strategy trades one instrument; its signals fill on the instrument's first row
/// strictly after the signal day (``BacktestEngine/fillRow(after:in:)``).
public enum BacktestStrategy: Sendable, Equatable {
    /// Buy after each qualified breakout of `signal` (on its signal day), hold `holdDays`
    /// calendar days.
    case breakoutHold(signal: String, holdDays: Int)
    /// `new-high`'s default rows held (`--hold` not given; its lookback and `stage`'s
    /// lowest long stage are in ``Declared``).
    public static let defaultHoldRows = 20

    /// Long while the risk-curve stage is at least `minStage`.
    case stage(minStage: Int)
    /// Long while the net-liquidity regime is expanding.
    case liquidity
    /// Enter when the close is above the maximum of the previous `lookback` closes; hold
    /// `holdRows` rows (the sweep's strategy).
    case newHigh(lookback: Int, holdRows: Int)
    /// Enter and exit after given days.
    case dates(entries: [Day], exits: [Day])

    /// The strategy's name in commands and outputs.
    public var name: String {
        switch self {
        case .breakoutHold: "breakout-hold"
        case .stage: "stage"
        case .liquidity: "liquidity"
        case .newHigh: "new-high"
        case .dates: "dates"
        }
    }

    /// Its parameters, by name (JSON `parameters`).
    public var parameters: [String: String] {
        switch self {
        case .breakoutHold(let s, let h): ["signal": s, "hold_days": String(h)]
        case .stage(let k): ["min_stage": String(k)]
        case .liquidity: ["regime": "expanding"]
        case .newHigh(let n, let h): ["lookback": String(n), "hold_rows": String(h)]
        case .dates(let e, let x): ["entries": e.map(\.iso).joined(separator: ","), "exits": x.map(\.iso).joined(separator: ",")]
        }
    }

    /// The series its signals read (besides the traded instrument).
    func inputs(_ config: SignalConfig) -> DataRequest {
        switch self {
        case .breakoutHold(let s, _):
            var c = config
            c.breakout.symbol = s
            return BreakoutDetector.inputs(c)
        case .stage: return RiskCurveStage.inputs(config)
        case .liquidity: return LiquidityModel.inputs(config)
        case .newHigh, .dates: return DataRequest()
        }
    }

    /// The hold rule of its positions.
    var hold: HoldRule {
        switch self {
        case .breakoutHold(_, let d): .calendarDays(d)
        case .newHigh(_, let h): .rows(h)
        case .stage, .liquidity, .dates: .exitSignals
        }
    }

    /// Entry and exit orders on the instrument's fill rows (`days`, `closes` its rows).
    /// Signals dated before `signalStart` (the instrument's row before the first one
    /// traded, or its first row) are left out: a signal from before the instrument
    /// existed never fills on its first row; a state already on at `signalStart` enters.
    func orders(_ data: MarketData, config: SignalConfig, days: [Day], closes: [Double], signalStart: Day) throws
        -> (entries: [Bool], exits: [Bool])
    {
        var entries = [Bool](repeating: false, count: days.count)
        var exits = entries
        func place(_ signalDays: [Day], _ mask: inout [Bool]) {
            for d in signalDays where d >= signalStart {
                if let r = BacktestEngine.fillRow(after: d, in: days) { mask[r] = true }
            }
        }
        /// Entry days when a state turns on (including a first day on), exit days when it turns off.
        func transitions(_ states: [(Day, Bool)]) -> (on: [Day], off: [Day]) {
            var on: [Day] = [], off: [Day] = []
            var previous = false
            for (d, state) in states where d >= signalStart {
                if state && !previous { on.append(d) }
                if !state && previous { off.append(d) }
                previous = state
            }
            return (on, off)
        }
        switch self {
        case .breakoutHold(let s, _):
            var c = config.breakout
            c.symbol = s
            let b = try BreakoutDetector.detect(data, config: c, staleness: config.staleness)
            place(b.filter { $0.status == .qualified }.compactMap(\.signalDate), &entries)
        case .stage(let k):
            let breakouts = (try? BreakoutDetector.detect(data, config: config.breakout, staleness: config.staleness)) ?? []
            let alt = try? AltSeasonModel.compute(data, config: config.altseason)
            let history = RiskCurveStage.history(data, config: config.stage, breakouts: breakouts, altSeason: alt, staleness: config.staleness)
            let t = transitions(history.map { ($0.date, $0.stage >= k) })
            place(t.on, &entries)
            place(t.off, &exits)
        case .liquidity:
            let rows = try LiquidityModel.compute(data, config: config.liquidity, staleness: config.staleness).rows
            let t = transitions(rows.map { ($0.date, $0.regime == .expanding) })
            place(t.on, &entries)
            place(t.off, &exits)
        case .newHigh(let n, _):
            entries = NewHigh.entries(closes, lookback: n)
        case .dates(let e, let x):
            place(e, &entries)
            place(x, &exits)
        }
        return (entries, exits)
    }
}

import RiskflowCore
import RiskflowStats

/// Trading costs per side, in basis points (never zero by default).
public struct Costs: Sendable, Equatable, Codable {
    /// Proportional fee on the traded value (10 bp).
    public var feesBP: Double
    /// Slippage: buys fill at price · (1 + s), sells at price · (1 − s) (5 bp).
    public var slippageBP: Double
    public init(feesBP: Double = Declared.feesBP.defaultValue, slippageBP: Double = Declared.slippageBP.defaultValue) {
        self.feesBP = feesBP
        self.slippageBP = slippageBP
    }
    var f: Double { feesBP / 10_000 }
    var s: Double { slippageBP / 10_000 }
}

/// How a position ends.
public enum HoldRule: Sendable, Equatable {
    /// At the exit orders (signal strategies).
    case exitSignals
    /// At the close of the fill row + H rows.
    case rows(Int)
    /// At the close of the first row on or after the fill day + D calendar days.
    case calendarDays(Int)
    /// At the close of the fill row + holds[fill row] rows (each entry its own hold: a
    /// walk-forward's positions keep the hold of the split that opened them).
    case rowsByEntry([Int])
}

/// One round trip. JSON keys: `entry_date, entry_price, exit_date, exit_price, return`
/// (plus `units, pnl, status`).
public struct BacktestTrade: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case closed, open }
    public var entryDate: Day
    /// Fill price after slippage.
    public var entryPrice: Double
    public var exitDate: Day
    /// Fill price after slippage (an open trade: the last close, no costs).
    public var exitPrice: Double
    /// PnL net of both fees / (units × entry price), as vectorbt's trade return.
    public var `return`: Double
    public var units: Double
    public var pnl: Double
    public var status: Status

    enum CodingKeys: String, CodingKey {
        case entryDate = "entry_date"
        case entryPrice = "entry_price"
        case exitDate = "exit_date"
        case exitPrice = "exit_price"
        case `return`, units, pnl, status
    }
}

/// A long/flat, all-cash backtest of one instrument, as vectorbt's
/// `Portfolio.from_signals(direction="longonly", accumulate=False, size=inf,
/// init_cash=100)` with the orders already placed on their fill rows: an entry while
/// long and an exit while flat are ignored, and an entry and an exit on the same row
/// cancel. With a hold rule, the position exits at the close of its exit row and an entry
/// filling on that row is ignored. A position open at the end is marked at the last close
/// without an exit fee.
///
/// Cost: O(rows), no allocation per row.
public enum BacktestEngine {
    public struct Run: Sendable, Equatable {
        /// The value at each row's close (cash + units × close), starting from `initialCash`.
        public var value: [Double]
        public var trades: [BacktestTrade]
        /// Rows held at the close.
        public var rowsInMarket: Int
    }

    /// - Parameters:
    ///   - fill: the price orders fill at on each row (the close, or the open).
    ///   - close: each row's close (marks, and hold-rule exits).
    ///   - entries, exits: orders on their fill rows.
    public static func run(
        days: [Day], fill: [Double], close: [Double], entries: [Bool], exits: [Bool], hold: HoldRule, costs: Costs,
        initialCash: Double = 100
    ) -> Run {
        // Columns of unequal length: run over the rows they all have.
        let n = min(days.count, fill.count, close.count, entries.count, exits.count)
        let f = costs.f, s = costs.s
        var cash = initialCash, units = 0.0
        var value = [Double](repeating: 0, count: n)
        var trades: [BacktestTrade] = []
        var entryRow = -1, entryPrice = 0.0, exitRow = -1
        var held = 0
        for t in 0..<n {
            var exitedNow = false
            if units > 0 {
                var exitPrice: Double? = nil
                switch hold {
                case .exitSignals:
                    if exits[t] && !entries[t] { exitPrice = fill[t] }
                case .rows(let h):
                    if t == entryRow + h { exitPrice = close[t] }
                case .rowsByEntry(let holds):
                    if t == entryRow + holds[entryRow] { exitPrice = close[t] }
                case .calendarDays(let d):
                    if t == exitRow { exitPrice = close[t] }
                    _ = d
                }
                if let p = exitPrice {
                    let sell = p * (1 - s)
                    let proceeds = units * sell * (1 - f)
                    let cost = units * entryPrice * (1 + f)
                    trades.append(
                        BacktestTrade(
                            entryDate: days[entryRow], entryPrice: entryPrice, exitDate: days[t], exitPrice: sell,
                            return: (proceeds - cost) / (units * entryPrice), units: units, pnl: proceeds - cost, status: .closed))
                    cash = proceeds
                    units = 0
                    exitedNow = true
                }
            }
            if units == 0 && !exitedNow && entries[t] {
                let conflict: Bool
                if case .exitSignals = hold { conflict = exits[t] } else { conflict = false }
                if !conflict {
                    entryPrice = fill[t] * (1 + s)
                    units = cash / (entryPrice * (1 + f))
                    cash = 0
                    entryRow = t
                    if case .calendarDays(let d) = hold { exitRow = days.lowerBound(of: days[t] + d) }
                }
            }
            if units > 0 { held += 1 }
            value[t] = cash + units * close[t]
        }
        if units > 0, n > 0 {
            let last = close[n - 1]
            let cost = units * entryPrice * (1 + f)
            let pnl = units * last - cost
            trades.append(
                BacktestTrade(
                    entryDate: days[entryRow], entryPrice: entryPrice, exitDate: days[n - 1], exitPrice: last,
                    return: pnl / (units * entryPrice), units: units, pnl: pnl, status: .open))
        }
        return Run(value: value, trades: trades, rowsInMarket: held)
    }

    /// The fill row of a signal known at the close of `day`: the instrument's first row
    /// strictly after it (a Saturday signal fills on Monday); `nil` past the data.
    public static func fillRow(after day: Day, in days: [Day]) -> Int? {
        let i = days.upperBound(of: day)
        return i < days.count ? i : nil
    }
}

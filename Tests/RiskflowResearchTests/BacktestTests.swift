import Foundation
import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowSignals
import RiskflowTestSupport
import Testing

/// The backtest engine against vectorbt's `Portfolio.from_signals` with the signals
/// shifted one row by hand (`Fixtures/make_backtest_fixtures.py`), and its rules.
@Suite("backtest") struct BacktestTests {
    struct Case: Decodable {
        struct Trade: Decodable {
            var entry_date, exit_date, status: String
            var size, entry_price, exit_price, pnl, `return`: Double
        }
        var name, symbol: String
        var periods: Double
        var signal_entries, signal_exits: [String]
        var total_return, final_value, max_drawdown: Double
        var trades: [Trade]
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "backtest_vbt", withExtension: "json")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    static func bundledBars(_ symbol: String) throws -> Bars {
        let path = symbol == "ETH" ? "crypto/ETH.csv" : "prices/\(symbol).csv"
        let bytes = [UInt8](try Data(contentsOf: BundledSnapshot.folder.appendingPathComponent(path)))
        let p = try CSVParser.parse(bytes, file: path)
        // The rows the fixtures were made from: the bundled files before the 2026-12 refresh.
        return p.bars(id: symbol, unit: .usd, calendar: symbol == "ETH" ? .daily : .nyse)
            .slice(to: day(symbol == "ETH" ? "2026-08-20" : "2026-08-21"))
    }

    @Test(arguments: 0..<2) func matchesVectorbtWithSignalsShiftedOneRow(_ k: Int) throws {
        let c = Self.cases[k]
        let bars = try Self.bundledBars(c.symbol)
        let data = MarketData(asOf: bars.days.last!, bars: [c.symbol: bars])
        let job = BacktestJob(
            symbol: c.symbol, strategy: .dates(entries: c.signal_entries.map(day), exits: c.signal_exits.map(day)),
            periodsPerYear: c.periods)
        let r = try job.run(data)
        #expect(close(r.metrics.totalReturn, c.total_return, relative: 1e-9))
        #expect(close(r.equity.last?.value, c.final_value, relative: 1e-9))
        #expect(close(r.metrics.maxDrawdown, c.max_drawdown, relative: 1e-9))
        #expect(r.trades.count == c.trades.count)
        for (mine, theirs) in zip(r.trades, c.trades) {
            #expect(mine.entryDate.iso == theirs.entry_date && mine.exitDate.iso == theirs.exit_date)
            #expect(mine.status.rawValue == theirs.status.lowercased())
            #expect(close(mine.units, theirs.size, relative: 1e-9))
            #expect(close(mine.entryPrice, theirs.entry_price, relative: 1e-12))
            #expect(close(mine.exitPrice, theirs.exit_price, relative: 1e-12))
            #expect(close(mine.pnl, theirs.pnl, relative: 1e-9))
            #expect(close(mine.return, theirs.return, relative: 1e-9))
        }
    }

    /// A path where every rule shows.
    static let days = sessions(12)
    static let closes: [Double] = [10, 11, 12, 11, 13, 14, 15, 14, 16, 17, 18, 19]

    @Test func aSignalFillsOnTheNextRowNeverItsOwn() {
        let entries = [false, true] + [Bool](repeating: false, count: 10)  // fill row 1 (signal on row 0)
        let r = BacktestEngine.run(
            days: Self.days, fill: Self.closes, close: Self.closes, entries: entries,
            exits: [Bool](repeating: false, count: 12), hold: .rows(3), costs: Costs(feesBP: 0, slippageBP: 0))
        #expect(r.trades.first?.entryDate == Self.days[1])
        #expect(r.trades.first?.exitDate == Self.days[4])  // fill row + 3
        #expect(close(r.trades.first?.return, 13.0 / 11 - 1, relative: 1e-15))
        #expect(BacktestEngine.fillRow(after: Self.days[4], in: Self.days) == 5)
        // A Saturday signal fills on Monday.
        let saturday = Self.days[4] + 1  // 2020-01-11
        #expect(BacktestEngine.fillRow(after: saturday, in: Self.days) == 5)
    }

    @Test func signalsWhileLongAreIgnoredAndTheExitRowDoesNotReEnter() {
        var entries = [Bool](repeating: false, count: 12)
        entries[1] = true  // enters row 1, exits row 4
        entries[2] = true  // while long: ignored
        entries[4] = true  // fills on the exit row: ignored
        entries[5] = true  // a signal on the exit row fills on the next row: taken
        let r = BacktestEngine.run(
            days: Self.days, fill: Self.closes, close: Self.closes, entries: entries,
            exits: [Bool](repeating: false, count: 12), hold: .rows(3), costs: Costs())
        #expect(r.trades.map(\.entryDate) == [Self.days[1], Self.days[5]])
        #expect(r.trades.map(\.exitDate) == [Self.days[4], Self.days[8]])
        #expect(r.rowsInMarket == 6)  // held at the close of rows 1–3 and 5–7 (exits at the close of 4 and 8)
    }

    @Test func costsFollowVectorbtsConventionsAndAnOpenTradeIsMarkedWithoutExitFee() {
        var entries = [Bool](repeating: false, count: 12)
        entries[9] = true
        let costs = Costs(feesBP: 10, slippageBP: 5)
        let r = BacktestEngine.run(
            days: Self.days, fill: Self.closes, close: Self.closes, entries: entries,
            exits: [Bool](repeating: false, count: 12), hold: .exitSignals, costs: costs)
        let buy = 17 * 1.0005
        let units = 100 / (buy * 1.001)
        #expect(close(r.trades[0].entryPrice, buy, relative: 1e-15))
        #expect(close(r.trades[0].units, units, relative: 1e-15))
        #expect(r.trades[0].status == .open && r.trades[0].exitPrice == 19)
        #expect(close(r.value.last, units * 19, relative: 1e-15))
        #expect(r.value[8] == 100)
    }

    @Test func newHighSignalsUseOnlyPreviousCloses() throws {
        let bars = RiskflowTestSupport.bars("X", days: Self.days, close: Self.closes, unit: .usd)
        let data = MarketData(asOf: Self.days.last!, bars: ["X": bars])
        let r = try BacktestJob(symbol: "X", strategy: .newHigh(lookback: 3, holdRows: 2), costs: Costs(feesBP: 0, slippageBP: 0)).run(data)
        // Row 4 (13) beats rows 1–3 (max 12): fills row 5, exits row 7; row 8 (16) beats 5–7: fills row 9, exits 11.
        #expect(r.trades.map(\.entryDate) == [Self.days[5], Self.days[9]])
        #expect(r.trades.map(\.exitDate) == [Self.days[7], Self.days[11]])
    }

    @Test func aSignalBeforeTheInstrumentExistedNeverFills() throws {
        let bars = RiskflowTestSupport.bars("X", days: Self.days, close: Self.closes, unit: .usd)
        let data = MarketData(asOf: Self.days.last!, bars: ["X": bars])
        let r = try BacktestJob(symbol: "X", strategy: .dates(entries: [day("2019-06-01")], exits: [])).run(data)
        #expect(r.trades.isEmpty)
    }
}

import Foundation
import RiskflowCore
@testable import RiskflowSignals
import RiskflowTestSupport
import Testing

/// The altcoin universe of issue 10: ranking from the latest snapshot, exclusions, the
/// top N before eligibility, one snapshot time for prices, thin days.
@Suite("alt season universe") struct AltUniverseTests {
    static let start = day("2025-01-01")

    /// A daily file with a constant daily growth.
    static func coin(_ id: String, growth: Double, days: Int = 120, cap: Double = .nan) -> Bars {
        let ds = (0..<days).map { start + $0 }
        var b = bars(id, days: ds, close: (0..<days).map { 100 * pow(1 + growth, Double($0)) }, unit: .usd, calendar: .daily)
        b.marketCap = [Double](repeating: cap, count: days)
        return b
    }

    static func table(_ id: String, _ snapshots: [(Day, [RankTable.Entry])]) -> RankTable {
        var t = RankTable(id: id, source: "test")
        for (d, e) in snapshots { t.append(day: d, entries: e) }
        return t
    }

    static func entry(_ rank: Int, _ symbol: String, _ name: String = "", price: Double = .nan, cap: Double = .nan) -> RankTable.Entry {
        RankTable.Entry(rank: rank, symbol: symbol, name: name.isEmpty ? symbol : name, price: price, marketCap: cap, volume: .nan)
    }

    @Test func theSnapshotRanksByCapDedupesAndExcludes() {
        let t = Self.table("CMC", [(Self.start, [
            Self.entry(1, "BTC", cap: 100), Self.entry(2, "USDT", cap: 50), Self.entry(3, "SOL", "Solana", cap: 30),
            Self.entry(4, "AAA", cap: 40),  // rank 4 but a larger cap than SOL: ranked before it
            Self.entry(5, "SOL", "Wrapped SOL", cap: 1), Self.entry(6, "STX", "Some Staked Token", cap: 20),
            Self.entry(7, "BNB", "BNB", cap: 10),
        ])])
        let data = MarketData(asOf: Self.start + 10, bars: ["BTC": Self.coin("BTC", growth: 0)], rankings: ["CMC": t])
        let u = AltUniverse(data, coins: ["BTC"], config: .init())
        let ranking = u.ranking(on: Self.start + 3)
        #expect(ranking.coins.map(\.symbol) == ["AAA", "SOL", "BNB"])
        #expect(ranking.table == "CMC" && ranking.snapshot == Self.start)
    }

    @Test func aTableWithoutCapsRanksByItsRankAndDailyFilesFollowByCap() {
        let t = Self.table("CG", [(Self.start, [Self.entry(1, "BTC", price: 1), Self.entry(2, "ZZZ", price: 1), Self.entry(3, "AAA", price: 1)])])
        let data = MarketData(
            asOf: Self.start + 10,
            bars: ["BTC": Self.coin("BTC", growth: 0), "F1": Self.coin("F1", growth: 0, cap: 5), "F2": Self.coin("F2", growth: 0, cap: 9)],
            rankings: ["CG": t])
        let u = AltUniverse(data, coins: ["BTC", "F1", "F2"], config: .init())
        #expect(u.ranking(on: Self.start + 1).coins.map(\.symbol) == ["ZZZ", "AAA", "F2", "F1"])
    }

    @Test func onASnapshotPriceDayEveryListedCoinBitcoinIncludedTakesTheSnapshotPrice() {
        var c = SignalConfig.AltSeasonConfig()
        c.snapshotPrices = "CG"
        let d = Self.start + 5
        let t = Self.table("CG", [(d, [Self.entry(1, "BTC", price: 7), Self.entry(2, "AAA", price: 3)])])
        let data = MarketData(
            asOf: Self.start + 10, bars: ["BTC": Self.coin("BTC", growth: 0), "AAA": Self.coin("AAA", growth: 0), "BBB": Self.coin("BBB", growth: 0)],
            rankings: ["CG": t])
        let u = AltUniverse(data, coins: ["BTC", "AAA", "BBB"], config: c)
        #expect(u.price("BTC", on: d) == 7)
        #expect(u.price("AAA", on: d) == 3)
        #expect(u.price("BBB", on: d) == 100)  // not listed that day: its daily close
        #expect(u.price("AAA", on: d + 1) == 100)  // no snapshot that day
        #expect(u.price("CCC", on: d) == nil)
    }

    @Test func theTopNComesFirstThenTheEligibleOnesAndThinDaysAreFlagged() throws {
        // Ranking: NEW (no price 90 days back), then six coins with full histories.
        var c = SignalConfig.AltSeasonConfig()
        c.top = 6
        c.thinBelow = 6
        var coins: [String: Bars] = ["BTC": Self.coin("BTC", growth: 0.001)]
        let growth = [0.002, 0.0, 0.003, -0.001, 0.0015, 0.0005]
        for (i, g) in growth.enumerated() { coins["C\(i)"] = Self.coin("C\(i)", growth: g, cap: Double(100 - i)) }
        var late = Self.coin("NEW", growth: 0.01, cap: 1000)
        late = late.known(asOf: Self.start + 200)
        let lateDays = Array(late.days[100...]), lateClose = Array(late.close[100...])
        coins["NEW"] = bars("NEW", days: lateDays, close: lateClose, unit: .usd, calendar: .daily)
        coins["NEW"]!.marketCap = [Double](repeating: 1000, count: lateDays.count)
        let data = MarketData(asOf: Self.start + 119, bars: coins)
        let r = try AltSeasonModel.compute(data, coins: Array(coins.keys), config: c)
        let today = try #require(r.last)
        // Top 6 by cap: NEW, C0…C4; NEW has no price 90 days back: 5 eligible, C5 is not pulled in.
        #expect(today.eligible == 5)
        #expect(today.index == 60)  // C0, C2 and C4 (+0.2, +0.3, +0.15 %/day) beat BTC (+0.1 %/day)
        #expect(today.thin)
    }
}

import RiskflowCore
@testable import RiskflowSignals
import Testing
import RiskflowTestSupport

func macro(_ id: String, unit: ValueUnit, rows: [(String, Double)], published: (Day) -> Day) -> Bars {
    let days = rows.map { day($0.0) }
    let nan = [Double](repeating: .nan, count: rows.count)
    var b = Bars(id: id, unit: unit, calendar: .weekly, days: days, open: nan, high: nan, low: nan,
                 close: rows.map(\.1), volume: nan, marketCap: nan)
    b.availableAt = days.map(published)
    return b
}

@Suite("Liquidity and stage") struct LiquidityStageTests {
    /// WALCL dated Wednesday 2026-01-07 is published Thursday 2026-01-08.
    func data(asOf: String) -> MarketData {
        let walcl = macro("WALCL", unit: .millionsUSD, rows: [("2025-12-31", 6_500_000), ("2026-01-07", 6_600_000)]) { $0 + 1 }
        let tga = macro("WTREGEN", unit: .millionsUSD, rows: [("2025-12-31", 800_000), ("2026-01-07", 900_000)]) { $0 + 1 }
        let rrp = macro("RRPONTSYD", unit: .billionsUSD, rows: [("2025-12-31", 10), ("2026-01-07", 5), ("2026-01-08", 4)]) { $0 }
        let all = MarketData(asOf: day(asOf), bars: ["WALCL": walcl, "WTREGEN": tga, "RRPONTSYD": rrp])
        // What a store read as of the day returns.
        return MarketData(asOf: all.asOf, bars: all.bars.mapValues { $0.known(asOf: all.asOf) })
    }

    @Test func wednesdayValuesCountFromThursdayInBillions() throws {
        let r = try LiquidityModel.compute(data(asOf: "2026-01-08"), config: .init())
        let thursday = try #require(r.rows.last)
        #expect(thursday.date == day("2026-01-08"))
        #expect(thursday.walcl == 6600)  // millions → billions
        #expect(thursday.tga == 900)
        #expect(thursday.rrp == 4)
        #expect(thursday.netLiquidity == 6600 - 900 - 4)
        // On Wednesday the Wednesday level is not known yet: the previous week's is used.
        let wednesday = try #require(try LiquidityModel.compute(data(asOf: "2026-01-07"), config: .init()).rows.last)
        #expect(wednesday.date == day("2026-01-07"))
        #expect(wednesday.walcl == 6500)
        #expect(wednesday.rrp == 5)
        #expect(wednesday.regime == .unknown)  // 156 weeks of history are needed
    }

    @Test func missingSeriesIsAClearError() {
        let e = #expect(throws: SignalError.self) {
            try LiquidityModel.compute(MarketData(asOf: day("2026-01-08"), bars: [:]), config: .init())
        }
        #expect(e?.message.contains("WALCL") == true)
    }

    @Test func stageConditionsAreUnknownWithoutInputs() {
        // Only GSPC: conditions 1, 3 and 4 lack inputs; 2 needs 200 sessions.
        let days = sessions(260)
        let spx = bars("GSPC", days: days, close: (0..<260).map { 100 + Double($0) })
        let r = RiskCurveStage.compute(MarketData(asOf: days.last!, bars: ["GSPC": spx]), config: .init(), breakouts: [], altSeason: nil)
        let today = r.today!
        #expect(today.conditions[0].state == .unknown)
        #expect(today.conditions[0].missing == ["DGS10", "BAMLH0A0HYM2"])
        #expect(today.conditions[1].state == .met)
        #expect(today.conditions[2].missing == ["RUT"])
        #expect(today.stage == 0)  // condition 1 is not met (unknown), so nothing counts
        // The first 199 sessions have no 200-session mean: unknown, not "not met".
        let early = RiskCurveStage.compute(
            MarketData(asOf: days[150], bars: ["GSPC": spx]), config: .init(), breakouts: [], altSeason: nil)
        #expect(early.today!.conditions[1].state == .unknown)
    }

    @Test func altSeasonCountsAltsBeatingBitcoin() throws {
        // 91 days; BTC +10 %; five alts at +20, +5, +30, −10, +11 %; USDT excluded.
        let days = (0..<91).map { day("2025-01-01") + $0 }
        func coin(_ id: String, _ ret: Double, cap: Double) -> Bars {
            let nan = [Double](repeating: .nan, count: 91)
            let close = (0..<91).map { 1 + ret * Double($0) / 90 }
            return Bars(id: id, unit: .usd, calendar: .daily, days: days, open: nan, high: nan, low: nan, close: close,
                        volume: nan, marketCap: [Double](repeating: cap, count: 91))
        }
        var all: [String: Bars] = ["BTC": coin("BTC", 0.10, cap: 1e12), "USDT": coin("USDT", 0.5, cap: 9e11)]
        for (i, r) in [0.20, 0.05, 0.30, -0.10, 0.11].enumerated() { all["A\(i)"] = coin("A\(i)", r, cap: Double(5 - i) * 1e9) }
        let data = MarketData(asOf: days.last!, bars: all)
        let r = try AltSeasonModel.compute(data, coins: Array(all.keys), config: .init())
        let today = try #require(r.last)
        #expect(today.eligible == 5)
        #expect(today.index == 60)  // 3 of 5 beat +10 %
        #expect(today.season == .neutral)
        var top2 = SignalConfig.AltSeasonConfig()
        top2.top = 2  // A0 (+20 %) and A1 (+5 %) by cap
        top2.minimumEligible = 2
        #expect(try AltSeasonModel.compute(data, coins: Array(all.keys), config: top2).last?.index == 50)
    }
}

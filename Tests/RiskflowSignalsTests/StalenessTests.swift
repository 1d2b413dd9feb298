import RiskflowCore
@testable import RiskflowSignals
import Testing
import RiskflowTestSupport

/// The staleness rule: an input whose last value known on the day is older than
/// `[staleness]` allows (10 sessions, 3 weeks) is left out of that day's computation and
/// named, never carried forward; thin alt season days are flagged and not used.
@Suite("Stale inputs and thin days") struct StalenessTests {
    @Test func ageCountsWeekdaysForNYSEAndDaysOtherwise() {
        // Friday 2026-09-18 → Monday 2026-09-21: one session, three days.
        #expect(Staleness.age(of: day("2026-09-18"), on: day("2026-09-21"), calendar: .nyse) == 1)
        #expect(Staleness.age(of: day("2026-09-18"), on: day("2026-09-21"), calendar: .daily) == 3)
        // Two full weeks are 10 sessions: still usable; the 11th session is stale.
        let c = SignalConfig.StalenessConfig()
        #expect(!Staleness.isStale(day("2026-09-11"), on: day("2026-09-25"), calendar: .nyse, config: c))
        #expect(Staleness.isStale(day("2026-09-10"), on: day("2026-09-25"), calendar: .nyse, config: c))
        // Weekly: 21 days allowed, 22 stale.
        #expect(!Staleness.isStale(day("2026-08-19"), on: day("2026-09-09"), calendar: .weekly, config: c))
        #expect(Staleness.isStale(day("2026-08-19"), on: day("2026-09-10"), calendar: .weekly, config: c))
        #expect(Staleness.note("MDY", last: day("2025-09-26")) == "MDY excluded: last value 2025-09-26")
        #expect(Staleness.note("IJH", last: nil) == "IJH excluded: no data")
    }

    /// A basket member at exactly 10 sessions old counts with its last value; at 11 it is
    /// left out and named; the threshold is a parameter.
    @Test func breadthLeavesOutStaleMembersAndNamesThem() throws {
        let days = sessions(100)
        var c = SignalConfig.BreakoutConfig()
        c.symbol = "IDX"
        c.volumeFrom = nil
        c.basket = ["A", "B", "C", "OLD", "NONE"]
        c.breadthMinimumMembers = 2
        let up = (0..<100).map { 50 + Double($0) }
        let data = MarketData(asOf: days[99], bars: [
            "IDX": bars("IDX", days: days, close: up),
            "A": bars("A", days: days, close: up),
            "B": bars("B", days: Array(days.prefix(90)), close: Array(up.prefix(90))),  // 10 sessions old on day 99
            "C": bars("C", days: Array(days.prefix(89)), close: Array(up.prefix(89))),  // 11 sessions old
            "OLD": bars("OLD", days: Array(days.prefix(30)), close: Array(up.prefix(30))),
        ])
        let today = try #require(BreakoutDetector.conditions(data, on: days[99], config: c))
        #expect(today.breadthMembers == 2)
        #expect(today.breadth == 1)
        #expect(today.breadthExcluded == [
            "C excluded: last value \(days[88].iso)", "OLD excluded: last value \(days[29].iso)", "NONE excluded: no data",
        ])
        var loose = SignalConfig.StalenessConfig()
        loose.sessions = 11
        let looser = try #require(BreakoutDetector.conditions(data, on: days[99], config: c, staleness: loose))
        #expect(looser.breadthMembers == 3)
        // Point in time: on day 89 C is current.
        let then = try #require(BreakoutDetector.conditions(data, on: days[89], config: c))
        #expect(then.breadthMembers == 3)
    }

    @Test func conditionsOnADayThatIsNotABreak() throws {
        // High 110 at session 10, a close of 111 at session 30: above the prior high, base 20.
        var closes = [Double](repeating: 100, count: 31)
        closes[10] = 110
        closes[30] = 111
        let days = sessions(31)
        var c = SignalConfig.BreakoutConfig()
        c.symbol = "IDX"
        c.volumeFrom = nil
        c.basket = []
        let data = MarketData(asOf: days[30], bars: ["IDX": bars("IDX", days: days, close: closes)])
        let d = try #require(BreakoutDetector.conditions(data, on: days[30] + 2, config: c))
        #expect(d.date == days[30])
        #expect(d.abovePriorHigh)
        #expect(d.priorHigh == 110)
        #expect(d.priorHighDate == days[10])
        #expect(d.baseSessions == 20)
        #expect(try BreakoutDetector.detect(data, config: c).isEmpty)  // a base of 20 < 63: no break
        #expect(BreakoutDetector.conditions(data, on: days[0] - 1, config: c) == nil)
    }

    @Test func stageLeavesOutStaleRatesAndNamesThem() {
        let days = sessions(300)
        let spx = bars("GSPC", days: days, close: (0..<300).map { 100 + Double($0) })
        // DGS10 and the spread end 20 sessions before the last day.
        let rates = bars("DGS10", days: Array(days.prefix(280)), close: (0..<280).map { 4 + Double($0 % 7) / 100 }, unit: .percent)
        let hy = bars("BAMLH0A0HYM2", days: Array(days.prefix(280)), close: (0..<280).map { 3 - Double($0) / 1000 }, unit: .percent)
        let data = MarketData(asOf: days[299], bars: ["GSPC": spx, "DGS10": rates, "BAMLH0A0HYM2": hy])
        let history = RiskCurveStage.history(data, config: .init(), breakouts: [], altSeason: nil)
        let last = history[299].conditions[0]
        #expect(last.state == .unknown)
        #expect(last.missing == ["DGS10 excluded: last value \(days[279].iso)", "BAMLH0A0HYM2 excluded: last value \(days[279].iso)"])
        // While they were current the condition was evaluated.
        #expect(history[285].conditions[0].state != .unknown)
        #expect(history[285].conditions[0].missing.isEmpty)
    }

    @Test func liquidityDropsDaysWithStaleAssetsAndLeavesOutAStaleReverseRepo() throws {
        // Weekly WALCL/WTREGEN published the day after; RRP only until early December.
        var rows: [(String, Double)] = []
        var d = day("2025-10-01")
        while d <= day("2025-12-31") {
            rows.append((d.iso, 6_000_000))
            d = d + 7
        }
        let walcl = macro("WALCL", unit: .millionsUSD, rows: rows) { $0 + 1 }
        let tga = macro("WTREGEN", unit: .millionsUSD, rows: rows.map { ($0.0, 800_000) }) { $0 + 1 }
        let rrp = bars("RRPONTSYD", [("2025-10-01", 50), ("2025-12-01", 40)], unit: .billionsUSD)
        let asOf = day("2026-02-05")
        let data = MarketData(asOf: asOf, bars: ["WALCL": walcl, "WTREGEN": tga, "RRPONTSYD": rrp].mapValues { $0.known(asOf: asOf) })
        let r = try LiquidityModel.compute(data, config: .init())
        // WALCL's last value (2025-12-31) is 21 days old on 2026-01-21, 22 on the 22nd.
        #expect(r.rows.last?.date == day("2026-01-15"))
        #expect(r.staleOnAsOf.contains("WALCL excluded: last value 2025-12-31"))
        // On 2025-12-04 the reverse repo of 2025-12-01 is fresh; on 2025-12-18 (13 sessions) it is left out.
        let dec4 = try #require(r.rows.first { $0.date == day("2025-12-04") })
        #expect(dec4.rrp == 40)
        #expect(dec4.excluded.isEmpty)
        let dec18 = try #require(r.rows.first { $0.date == day("2025-12-18") })
        #expect(dec18.rrp == 0)
        #expect(dec18.netLiquidity == 6000 - 800)
        #expect(dec18.excluded == ["RRPONTSYD excluded: last value 2025-12-01"])
    }

    func altDay(_ iso: String, eligible: Int, index: Double = 50) -> AltSeasonDay {
        AltSeasonDay(
            date: day(iso), index: index, eligible: eligible, season: .neutral, btcReturn: 0, carriedCaps: 0, uncapped: 0,
            thin: eligible < 20, rankingTable: nil, rankingDate: nil)
    }

    /// 48 → 30 → 48: the drop day is thin although 30 ≥ 20; the current value skips it.
    @Test func aDropInTheEligibleCountIsThinAndNotCurrent() {
        let counts = [48, 48, 47, 48, 48, 30, 48, 40, 30]
        let days = counts.enumerated().map { altDay((day("2026-01-01") + $0.offset).iso, eligible: $0.element, index: Double($0.offset)) }
        let flagged = AltSeasonModel.flagDrops(days, config: .init())
        #expect(flagged.map(\.thin) == [false, false, false, false, false, true, false, false, true])
        // 40 is 83 % of the median 48: not a drop.
        let report = AltSeasonReport(days: flagged, config: .init())
        #expect(report.current?.date == day("2026-01-08"))
        #expect(report.last?.date == day("2026-01-09"))
        // Point in time: a day's flag uses earlier days only.
        let upTo6 = AltSeasonModel.flagDrops(Array(days.prefix(6)), config: .init())
        #expect(upTo6.map(\.thin) == Array(flagged.prefix(6)).map(\.thin))
    }

    @Test func stageSkipsThinAltSeasonDays() {
        let days = sessions(60, from: "2026-01-05")
        let spx = bars("GSPC", days: days, close: (0..<60).map { 100 + Double($0) })
        let alt = AltSeasonReport(
            days: [altDay(days[50].iso, eligible: 48, index: 80), altDay(days[59].iso, eligible: 10, index: 10)], config: .init())
        let h = RiskCurveStage.history(MarketData(asOf: days[59], bars: ["GSPC": spx]), config: .init(), breakouts: [], altSeason: alt)
        // The thin value (10) is never used; the last non-thin one is 13 days old on the last day: missing.
        #expect(h[59].conditions[3].evidence[StageCondition.Evidence.altSeasonIndex] == .some(nil))
        #expect(h[51].conditions[3].evidence[StageCondition.Evidence.altSeasonIndex] == .some(80))
    }

    @Test func inputsAsOfNamesEachGroupsOldestInput() {
        let data = MarketData(
            asOf: day("2026-09-25"),
            bars: [
                "RUT": bars("RUT", [("2026-09-25", 1)]), "IWM": bars("IWM", [("2026-09-24", 1)]),
                "GSPC": bars("GSPC", [("2026-09-25", 1)]),
                "WALCL": macro("WALCL", unit: .millionsUSD, rows: [("2026-08-19", 1)]) { $0 + 1 },
                "ETH": bars("ETH", [("2026-09-25", 1)], calendar: .daily),
            ])
        let groups = InputsAsOf.compute(data, config: .init())
        #expect(groups.map(\.group) == ["prices", "liquidity", "crypto"])
        #expect(groups[0].asOf == day("2026-09-24"))
        #expect(groups[1].asOf == day("2026-08-19"))
        #expect(groups[1].series.map(\.last) == [day("2026-08-19"), nil, nil])
        #expect(groups[2].asOf == day("2026-09-25"))
        #expect(InputsAsOf.line(groups) == "prices 2026-09-24 · liquidity 2026-08-19 · crypto 2026-09-25")
    }
}

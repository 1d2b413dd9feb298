import RiskflowCore
@testable import RiskflowSignals
import Testing
import RiskflowTestSupport

/// A high at session 10 (110), a base below it, then a break at `breakAt` and `after`
/// closes after it.
func path(breakAt: Int, after: [Double], total: Int? = nil) -> [Double] {
    var c = [Double](repeating: 100, count: breakAt)
    c[10] = 110
    c.append(111)  // the break: above H = 110
    c += after
    if let total { while c.count < total { c.append(112) } }
    return c
}

@Suite("Breakout rules") struct BreakoutTests {
    var config: SignalConfig.BreakoutConfig {
        var c = SignalConfig.BreakoutConfig()
        c.symbol = "IDX"
        c.volumeFrom = nil
        c.basket = []
        return c
    }

    func detect(_ closes: [Double], volume: [Double]? = nil, basket: [Bars] = [], start: String = "2020-01-06",
                config: SignalConfig.BreakoutConfig? = nil) throws -> [Breakout] {
        var c = config ?? self.config
        c.basket = basket.map(\.id)
        let days = sessions(closes.count, from: start)
        var all = ["IDX": bars("IDX", days: days, close: closes, volume: volume)]
        for b in basket { all[b.id] = b }
        return try BreakoutDetector.detect(MarketData(asOf: days.last!, bars: all), config: c)
    }

    @Test func aBaseOf63SessionsBreaksAndOf62DoesNot() throws {
        // H set at session 10; a break at 73 is 63 sessions later, at 72 only 62.
        let at63 = try detect(path(breakAt: 73, after: [112, 112, 112, 112, 112]))
        #expect(at63.count == 1)
        #expect(at63[0].baseSessions == 63)
        #expect(at63[0].level == 110)
        let at62 = try detect(path(breakAt: 72, after: [112, 112, 112, 112, 112]))
        #expect(at62.isEmpty)
    }

    @Test func signalDateIsFiveSessionsAfterTheBreak() throws {
        let closes = path(breakAt: 80, after: [112, 113, 114, 115, 116, 117])
        let e = try #require(try detect(closes).first)
        let days = sessions(closes.count)
        #expect(e.breakDate == days[80])
        #expect(e.signalDate == days[85])
        #expect(e.status == .unconfirmed)
        #expect(e.reasons == ["no volume", "no breadth"])
    }

    @Test func fallingBackOnDayFiveFails() throws {
        let e = try #require(try detect(path(breakAt: 80, after: [112, 113, 114, 115, 110, 120])).first)
        #expect(e.status == .failed)
        #expect(e.signalDate == nil)
        // Exactly at the level counts as falling back.
        let atLevel = try #require(try detect(path(breakAt: 80, after: [110, 113, 114, 115, 116])).first)
        #expect(atLevel.status == .failed)
    }

    @Test func fewerThanFiveSessionsIsPending() throws {
        let e = try #require(try detect(path(breakAt: 80, after: [112, 113, 114])).first)
        #expect(e.status == .pending)
        #expect(e.signalDate == nil)
    }

    @Test func volumeAndBreadthQualify() throws {
        let closes = path(breakAt: 80, after: [112, 113, 114, 115, 116])
        // Volume 100 for the base, 130 for the last 5 sessions up to the break: ratio 1.3.
        var volume = [Double](repeating: 100, count: closes.count)
        for i in 76...80 { volume[i] = 130 }
        let days = sessions(closes.count)
        // Three basket members, two above their 50-session mean on the break day.
        let up = bars("A", days: days, close: (0..<closes.count).map { 50 + Double($0) })
        let up2 = bars("B", days: days, close: (0..<closes.count).map { 20 + Double($0) / 10 })
        let down = bars("C", days: days, close: (0..<closes.count).map { 200 - Double($0) })
        let e = try #require(try detect(closes, volume: volume, basket: [up, up2, down]).first)
        #expect(abs(e.volumeRatio! - 1.3) < 1e-12)
        #expect(abs(e.breadth! - 2.0 / 3) < 1e-12)
        #expect(e.breadthMembers == 3)
        #expect(e.status == .qualified)
        #expect(e.reasons.isEmpty)
        // With only two members with a fresh value on the break day: no breadth. D's last
        // value is 20 sessions old (more than the 10 the staleness rule allows): left out, named.
        let short = bars("D", days: Array(days.prefix(60)), close: [Double](repeating: 1, count: 60))
        let e2 = try #require(try detect(closes, volume: volume, basket: [up, down, short]).first)
        #expect(e2.breadthMembers == 2)
        #expect(e2.breadthExcluded == ["D excluded: last value \(days[59].iso)"])
        #expect(e2.reasons == ["no breadth"])
        #expect(e2.status == .unconfirmed)
        // Volume below 1.2×.
        var weak = volume
        for i in 76...80 { weak[i] = 110 }
        let e3 = try #require(try detect(closes, volume: weak, basket: [up, up2, down]).first)
        #expect(e3.reasons == ["volume ratio below 1.2"])
    }

    @Test func volumeComesFromTheProxyWhenTheIndexHasNone() throws {
        let closes = path(breakAt: 80, after: [112, 113, 114, 115, 116])
        let days = sessions(closes.count)
        var volume = [Double](repeating: 100, count: closes.count)
        for i in 76...80 { volume[i] = 150 }
        var c = config
        c.volumeFrom = "ETF"
        let data = MarketData(asOf: days.last!, bars: [
            "IDX": bars("IDX", days: days, close: closes), "ETF": bars("ETF", days: days, close: closes, volume: volume),
        ])
        let e = try #require(try BreakoutDetector.detect(data, config: c).first)
        #expect(e.volumeSource == "ETF")
        #expect(abs(e.volumeRatio! - 1.5) < 1e-12)
    }

    @Test func thinHolidayBreaksAreFlagged() throws {
        // Sessions from 2019-09-09: session 80 is 2019-12-30.
        let closes = path(breakAt: 80, after: [112, 113, 114, 115, 116])
        let days = sessions(closes.count, from: "2019-09-09")
        #expect(days[80] == (try Day(iso: "2019-12-30")))
        var volume = [Double](repeating: 100, count: closes.count)
        for i in 76...80 { volume[i] = 80 }
        let e = try #require(try detect(closes, volume: volume, start: "2019-09-09").first)
        #expect(e.flags == ["holiday-thin"])
        #expect(e.ytdReturn == nil)  // the series starts in 2019: no close of the previous year
    }

    @Test func thresholdCrossing() throws {
        var c = config
        c.threshold = 110.5
        let e = try #require(try detect(path(breakAt: 80, after: [112, 113, 114, 115, 116]), config: c).first)
        #expect(e.thresholdCrossed == true)
        c.threshold = 120
        #expect(try detect(path(breakAt: 80, after: [112, 113, 114, 115, 116]), config: c).first?.thresholdCrossed == false)
    }

    @Test func unknownSymbolIsAClearError() {
        let e = #expect(throws: SignalError.self) {
            try BreakoutDetector.detect(MarketData(asOf: Day(rawValue: 0), bars: [:]), config: config)
        }
        #expect(e?.message.contains("IDX") == true)
    }
}

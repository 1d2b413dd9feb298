import Foundation
import RiskflowCore
import RiskflowResearch
import RiskflowTestSupport
import Testing

/// Walk-forward splits and the absence of look-ahead: what is decided up to a day is the
/// same whether or not later data exist.
@Suite("walk-forward") struct WalkForwardTests {
    static func market(days n: Int) -> MarketData {
        var g = SplitMix64(seed: 3)
        var price = 100.0
        let days = (0..<n).map { day("2018-01-01") + $0 }
        let closes = (0..<n).map { _ -> Double in
            price *= 1 + (g.nextUnit() - 0.48) * 0.06
            return price
        }
        return MarketData(asOf: days.last!, bars: ["X": bars("X", days: days, close: closes, unit: .usd, calendar: .daily)])
    }

    static func job(anchored: Bool = false) -> WalkForwardJob {
        WalkForwardJob(
            symbol: "X", lookbacks: .init(start: 5, end: 60, step: 5), holds: .init(start: 2, end: 20, step: 6), train: 200, test: 60,
            anchored: anchored, pboBlocks: 4)
    }

    @Test func splitsAreConsecutiveTestWindowsAfterTheirTrainingWindows() throws {
        let r = try Self.job().run(Self.market(days: 1000))
        #expect(r.splits.first?.testStart == day("2018-01-01") + 200)
        for (a, b) in zip(r.splits, r.splits.dropFirst()) { #expect(b.testStart == a.testStart + 60) }
        for s in r.splits {
            #expect(s.trainEnd == s.testStart - 1)
            #expect(s.trainStart == s.testStart - 200)
            #expect(s.testEnd == s.testStart + 59)
        }
        let anchored = try Self.job(anchored: true).run(Self.market(days: 1000))
        #expect(anchored.splits.allSatisfy { $0.trainStart == day("2018-01-01") })
    }

    @Test func nothingDecidedBeforeADayChangesWhenLaterDataArrive() throws {
        let full = try Self.job().run(Self.market(days: 1000))
        let cut = day("2018-01-01") + 700
        var data = Self.market(days: 1000)
        data.bars["X"] = data.bars["X"]!.known(asOf: cut)
        data.asOf = cut
        let early = try Self.job().run(data)
        let settled = early.splits.filter { $0.testEnd <= cut }
        #expect(!settled.isEmpty)
        for s in settled {
            let same = full.splits.first { $0.testStart == s.testStart }!
            #expect(same.lookback == s.lookback && same.hold == s.hold && same.inSample == s.inSample)
            #expect(same.outOfSample == s.outOfSample)
        }
        // The stitched value curve up to the cut is the same.
        let prefix = early.equity.filter { $0.date <= cut }
        #expect(Array(full.equity.prefix(prefix.count)) == prefix)
    }
}

import Foundation
import RiskflowCore
import RiskflowData
@testable import RiskflowSignals
import Testing

/// Each signal's history computed with all the data must equal the value computed as of
/// each day from only what was known then (a store read as of that day).
@Suite("Signals: as of D equals history at D", .serialized) struct NoLookAheadTests {
    static let store: Store = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-signals-\(UUID().uuidString)")
        let s = try! Store(path: dir.appendingPathComponent("riskflow.sqlite").path)
        try! BundledSnapshot.load(into: s)
        return s
    }()
    static let ids = try! store.ids()
    static let crypto = try! store.list().filter { $0.metadata.kind == .crypto }.map(\.metadata.id)
    static let latest = try! store.list().compactMap(\.last).max()!
    /// Every series and the ranking tables (the alt season's universe).
    static let full = try! store.marketData(for: .everything, asOf: latest)

    static let days: [Day] = {
        var g = SystemRandomNumberGenerator()
        let lo = try! Day(iso: "2008-01-01").rawValue, hi = latest.rawValue - 10
        // Random days, plus one before the first Bitcoin price, one in the 2021 alt season
        // (monthly ranking table), one in the CoinGecko daily table's era and one in the
        // weekly table's.
        return [try! Day(iso: "2009-06-01"), try! Day(iso: "2021-02-17"), try! Day(iso: "2026-01-15"), try! Day(iso: "2017-12-20")]
            + (0..<8).map { _ in Day(rawValue: Int32.random(in: lo...hi, using: &g)) }
    }()

    func asOf(_ day: Day) throws -> MarketData { try Self.store.marketData(for: .everything, asOf: day) }

    @Test func breakouts() throws {
        let c = SignalConfig.BreakoutConfig()
        let all = try BreakoutDetector.detect(Self.full, config: c)
        for day in Self.days {
            let then = try BreakoutDetector.detect(asOf(day), config: c)
            // Everything decided by D is identical; what was pending then is pending or decided now.
            let decided = all.filter { e in e.signalDate.map { $0 <= day } ?? false }
            #expect(then.filter { $0.status == .qualified || $0.status == .unconfirmed } == decided, "\(day.iso)")
            #expect(then.map(\.breakDate) == all.filter { $0.breakDate <= day }.map(\.breakDate), "\(day.iso)")
        }
    }

    @Test func liquidity() throws {
        let all = try LiquidityModel.compute(Self.full, config: .init())
        for day in Self.days {
            let then = try LiquidityModel.compute(asOf(day), config: .init())
            let weekly = then.rows.filter { $0.date.weekday == .thursday }
            #expect(weekly == all.rows.filter { $0.date <= day && $0.date.weekday == .thursday }, "\(day.iso)")
        }
    }

    @Test func altSeasonAndStage() throws {
        let cfg = SignalConfig()
        let alt = try AltSeasonModel.compute(Self.full, coins: Self.crypto, config: cfg.altseason)
        let stage = RiskCurveStage.compute(
            Self.full, config: cfg.stage, breakouts: try BreakoutDetector.detect(Self.full, config: cfg.breakout),
            altSeason: alt)
        for day in Self.days.prefix(6) {
            let data = try asOf(day)
            let altThen = try AltSeasonModel.compute(data, coins: Self.crypto, config: cfg.altseason)
            #expect(altThen.days == alt.days.filter { $0.date <= day }, "\(day.iso)")
            let stageThen = RiskCurveStage.compute(
                data, config: cfg.stage, breakouts: try BreakoutDetector.detect(data, config: cfg.breakout), altSeason: altThen)
            let spellThen = stageThen.spells.last
            let spellAll = stage.spells.first { $0.from <= (stageThen.today?.date ?? day) && $0.to >= (stageThen.today?.date ?? day) }
            #expect(spellThen?.stage == spellAll?.stage, "\(day.iso)")
            #expect(stageThen.spells.dropLast() == stage.spells.filter { $0.to < spellThen!.from }[...], "\(day.iso)")
        }
    }
}

import Foundation
import RiskflowCore
import RiskflowData
import RiskflowTestSupport
@testable import RiskflowSignals
import Testing

/// Each signal's history computed with all the data must equal the value computed as of
/// each day from only what was known then (a store read as of that day).
@Suite("Signals: as of D equals history at D", .serialized) struct NoLookAheadTests {
    struct Fixture: Sendable {
        var store: any RiskflowStore
        var crypto: [String]
        var latest: Day
        /// Every series and the ranking tables (the alt season's universe).
        var full: MarketData
        var days: [Day]
    }

    static let fixture = Once<Fixture> {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-signals-\(UUID().uuidString)")
        let s = try await Store.open(dir.appendingPathComponent("riskflow.sqlite").path)
        try await BundledSnapshot.load(into: s)
        let list = try await s.list()
        let crypto = list.filter { $0.metadata.kind == .crypto }.map(\.metadata.id)
        guard let latest = list.compactMap(\.last).max() else { throw StoreError(.readFailed, "the bundled store is empty") }
        let full = try await s.marketData(for: .everything, asOf: latest)
        var g = SystemRandomNumberGenerator()
        let lo = try Day(iso: "2008-01-01").rawValue, hi = latest.rawValue - 10
        // Random days, plus one before the first Bitcoin price, one in the 2021 alt season
        // (monthly ranking table), one in the CoinGecko daily table's era and one in the
        // weekly table's.
        let days = [try Day(iso: "2009-06-01"), try Day(iso: "2021-02-17"), try Day(iso: "2026-01-15"), try Day(iso: "2017-12-20")]
            + (0..<8).map { _ in Day(rawValue: Int32.random(in: lo...hi, using: &g)) }
        return Fixture(store: s, crypto: crypto, latest: latest, full: full, days: days)
    }

    func asOf(_ day: Day) async throws -> MarketData { try await Self.fixture.value().store.marketData(for: .everything, asOf: day) }

    @Test func breakouts() async throws {
        let f = try await Self.fixture.value()
        let c = SignalConfig.BreakoutConfig()
        let all = try BreakoutDetector.detect(f.full, config: c)
        for day in f.days {
            let then = try await BreakoutDetector.detect(asOf(day), config: c)
            // Everything decided by D is identical; what was pending then is pending or decided now.
            let decided = all.filter { e in e.signalDate.map { $0 <= day } ?? false }
            #expect(then.filter { $0.status == .qualified || $0.status == .unconfirmed } == decided, "\(day.iso)")
            #expect(then.map(\.breakDate) == all.filter { $0.breakDate <= day }.map(\.breakDate), "\(day.iso)")
        }
    }

    @Test func liquidity() async throws {
        let f = try await Self.fixture.value()
        let all = try LiquidityModel.compute(f.full, config: .init())
        for day in f.days {
            let then = try await LiquidityModel.compute(asOf(day), config: .init())
            let weekly = then.rows.filter { $0.date.weekday == .thursday }
            #expect(weekly == all.rows.filter { $0.date <= day && $0.date.weekday == .thursday }, "\(day.iso)")
        }
    }

    @Test func altSeasonAndStage() async throws {
        let f = try await Self.fixture.value()
        let cfg = SignalConfig()
        let alt = try AltSeasonModel.compute(f.full, coins: f.crypto, config: cfg.altseason)
        let stage = RiskCurveStage.compute(
            f.full, config: cfg.stage, breakouts: try BreakoutDetector.detect(f.full, config: cfg.breakout),
            altSeason: alt)
        for day in f.days.prefix(6) {
            let data = try await asOf(day)
            let altThen = try AltSeasonModel.compute(data, coins: f.crypto, config: cfg.altseason)
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

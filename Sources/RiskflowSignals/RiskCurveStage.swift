import RiskflowCore

/// One of the four stage conditions on one day, with its evidence.
public struct StageCondition: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable { case met, notMet = "not_met", unknown }

    /// The four conditions, in the order the thesis says they switch on.
    public enum Name: String, Sendable, Codable, CaseIterable {
        case bondsStabilise = "bonds_stabilise"
        case broadEquitiesRise = "broad_equities_rise"
        case highBetaLeads = "high_beta_leads"
        case cryptoSpillover = "crypto_spillover"

        /// The name in words ("bonds stabilise").
        public var words: String {
            switch self {
            case .bondsStabilise: "bonds stabilise"
            case .broadEquitiesRise: "broad equities rise"
            case .highBetaLeads: "high beta leads"
            case .cryptoSpillover: "crypto spillover"
            }
        }
    }

    /// The evidence keys, named by role; the windows they use are in ``SignalConfig/StageConfig``.
    public enum Evidence {
        /// Realised volatility of daily rate changes over `rateVolatilityWindow` observations.
        public static let rateVolatility = "rate_volatility"
        /// Its trailing median over `rateVolatilityMedianWindow` observations.
        public static let rateVolatilityMedian = "rate_volatility_median"
        /// The credit spread now, and `spreadLookback` observations before.
        public static let hySpread = "hy_spread"
        public static let hySpreadBefore = "hy_spread_before"
        /// The broad-equity close, its `trendAverage`-session mean and `momentumSessions` return.
        public static let close = "close"
        public static let trendMean = "trend_mean"
        public static let momentumReturn = "momentum_return"
        /// Small caps over broad equities over `relativeSessions`, and 1 when a qualified
        /// breakout is in force (else 0).
        public static let relativeReturn = "relative_return"
        public static let breakoutInForce = "breakout_in_force"
        /// ETH/BTC over `cryptoLookbackDays` calendar days, and the alt season index.
        public static let ethBtcReturn = "eth_btc_return"
        public static let altSeasonIndex = "alt_season_index"
    }

    public var name: Name
    public var state: State
    /// The numbers the condition was read from, by role (nil where unavailable).
    public var evidence: [String: Double?]
    /// Inputs that were missing (why the state is unknown).
    public var missing: [String]
}

/// The stage on one day: the highest k such that conditions 1…k are all met.
public struct StageDay: Sendable, Codable, Equatable {
    public var date: Day
    public var stage: Int
    public var conditions: [StageCondition]
}

/// A run of days at one stage.
public struct StageSpell: Sendable, Codable, Equatable {
    public var from: Day
    public var to: Day
    public var stage: Int
}

public struct StageReport: Sendable, Codable, Equatable {
    public var asOf: Day
    public var today: StageDay?
    public var spells: [StageSpell]
    public var config: SignalConfig.StageConfig
    /// The as-of day of each input group (``InputsAsOf``); set by the stage job.
    public var inputsAsOf: [InputGroupAsOf] = []

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case today
        case spells
        case config
        case inputsAsOf = "inputs_as_of"
    }
}

/// The risk-curve stage (SPEC §4.3), evaluated on every session of the broad-equity
/// index (GSPC) with what was known at the end of that day:
/// 1. **bonds stabilise**: the 20-day realised volatility (sample std) of daily DGS10
///    changes is below its trailing 252-observation median, and the high-yield spread is
///    below its value 63 observations earlier;
/// 2. **broad equities rise**: GSPC above its 200-session mean and its 63-session return > 0;
/// 3. **high beta leads**: the RUT/GSPC 63-session relative return > 0, or a qualified
///    breakout in force (within 63 RUT sessions of its signal date, RUT above the broken level);
/// 4. **crypto spillover**: the ETH/BTC ratio up over 30 calendar days and the altcoin
///    season index above 50.
/// A condition with a missing input is `unknown` (never met or not met by default);
/// the stage counts only conditions that are met. An input whose last value known on the
/// day is stale (``SignalConfig/StalenessConfig``: 10 sessions, 3 weeks) counts as
/// missing, named in `missing` ("DGS10 excluded: last value 2026-08-20"); the alt season
/// index is the last value on a day that is not thin, at most 7 days old.
public enum RiskCurveStage {
    public static func compute(
        _ data: MarketData, config c: SignalConfig.StageConfig, breakouts: [Breakout], altSeason: AltSeasonReport?,
        staleness: SignalConfig.StalenessConfig = .init()
    ) -> StageReport {
        let days = history(data, config: c, breakouts: breakouts, altSeason: altSeason, staleness: staleness)
        var spells: [StageSpell] = []
        for day in days {
            if var last = spells.last, last.stage == day.stage {
                last.to = day.date
                spells[spells.count - 1] = last
            } else {
                spells.append(StageSpell(from: day.date, to: day.date, stage: day.stage))
            }
        }
        return StageReport(asOf: data.asOf, today: days.last, spells: spells, config: c)
    }

    /// Every session's stage with each condition's state and evidence, as known at the
    /// end of that session (the history ``compute(_:config:breakouts:altSeason:)`` sums up).
    /// - Parameter from: the first session returned (the windows still use every earlier
    ///   row, so each day equals the full history's); `nil` for all.
    /// - Complexity: O(sessions returned), after O(n) preparation.
    public static func history(
        _ data: MarketData, config c: SignalConfig.StageConfig, breakouts: [Breakout], altSeason: AltSeasonReport?,
        staleness: SignalConfig.StalenessConfig = .init(), from: Day? = nil
    ) -> [StageDay] {
        guard let spx = data[c.broadEquity], !spx.isEmpty else { return [] }
        let grid = spx.days.filter { $0 <= data.asOf }
        let rates = Inputs.rateVolatility(data[c.rates], config: c)
        let hy = data[c.creditSpread]
        let hyIndex = hy.map { PointInTime.knownIndex($0, on: grid) }
        let spxMean = rollingMean(spx.close, window: c.trendAverage)
        let rut = data[c.smallCaps]
        let rutIndex = rut.map { PointInTime.knownIndex($0, on: grid) }
        let eth = data[c.ethereum], btc = data[c.bitcoin]
        let rateIndex = rates.map { PointInTime.knownIndex($0.bars, on: grid) }
        let back = grid.map { $0 - c.cryptoLookbackDays }
        let ethNow = eth.map { PointInTime.closes($0, on: grid) }, ethThen = eth.map { PointInTime.closes($0, on: back) }
        let btcNow = btc.map { PointInTime.closes($0, on: grid) }, btcThen = btc.map { PointInTime.closes($0, on: back) }
        let ethIndex = eth.map { PointInTime.knownIndex($0, on: grid) }
        let btcIndex = btc.map { PointInTime.knownIndex($0, on: grid) }
        /// The note for an input whose last known row `i` is stale on `d` (`nil` when fresh or absent).
        func staleNote(_ bars: Bars?, _ i: Int?, _ d: Day) -> String? {
            guard let bars, let i, i >= 0 else { return nil }
            let last = bars.days[i]
            return Staleness.isStale(last, on: d, calendar: bars.calendar, config: staleness)
                ? Staleness.note(bars.id, last: last) : nil
        }
        let qualified = breakouts.filter { $0.status == .qualified }
        var days: [StageDay] = []
        let start = from.map { grid.lowerBound(of: $0) } ?? 0
        days.reserveCapacity(grid.count - start)
        let alt = (altSeason?.days ?? []).filter { !$0.thin }
        var altPointer = 0
        typealias E = StageCondition.Evidence
        for t in start..<grid.count {
            let d = grid[t]
            // 1. Bonds.
            var c1 = StageCondition(name: .bondsStabilise, state: .unknown, evidence: [:], missing: [])
            let ri = rateIndex?[t] ?? -1
            let ratesStale = staleNote(rates?.bars, ri, d)
            let vol = ratesStale == nil ? rates.flatMap { ri >= 0 ? $0.vol[ri] : nil } : nil
            let med = ratesStale == nil ? rates.flatMap { ri >= 0 ? $0.median[ri] : nil } : nil
            var spreadNow: Double? = nil, spreadThen: Double? = nil
            let hyStale = staleNote(hy, hyIndex?[t], d)
            if let hy, let hi = hyIndex?[t], hi >= c.spreadLookback, hyStale == nil {
                spreadNow = hy.close[hi]
                spreadThen = hy.close[hi - c.spreadLookback]
            }
            c1.evidence = [E.rateVolatility: vol, E.rateVolatilityMedian: med, E.hySpread: spreadNow, E.hySpreadBefore: spreadThen]
            if vol == nil || med == nil { c1.missing.append(ratesStale ?? c.rates) }
            if spreadNow == nil { c1.missing.append(hyStale ?? c.creditSpread) }
            if let vol, let med, let spreadNow, let spreadThen { c1.state = vol < med && spreadNow < spreadThen ? .met : .notMet }
            // 2. Broad equities.
            var c2 = StageCondition(name: .broadEquitiesRise, state: .unknown, evidence: [:], missing: [])
            let mean = spxMean[t]
            let ret = t >= c.momentumSessions ? spx.close[t] / spx.close[t - c.momentumSessions] - 1 : nil
            c2.evidence = [E.close: spx.close[t], E.trendMean: mean.isNaN ? nil : mean, E.momentumReturn: ret]
            if let ret, !mean.isNaN {
                c2.state = spx.close[t] > mean && ret > 0 ? .met : .notMet
            } else {
                c2.missing.append(c.broadEquity)
            }
            // 3. High beta.
            var c3 = StageCondition(name: .highBetaLeads, state: .unknown, evidence: [:], missing: [])
            var relative: Double? = nil
            var inForce = false
            let rutStale = staleNote(rut, rutIndex?[t], d)
            if let rut, let i = rutIndex?[t], i >= c.relativeSessions, t >= c.relativeSessions, rutStale == nil {
                let rutRet = rut.close[i] / rut.close[i - c.relativeSessions]
                let spxRet = spx.close[t] / spx.close[t - c.relativeSessions]
                relative = rutRet / spxRet - 1
                for b in qualified {
                    guard let s = b.signalDate, s <= d else { continue }
                    let sessionsSince = rut.days.upperBound(of: d) - rut.days.upperBound(of: s)
                    if sessionsSince <= c.breakoutInForceSessions && rut.close[i] > b.level { inForce = true }
                }
            }
            c3.evidence = [E.relativeReturn: relative, E.breakoutInForce: inForce ? 1 : 0]
            if let relative { c3.state = relative > 0 || inForce ? .met : .notMet } else { c3.missing.append(rutStale ?? c.smallCaps) }
            // 4. Crypto.
            var c4 = StageCondition(name: .cryptoSpillover, state: .unknown, evidence: [:], missing: [])
            var ratioReturn: Double? = nil
            let cryptoStale = [staleNote(eth, ethIndex?[t], d), staleNote(btc, btcIndex?[t], d)].compactMap { $0 }
            if cryptoStale.isEmpty, let en = ethNow?[t], let et = ethThen?[t], let bn = btcNow?[t], let bt = btcThen?[t],
                en.isFinite, et.isFinite, bn.isFinite, bt.isFinite
            {
                ratioReturn = (en / bn) / (et / bt) - 1
            }
            while altPointer < alt.count && alt[altPointer].date <= d { altPointer += 1 }
            let altIndex = altPointer > 0 && d - alt[altPointer - 1].date <= 7 ? alt[altPointer - 1].index : nil
            c4.evidence = [E.ethBtcReturn: ratioReturn, E.altSeasonIndex: altIndex]
            if ratioReturn == nil {
                if cryptoStale.isEmpty { c4.missing.append("\(c.ethereum)/\(c.bitcoin)") } else { c4.missing += cryptoStale }
            }
            if altIndex == nil { c4.missing.append("alt season index") }
            if let ratioReturn, let altIndex { c4.state = ratioReturn > 0 && altIndex > c.altSeasonLevel ? .met : .notMet }
            let conditions = [c1, c2, c3, c4]
            let stage = conditions.firstIndex { $0.state != .met } ?? 4
            days.append(StageDay(date: d, stage: stage, conditions: conditions))
        }
        return days
    }

    /// DGS10's 20-observation volatility of daily changes and its trailing median, per row.
    struct Inputs {
        let bars: Bars
        let vol: [Double?]
        let median: [Double?]

        static func rateVolatility(_ bars: Bars?, config c: SignalConfig.StageConfig) -> Inputs? {
            guard let bars, bars.count > c.rateVolatilityWindow + 1 else { return nil }
            var changes = [Double](repeating: .nan, count: bars.count)
            for i in 1..<bars.count { changes[i] = bars.close[i] - bars.close[i - 1] }
            let vol = rollingStd(changes, window: c.rateVolatilityWindow)
            // Trailing median over w observations, with the window kept sorted (O(n·w)).
            var median = [Double?](repeating: nil, count: bars.count)
            let w = c.rateVolatilityMedianWindow
            var sorted: [Double] = []
            sorted.reserveCapacity(w + 1)
            var nanInWindow = 0
            for i in 0..<bars.count {
                let v = vol[i]
                if v.isNaN { nanInWindow += 1 } else { sorted.insert(v, at: sorted.firstIndex { $0 >= v } ?? sorted.count) }
                if i >= w {
                    let old = vol[i - w]
                    if old.isNaN { nanInWindow -= 1 } else if let k = sorted.firstIndex(of: old) { sorted.remove(at: k) }
                }
                guard i >= w - 1, nanInWindow == 0, sorted.count == w else { continue }
                median[i] = w % 2 == 1 ? sorted[w / 2] : (sorted[w / 2 - 1] + sorted[w / 2]) / 2
            }
            return Inputs(bars: bars, vol: vol.map { $0.isNaN ? nil : $0 }, median: median)
        }
    }
}

import RiskflowCore

/// One day of the altcoin season index (JSON keys `date, index, eligible, season` are a
/// public interface).
public struct AltSeasonDay: Sendable, Codable, Equatable {
    public enum Season: String, Sendable, Codable {
        case altcoin, bitcoin, neutral
    }
    public var date: Day
    /// 100 × share of the ranked altcoins whose return over the window beat Bitcoin's.
    public var index: Double
    /// Altcoins ranked (top N among those with prices on the day and `window` days before).
    public var eligible: Int
    public var season: Season
    /// Bitcoin's return over the window.
    public var btcReturn: Double
    /// Of the ranked coins, how many were ranked by a market cap carried forward from an
    /// earlier day (the source had none that day), and how many had no cap at all
    /// (ranked last, by 24 h volume).
    public var carriedCaps: Int
    public var uncapped: Int

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case date
        case index
        case eligible
        case season
        case btcReturn = "btc_return"
        case carriedCaps = "carried_caps"
        case uncapped
    }
}

/// The altcoin season index (Blockchaincenter definition) and its history.
public struct AltSeasonReport: Sendable, Codable, Equatable {
    public var days: [AltSeasonDay]
    public var config: SignalConfig.AltSeasonConfig
    public var current: AltSeasonDay? { days.last }
}

/// On each day d: the altcoins (every coin but BTC, stablecoins, wrapped and staked
/// tokens — ``SignalConfig/AltSeasonConfig/excluded``) with a close dated d and one dated
/// d − `window`; ranked by market cap on d (the last known cap when the source has none
/// that day; coins never seen with a cap last, by volume); the top N. Index = 100 × the
/// share whose `window`-day return beats BTC's. ≥ 75 altcoin season, ≤ 25 bitcoin season.
/// Days with fewer than 5 eligible altcoins or no BTC return have no value.
public enum AltSeasonModel {
    public static let minimumEligible = 5

    /// The index over every crypto series in `data` (``MarketData/symbols(of:)``).
    public static func compute(_ data: MarketData, config c: SignalConfig.AltSeasonConfig) throws -> AltSeasonReport {
        try compute(data, coins: data.symbols(of: .crypto), config: c)
    }

    /// The index over `coins` (those in `data`; BTC and the excluded ones are left out).
    public static func compute(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) throws
        -> AltSeasonReport
    {
        guard let btc = data[c.bitcoin] else { throw SignalError(.missingInput, "no data for \(c.bitcoin), needed for alt season") }
        // Before Bitcoin's first price (as of an early day) the history is simply empty.
        guard !btc.isEmpty else { return AltSeasonReport(days: [], config: c) }
        let prepared = Altcoins.select(data, coins: coins, config: c)
        var out: [AltSeasonDay] = []
        guard let first = btc.days.first else { return AltSeasonReport(days: [], config: c) }
        var d = first + c.window
        let end = min(data.asOf, btc.days.last!)
        struct Candidate {
            var cap: Double
            var volume: Double
            var beat: Bool
            var carried: Bool
            var capped: Bool
        }
        var candidates: [Candidate] = []
        while d <= end {
            defer { d = d + 1 }
            guard let btcNow = row(btc, d), let btcThen = row(btc, d - c.window) else { continue }
            let btcReturn = btc.close[btcNow] / btc.close[btcThen] - 1
            candidates.removeAll(keepingCapacity: true)
            for coin in prepared {
                guard let i = row(coin.bars, d), let j = row(coin.bars, d - c.window) else { continue }
                let r = coin.bars.close[i] / coin.bars.close[j] - 1
                let cap = coin.lastCap[i]
                candidates.append(
                    Candidate(
                        cap: cap.isNaN ? -1 : cap, volume: coin.bars.volume[i].isNaN ? 0 : coin.bars.volume[i],
                        beat: r > btcReturn, carried: !cap.isNaN && coin.bars.marketCap[i].isNaN, capped: !cap.isNaN))
            }
            guard candidates.count >= minimumEligible else { continue }
            candidates.sort { ($0.cap, $0.volume) > ($1.cap, $1.volume) }
            let top = candidates.prefix(c.top)
            let beat = top.filter(\.beat).count
            let index = 100 * Double(beat) / Double(top.count)
            let season: AltSeasonDay.Season =
                index >= c.altcoinSeason ? .altcoin : index <= c.bitcoinSeason ? .bitcoin : .neutral
            out.append(
                AltSeasonDay(
                    date: d, index: index, eligible: top.count, season: season, btcReturn: btcReturn,
                    carriedCaps: top.filter(\.carried).count, uncapped: top.filter { !$0.capped }.count))
        }
        return AltSeasonReport(days: out, config: c)
    }

    /// The row of `bars` dated exactly `day`.
    @inline(__always)
    static func row(_ bars: Bars, _ day: Day) -> Int? {
        let i = bars.days.lowerBound(of: day)
        return i < bars.count && bars.days[i] == day ? i : nil
    }
}

/// The "altcoins" follower: a basket of the top-N altcoins by market cap, rebalanced on
/// the first day of each month, cap- or equal-weighted, held buy-and-hold within the
/// month (a member without a close on a day is carried at its last close).
///
/// Survivorship caveat: the bundled universe lacks most coins that died before 2018 and
/// is thin after 2021, so the basket overstates what an investor in "the altcoins" got.
public enum AltBasket {
    /// The basket's series id.
    public static let symbol = "ALTS"

    /// The basket over every crypto series in `data` (``MarketData/symbols(of:)``).
    public static func build(_ data: MarketData, config c: SignalConfig.AltSeasonConfig) -> Series {
        build(data, coins: data.symbols(of: .crypto), config: c)
    }

    public static func build(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) -> Series {
        let prepared = Altcoins.select(data, coins: coins, config: c)
        let alts = prepared.map(\.bars)
        guard let start = alts.compactMap(\.days.first).min() else {
            return Series(unchecked: symbol, unit: .indexPoints, calendar: .daily, days: [], values: [])
        }
        let end = min(data.asOf, alts.compactMap(\.days.last).max()!)
        var days: [Day] = [], values: [Double] = []
        var units: [(Int, Double)] = []  // (coin index, units held)
        var value = 100.0
        var d = start
        var lastIndex = [Int](repeating: -1, count: alts.count)
        func price(_ k: Int, _ day: Day) -> Double? {
            let b = alts[k]
            while lastIndex[k] + 1 < b.count && b.days[lastIndex[k] + 1] <= day { lastIndex[k] += 1 }
            return lastIndex[k] >= 0 ? b.close[lastIndex[k]] : nil
        }
        var month = -1
        while d <= end {
            defer { d = d + 1 }
            // Mark to market.
            if !units.isEmpty {
                var v = 0.0
                for (k, u) in units { v += u * (price(k, d) ?? 0) }
                value = v
            }
            let (y, m, _) = d.components
            if y * 12 + m != month {
                // Rebalance: members with a close dated today and a known cap.
                var members: [(k: Int, cap: Double, p: Double)] = []
                for k in 0..<alts.count {
                    guard let i = AltSeasonModel.row(alts[k], d) else { continue }
                    let cap = prepared[k].lastCap[i]
                    if cap.isNaN { continue }
                    members.append((k, cap, alts[k].close[i]))
                    _ = price(k, d)
                }
                members.sort { $0.cap > $1.cap }
                let top = members.prefix(c.top)
                if top.count >= AltSeasonModel.minimumEligible {
                    let total = top.reduce(0) { $0 + $1.cap }
                    let equal = c.basketWeighting == .equal
                    units = top.map { ($0.k, value * (equal ? 1 / Double(top.count) : $0.cap / total) / $0.p) }
                    month = y * 12 + m
                }
            }
            if !units.isEmpty {
                days.append(d)
                values.append(value)
            }
        }
        return Series(unchecked: symbol, unit: .indexPoints, calendar: .daily, days: days, values: values)
    }
}

/// The altcoin universe shared by the index and the basket: the coins that are not
/// Bitcoin and not excluded (``SignalConfig/AltSeasonConfig/excluded``), with data, and
/// each one's market cap carried forward to every row (the last known cap on or before
/// the row, `NaN` before the first).
enum Altcoins {
    struct Coin {
        let bars: Bars
        /// Market cap on or before each row (`NaN` if none yet).
        let lastCap: [Double]
    }

    static func select(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) -> [Coin] {
        let excluded = Set((c.excluded + [c.bitcoin]).map { $0.uppercased() })
        return coins.filter { !excluded.contains($0.uppercased()) }.compactMap { data[$0] }.filter { !$0.isEmpty }.map { b in
            var last = Double.nan
            var caps = [Double](repeating: .nan, count: b.count)
            for i in 0..<b.count {
                if !b.marketCap[i].isNaN { last = b.marketCap[i] }
                caps[i] = last
            }
            return Coin(bars: b, lastCap: caps)
        }
    }
}

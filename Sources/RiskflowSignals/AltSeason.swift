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
    public var btc_return: Double
    /// Of the ranked coins, how many were ranked by a market cap carried forward from an
    /// earlier day (the source had none that day), and how many had no cap at all
    /// (ranked last, by 24 h volume).
    public var carried_caps: Int
    public var uncapped: Int
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

    public static func compute(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) throws
        -> AltSeasonReport
    {
        guard let btc = data["BTC"] else { throw SignalError("no data for BTC, needed for alt season") }
        // Before Bitcoin's first price (as of an early day) the history is simply empty.
        guard !btc.isEmpty else { return AltSeasonReport(days: [], config: c) }
        let excluded = Set(c.excluded.map { $0.uppercased() })
        let alts = coins.filter { !excluded.contains($0.uppercased()) }.compactMap { data[$0] }.filter { !$0.isEmpty }
        // Per coin: index of each day, and the last known cap up to each row.
        struct Coin {
            let bars: Bars
            var lastCap: [Double]  // market cap on or before the row (NaN if none yet)
            var capIsFresh: [Bool]
        }
        let prepared: [Coin] = alts.map { b in
            var last = Double.nan
            var caps = [Double](repeating: .nan, count: b.count)
            var fresh = [Bool](repeating: false, count: b.count)
            for i in 0..<b.count {
                if !b.marketCap[i].isNaN {
                    last = b.marketCap[i]
                    fresh[i] = true
                }
                caps[i] = last
            }
            return Coin(bars: b, lastCap: caps, capIsFresh: fresh)
        }
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
                        beat: r > btcReturn, carried: !cap.isNaN && !coin.capIsFresh[i], capped: !cap.isNaN))
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
                    date: d, index: index, eligible: top.count, season: season, btc_return: btcReturn,
                    carried_caps: top.filter(\.carried).count, uncapped: top.filter { !$0.capped }.count))
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
    public static func build(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) -> Series {
        let excluded = Set(c.excluded.map { $0.uppercased() })
        let alts = coins.filter { !excluded.contains($0.uppercased()) }.compactMap { data[$0] }.filter { !$0.isEmpty }
        guard let start = alts.compactMap(\.days.first).min() else {
            return Series(unchecked: "ALTS", unit: .indexPoints, calendar: .daily, days: [], values: [])
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
                    var cap = Double.nan
                    var j = i
                    while j >= 0 && cap.isNaN {
                        cap = alts[k].marketCap[j]
                        j -= 1
                    }
                    if cap.isNaN { continue }
                    members.append((k, cap, alts[k].close[i]))
                    _ = price(k, d)
                }
                members.sort { $0.cap > $1.cap }
                let top = members.prefix(c.top)
                if top.count >= AltSeasonModel.minimumEligible {
                    let total = top.reduce(0) { $0 + $1.cap }
                    units = top.map { ($0.k, value * (c.basketWeighting == "equal" ? 1 / Double(top.count) : $0.cap / total) / $0.p) }
                    month = y * 12 + m
                }
            }
            if !units.isEmpty {
                days.append(d)
                values.append(value)
            }
        }
        return Series(unchecked: "ALTS", unit: .indexPoints, calendar: .daily, days: days, values: values)
    }
}

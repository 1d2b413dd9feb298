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
    /// The altcoins the index counts: of the top N in the day's ranking, those with a
    /// price on the day and `window` days before.
    public var eligible: Int
    public var season: Season
    /// Bitcoin's return over the window.
    public var btcReturn: Double
    /// Of the ranked coins, how many were ranked by a market cap carried forward from an
    /// earlier day (the source had none that day), and how many had no cap at all
    /// (ranked last, by 24 h volume).
    public var carriedCaps: Int
    public var uncapped: Int
    /// Fewer than ``SignalConfig/AltSeasonConfig/thinBelow`` (20) eligible altcoins, or
    /// fewer than ``SignalConfig/AltSeasonConfig/thinDropShare`` (0.8) × the median count
    /// of the 7 index days before (a source missing coins that day): the value rests on a
    /// thin universe. A thin day is shown but not used for a verdict, an alert, the stage
    /// or the monitor's current value.
    public var thin: Bool
    /// The ranking snapshot used (table id and its day); `nil` before the first snapshot
    /// (ranked by the daily files' caps only).
    public var rankingTable: String?
    public var rankingDate: Day?

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case date
        case index
        case eligible
        case season
        case btcReturn = "btc_return"
        case carriedCaps = "carried_caps"
        case uncapped
        case thin
        case rankingTable = "ranking_table"
        case rankingDate = "ranking_date"
    }
}

/// The altcoin season index (Blockchaincenter definition) and its history.
public struct AltSeasonReport: Sendable, Codable, Equatable {
    public var days: [AltSeasonDay]
    public var config: SignalConfig.AltSeasonConfig
    /// The monitor's value: the latest day that is not thin (with its date, which may be
    /// older than the last day).
    public var current: AltSeasonDay? { days.last { !$0.thin } }
    /// The last day computed, thin or not.
    public var last: AltSeasonDay? { days.last }
}

/// The altcoin season index, the Blockchaincenter definition, on the universe of
/// ``AltUniverse``: on each day d, the top N altcoins of d's ranking; of those, the
/// eligible ones have a price on d and on d − `window`; index = 100 × the share of the
/// eligible whose `window`-day return beats Bitcoin's (prices by the same rule, so on
/// CoinGecko days all from one snapshot time). ≥ 75 altcoin season, ≤ 25 bitcoin season.
/// Days with fewer than `minimumEligible` (5) eligible altcoins have no value; fewer than
/// `thinBelow` (20), or fewer than `thinDropShare` × the median eligible count of the
/// `thinDropDays` index days before (point in time: earlier days only), are flagged thin.
public enum AltSeasonModel {
    /// The index over every crypto series and ranking table in `data`.
    public static func compute(_ data: MarketData, config c: SignalConfig.AltSeasonConfig) throws -> AltSeasonReport {
        try compute(data, coins: data.symbols(of: .crypto), config: c)
    }

    /// The index over the coins with daily files in `coins` and the ranking tables in `data`.
    ///
    /// Cost: O(days · (ranking size + N log N)); about 20–40 ms on the bundled data.
    public static func compute(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) throws
        -> AltSeasonReport
    {
        guard data[c.bitcoin] != nil else { throw SignalError(.missingInput, "no data for \(c.bitcoin), needed for alt season") }
        let u = AltUniverse(data, coins: coins, config: c)
        // Before Bitcoin's first price (as of an early day) the history is simply empty.
        guard let span = u.bitcoinSpan() else { return AltSeasonReport(days: [], config: c) }
        let btc = c.bitcoin.uppercased()
        let first = span.first + c.window
        let end = min(data.asOf, span.last)
        guard end >= first else { return AltSeasonReport(days: [], config: c) }
        // Days are independent: computed in parallel, in day order.
        let out = Parallel.map(end - first + 1) { k -> AltSeasonDay? in
            let d = first + k
            guard let btcNow = u.price(btc, on: d), let btcThen = u.price(btc, on: d - c.window) else { return nil }
            let btcReturn = btcNow / btcThen - 1
            let ranking = u.ranking(on: d, limit: c.top)
            var eligible = 0, beat = 0, carried = 0, uncapped = 0
            for coin in ranking.coins.prefix(c.top) {
                guard let now = u.price(coin.symbol, on: d), let then = u.price(coin.symbol, on: d - c.window) else { continue }
                eligible += 1
                if now / then - 1 > btcReturn { beat += 1 }
                if coin.carried { carried += 1 }
                if coin.uncapped { uncapped += 1 }
            }
            guard eligible >= c.minimumEligible else { return nil }
            let index = 100 * Double(beat) / Double(eligible)
            let season: AltSeasonDay.Season =
                index >= c.altcoinSeason ? .altcoin : index <= c.bitcoinSeason ? .bitcoin : .neutral
            return AltSeasonDay(
                date: d, index: index, eligible: eligible, season: season, btcReturn: btcReturn, carriedCaps: carried,
                uncapped: uncapped, thin: eligible < c.thinBelow, rankingTable: ranking.table, rankingDate: ranking.snapshot)
        }
        return AltSeasonReport(days: flagDrops(out.compactMap { $0 }, config: c), config: c)
    }

    /// Flags thin the days whose eligible count dropped below `thinDropShare` × the median
    /// count of the `thinDropDays` index days before them.
    /// - Complexity: O(n · w log w), w = `thinDropDays`.
    static func flagDrops(_ days: [AltSeasonDay], config c: SignalConfig.AltSeasonConfig) -> [AltSeasonDay] {
        guard c.thinDropDays > 0 else { return days }
        var out = days
        for i in days.indices.dropFirst() {
            let window = days[max(0, i - c.thinDropDays)..<i].map(\.eligible).sorted()
            let m = window.count
            let median = m % 2 == 1 ? Double(window[m / 2]) : Double(window[m / 2 - 1] + window[m / 2]) / 2
            if Double(days[i].eligible) < c.thinDropShare * median { out[i].thin = true }
        }
        return out
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

    /// The basket over every crypto series and ranking table in `data`.
    public static func build(_ data: MarketData, config c: SignalConfig.AltSeasonConfig) -> Series {
        build(data, coins: data.symbols(of: .crypto), config: c)
    }

    /// On the first day of each month (or the first day after it when too few members
    /// qualify), the top N altcoins of that day's ranking (``AltUniverse``) that have a
    /// daily close that day and a market cap (the snapshot's, else the last known one of
    /// the coin's daily file), weighted by that cap (or equally); held until the next
    /// rebalance, marked at each member's last daily close. It starts at 100.
    public static func build(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) -> Series {
        let u = AltUniverse(data, coins: coins, config: c)
        let alts = u.files.filter { !u.excluded.contains($0.key) }
        guard let start = alts.values.compactMap(\.days.first).min(), let lastRow = alts.values.compactMap(\.days.last).max()
        else {
            return Series(unchecked: symbol, unit: .indexPoints, calendar: .daily, days: [], values: [])
        }
        let end = min(data.asOf, lastRow)
        var days: [Day] = [], values: [Double] = []
        var units: [(String, Double)] = []
        var value = 100.0
        var d = start
        var month = -1
        while d <= end {
            defer { d = d + 1 }
            if !units.isEmpty {
                var v = 0.0
                for (s, q) in units { v += q * (u.lastClose(s, onOrBefore: d) ?? 0) }
                value = v
            }
            let (y, m, _) = d.components
            if y * 12 + m != month {
                var members: [(symbol: String, cap: Double, price: Double)] = []
                for coin in u.ranking(on: d).coins {
                    guard members.count < c.top else { break }
                    guard let bars = alts[coin.symbol], let i = AltSeasonModel.row(bars, d) else { continue }
                    let cap = coin.cap.isNaN ? (u.lastCaps[coin.symbol]?[i] ?? .nan) : coin.cap
                    guard !cap.isNaN, cap > 0 else { continue }
                    members.append((coin.symbol, cap, bars.close[i]))
                }
                if members.count >= c.minimumEligible {
                    let total = members.reduce(0) { $0 + $1.cap }
                    let equal = c.basketWeighting == .equal
                    units = members.map { ($0.symbol, value * (equal ? 1 / Double(members.count) : $0.cap / total) / $0.price) }
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

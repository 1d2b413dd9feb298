import RiskflowCore

/// The altcoin universe of the alt season index and the alt basket: which altcoins rank
/// where on a day, and what each one's price is on a day.
///
/// **Ranking on day d**: the latest snapshot on or before d of any ranking table
/// (``RankTable``; on a tie the table with market caps, then the larger one), ordered by
/// market cap where the table has caps, else by its rank column; a symbol listed twice
/// keeps its best place (SOL and "Wrapped SOL" are one SOL); Bitcoin and the excluded
/// coins (``SignalConfig/AltSeasonConfig/excluded`` and names with "wrapped", "bridged",
/// "staked") are dropped. Coins with a daily price file but not in the snapshot follow, by
/// their last known market cap (coins never seen with a cap last, by volume).
///
/// **Price of a coin on day d**: on a day the snapshot-price table
/// (``SignalConfig/AltSeasonConfig/snapshotPrices``, CoinGecko's ~09:00 UTC prices) has, its
/// price for every coin it lists — Bitcoin included, so all returns compare one snapshot
/// time; otherwise the coin's daily close dated d; else another table's price for that
/// exact day; else none.
struct AltUniverse: Sendable {
    /// A coin's place in a day's ranking.
    struct Ranked: Sendable {
        var symbol: String
        /// The market cap it was ranked by (`NaN` when ranked by the table's rank column
        /// or without a cap).
        var cap: Double
        /// Ranked by a daily-file cap carried from an earlier day, or without any cap.
        var carried: Bool
        var uncapped: Bool
    }

    /// A day's ranking and where it came from.
    struct Ranking {
        var coins: [Ranked]
        var table: String?
        var snapshot: Day?
    }

    let config: SignalConfig.AltSeasonConfig
    /// The ranking tables; the per-table caches below are parallel to it (by position, so
    /// two tables sharing an id, or a dictionary key that is not the table's id, cannot
    /// mix their snapshots up).
    let tables: [RankTable]
    /// The position in ``tables`` of the snapshot-price table, if loaded.
    let priceTableIndex: Int?
    var priceTable: RankTable? { priceTableIndex.map { tables[$0] } }
    /// Daily price files of the crypto coins (Bitcoin included), by symbol.
    let files: [String: Bars]
    /// Per file: the last known market cap on or before each row (`NaN` before the first).
    let lastCaps: [String: [Double]]
    let excluded: Set<String>
    /// Per table (by position): per snapshot, symbol → price (first listing).
    let tablePrices: [[[String: Double]]]
    /// Per table (by position): per snapshot, the ranked and filtered altcoins (cached),
    /// and every symbol the snapshot lists.
    let snapshotRankings: [[[Ranked]]]
    let snapshotSymbols: [[Set<String>]]

    init(_ data: MarketData, coins: [String], config c: SignalConfig.AltSeasonConfig) {
        config = c
        excluded = Set((c.excluded + [c.bitcoin]).map { $0.uppercased() })
        let keys = data.rankings.keys.sorted()
        let tables = keys.compactMap { data.rankings[$0] }
        self.tables = tables
        priceTableIndex = keys.firstIndex(of: c.snapshotPrices.uppercased())
        var files: [String: Bars] = [:]
        for s in coins + [c.bitcoin] {
            if let b = data[s], !b.isEmpty { files[s.uppercased()] = b }
        }
        self.files = files
        lastCaps = files.mapValues { b in
            var last = Double.nan
            return b.marketCap.map { v in
                if !v.isNaN { last = v }
                return last
            }
        }
        var prices: [[[String: Double]]] = []
        var rankings: [[[Ranked]]] = []
        let words = c.excludedNameWords.map { $0.lowercased() }
        let excludedSet = excluded
        // Names repeat across snapshots: decide each once.
        var nameExcluded: [String: Bool] = [:]
        func excludedName(_ name: String) -> Bool {
            if let known = nameExcluded[name] { return known }
            let lower = name.lowercased()
            let v = words.contains { lower.contains($0) }
            nameExcluded[name] = v
            return v
        }
        for t in tables {
            prices.append((0..<t.count).map { k in
                var m: [String: Double] = [:]
                for i in t.range(k) where m[t.symbol[i]] == nil && !t.price[i].isNaN { m[t.symbol[i]] = t.price[i] }
                return m
            })
            let byCap = t.hasCaps
            rankings.append((0..<t.count).map { k in
                var rows = Array(t.range(k))
                if byCap {
                    // By market cap (missing caps after, by rank); stable for equal caps.
                    rows.sort { a, b in
                        let ca = t.marketCap[a].isNaN ? -1 : t.marketCap[a], cb = t.marketCap[b].isNaN ? -1 : t.marketCap[b]
                        return ca != cb ? ca > cb : t.rank[a] < t.rank[b]
                    }
                }
                var seen = Set<String>()
                var out: [Ranked] = []
                for i in rows {
                    let symbol = t.symbol[i]
                    guard seen.insert(symbol).inserted else { continue }  // best place only
                    if excludedSet.contains(symbol) { continue }
                    if excludedName(t.name[i]) { continue }
                    out.append(Ranked(symbol: symbol, cap: byCap ? t.marketCap[i] : .nan, carried: false, uncapped: false))
                }
                return out
            })
        }
        tablePrices = prices
        snapshotRankings = rankings
        snapshotSymbols = rankings.map { $0.map { Set($0.map(\.symbol)) } }
    }

    /// The latest snapshot on or before `day` of any table, with the table's position.
    func snapshot(onOrBefore day: Day) -> (table: RankTable, index: Int, position: Int)? {
        var best: (table: RankTable, index: Int, position: Int)? = nil
        for (position, t) in tables.enumerated() {
            guard let k = t.latest(onOrBefore: day) else { continue }
            if let b = best {
                let (d1, d2) = (t.days[k], b.table.days[b.index])
                if d1 < d2 { continue }
                if d1 == d2 && (b.table.hasCaps && !t.hasCaps || (b.table.hasCaps == t.hasCaps && b.table.range(b.index).count >= t.range(k).count)) {
                    continue
                }
            }
            best = (t, k, position)
        }
        return best
    }

    /// The altcoins ranked on `day`, best first; at least the first `limit` of them (the
    /// daily-file coins after the snapshot's are ranked only when the snapshot has fewer).
    func ranking(on day: Day, limit: Int = .max) -> Ranking {
        var ranked: [Ranked] = []
        var table: String? = nil, snapshotDay: Day? = nil
        var listed: Set<String> = []
        if let (t, k, position) = snapshot(onOrBefore: day) {
            ranked = snapshotRankings[position][k]
            listed = snapshotSymbols[position][k]
            table = t.id
            snapshotDay = t.days[k]
        }
        if ranked.count >= limit { return Ranking(coins: ranked, table: table, snapshot: snapshotDay) }
        // Coins with only a daily file: by last known cap, then volume.
        var extra: [(Ranked, Double)] = []
        for (symbol, bars) in files where !listed.contains(symbol) && !excluded.contains(symbol) {
            let i = bars.days.upperBound(of: day) - 1
            guard i >= 0 else { continue }
            let cap = lastCaps[symbol]?[i] ?? .nan
            let volume = bars.volume[i].isNaN ? 0 : bars.volume[i]
            extra.append((Ranked(symbol: symbol, cap: cap, carried: !cap.isNaN && bars.marketCap[i].isNaN, uncapped: cap.isNaN), volume))
        }
        extra.sort { a, b in
            let ca = a.0.cap.isNaN ? -1 : a.0.cap, cb = b.0.cap.isNaN ? -1 : b.0.cap
            return ca != cb ? ca > cb : (a.1 != b.1 ? a.1 > b.1 : a.0.symbol < b.0.symbol)
        }
        return Ranking(coins: ranked + extra.map(\.0), table: table, snapshot: snapshotDay)
    }

    /// The price of `symbol` on `day` (see the type's documentation), `nil` when none.
    func price(_ symbol: String, on day: Day) -> Double? {
        if let pt = priceTableIndex, let k = tables[pt].snapshot(on: day), let p = tablePrices[pt][k][symbol] { return p }
        if let b = files[symbol] {
            let i = b.days.lowerBound(of: day)
            if i < b.count && b.days[i] == day { return b.close[i] }
        }
        for (position, t) in tables.enumerated() where position != priceTableIndex {
            if let k = t.snapshot(on: day), let p = tablePrices[position][k][symbol] { return p }
        }
        return nil
    }

    /// The last daily close of `symbol` on or before `day`.
    func lastClose(_ symbol: String, onOrBefore day: Day) -> Double? {
        guard let b = files[symbol] else { return nil }
        let i = b.days.upperBound(of: day) - 1
        return i >= 0 ? b.close[i] : nil
    }

    /// The first day anything (a file or a snapshot price) gives Bitcoin a price, and the last.
    func bitcoinSpan() -> (first: Day, last: Day)? {
        var first: Day? = files[config.bitcoin.uppercased()]?.days.first
        var last: Day? = files[config.bitcoin.uppercased()]?.days.last
        let btc = config.bitcoin.uppercased()
        if let pt = priceTableIndex {
            let t = tables[pt]
            let priced = (0..<t.count).filter { tablePrices[pt][$0][btc] != nil }
            if let k0 = priced.first, let k1 = priced.last {
                first = min(first ?? t.days[k0], t.days[k0])
                last = max(last ?? t.days[k1], t.days[k1])
            }
        }
        guard let first, let last else { return nil }
        return (first, last)
    }
}

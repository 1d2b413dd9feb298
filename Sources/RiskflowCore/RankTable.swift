/// A table of market-cap rankings: for each snapshot day, the coins in rank order with
/// their price, market cap and 24 h volume where the source had them (`NaN` otherwise).
///
/// The bundled tables are CoinMarketCap's weekly top 20 (2013–2019), its monthly top 200
/// (2020–2025) and CoinGecko's daily top 100 (2025–2026); a snapshot dated s is known on
/// s. Structure of arrays: the entries of day `days[k]` are rows
/// `offsets[k]..<offsets[k + 1]`, in rank order.
public struct RankTable: Sendable, Equatable {
    public var id: String
    /// Where the table came from.
    public var source: String
    public var days: [Day]
    public var offsets: [Int]
    public var rank: [Int]
    public var symbol: [String]
    public var name: [String]
    public var price: [Double]
    public var marketCap: [Double]
    public var volume: [Double]

    public init(id: String, source: String) {
        self.id = id
        self.source = source
        days = []
        offsets = [0]
        rank = []
        symbol = []
        name = []
        price = []
        marketCap = []
        volume = []
    }

    /// One entry of a snapshot.
    public struct Entry: Sendable, Equatable {
        public var rank: Int
        public var symbol: String
        public var name: String
        public var price: Double
        public var marketCap: Double
        public var volume: Double

        public init(rank: Int, symbol: String, name: String, price: Double, marketCap: Double, volume: Double) {
            self.rank = rank
            self.symbol = symbol
            self.name = name
            self.price = price
            self.marketCap = marketCap
            self.volume = volume
        }
    }

    /// Appends a snapshot, later than every one held, its entries sorted by rank.
    public mutating func append(day: Day, entries: [Entry]) {
        // trap-ok: the callers append in day order — the CSV reader refuses dates out of order
        // with an import error, and the stores read snapshots `ORDER BY day`.
        precondition(days.last.map { $0 < day } ?? true, "snapshots must be appended in day order")
        days.append(day)
        for e in entries.sorted(by: { $0.rank < $1.rank }) {
            rank.append(e.rank)
            symbol.append(e.symbol)
            name.append(e.name)
            price.append(e.price)
            marketCap.append(e.marketCap)
            volume.append(e.volume)
        }
        offsets.append(rank.count)
    }

    /// Number of snapshot days.
    public var count: Int { days.count }
    /// Number of entries over all days.
    public var rows: Int { rank.count }
    /// `true` when the source has market caps (ranking by cap is possible).
    public var hasCaps: Bool { marketCap.contains { !$0.isNaN } }
    /// `true` when the source has prices.
    public var hasPrices: Bool { price.contains { !$0.isNaN } }

    /// The rows of snapshot `k`.
    public func range(_ k: Int) -> Range<Int> { offsets[k]..<offsets[k + 1] }

    /// The entries of snapshot `k`, in rank order.
    public func entries(_ k: Int) -> [Entry] {
        range(k).map { Entry(rank: rank[$0], symbol: symbol[$0], name: name[$0], price: price[$0], marketCap: marketCap[$0], volume: volume[$0]) }
    }

    /// The index of the latest snapshot on or before `day`.
    public func latest(onOrBefore day: Day) -> Int? {
        let i = days.upperBound(of: day)
        return i > 0 ? i - 1 : nil
    }

    /// The index of the snapshot dated exactly `day`.
    public func snapshot(on day: Day) -> Int? {
        let i = days.lowerBound(of: day)
        return i < days.count && days[i] == day ? i : nil
    }

    /// The table with only its last snapshot.
    public var lastSnapshot: RankTable {
        guard count > 1 else { return self }
        var t = RankTable(id: id, source: source)
        let r = range(count - 1)
        t.days = [days[count - 1]]
        t.offsets = [0, r.count]
        t.rank = Array(rank[r])
        t.symbol = Array(symbol[r])
        t.name = Array(name[r])
        t.price = Array(price[r])
        t.marketCap = Array(marketCap[r])
        t.volume = Array(volume[r])
        return t
    }

    /// The snapshots known on `asOf` (dated on or before it).
    public func known(asOf: Day) -> RankTable {
        let k = days.upperBound(of: asOf)
        var t = RankTable(id: id, source: source)
        t.days = Array(days[..<k])
        t.offsets = Array(offsets[...k])
        let n = offsets[k]
        t.rank = Array(rank[..<n])
        t.symbol = Array(symbol[..<n])
        t.name = Array(name[..<n])
        t.price = Array(price[..<n])
        t.marketCap = Array(marketCap[..<n])
        t.volume = Array(volume[..<n])
        return t
    }
}

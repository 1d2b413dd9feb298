/// The hand-over point between the store and the computations: the bars of each symbol
/// a computation needs, as known on one day.
///
/// A `MarketData` loaded "as of" day D holds only observations whose publication day
/// (`available_at`) is on or before D, so anything computed from it uses only what was
/// known on D. Signals and research take a `MarketData` and never reach back into the
/// store.
public struct MarketData: Sendable, Equatable {
    /// The day the data is known as of.
    public var asOf: Day
    /// Bars by symbol.
    public var bars: [String: Bars]
    /// The kind of each symbol held, where the loader knew it.
    public var kinds: [String: SeriesKind]
    /// Market-cap ranking tables by id, as known on `asOf` (loaded when asked for).
    public var rankings: [String: RankTable]

    public init(asOf: Day, bars: [String: Bars], kinds: [String: SeriesKind] = [:], rankings: [String: RankTable] = [:]) {
        self.asOf = asOf
        self.bars = bars
        self.kinds = kinds
        self.rankings = rankings
    }

    /// The ranking tables, by id.
    public var rankingTables: [RankTable] { rankings.keys.sorted().compactMap { rankings[$0] } }

    /// The symbols held, sorted.
    public var symbols: [String] { bars.keys.sorted() }

    /// The symbols held of one kind, sorted.
    public func symbols(of kind: SeriesKind) -> [String] {
        bars.keys.filter { kinds[$0] == kind }.sorted()
    }

    /// The bars of `symbol`, `nil` when not loaded.
    public subscript(symbol: String) -> Bars? { bars[symbol] }

    /// The closes (or values) of `symbol` as a series, `nil` when not loaded.
    public func closes(_ symbol: String) -> Series? { bars[symbol]?.closes }
}

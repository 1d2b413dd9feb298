/// The series a computation reads, as it declares them from its configuration: named
/// symbols, and every series of some kinds (the alt season ranks every crypto coin).
///
/// Commands and the server load exactly this (``MarketData`` as of a day) instead of the
/// whole store. A requested symbol the store does not have is simply not loaded; the
/// computation then reports it missing in its own words.
public struct DataRequest: Sendable, Equatable, Codable {
    /// Series ids, upper case, sorted and unique.
    public private(set) var symbols: [String]
    /// Kinds whose every series is needed, in ``SeriesKind/allCases`` order.
    public private(set) var kinds: [SeriesKind]
    /// The market-cap ranking tables (``RankTable``) too.
    public private(set) var rankings: Bool

    public init(symbols: [String] = [], kinds: [SeriesKind] = [], rankings: Bool = false) {
        self.symbols = Array(Set(symbols.map { $0.uppercased() })).sorted()
        self.kinds = SeriesKind.allCases.filter(kinds.contains)
        self.rankings = rankings
    }

    /// Every stored series and ranking table.
    public static let everything = DataRequest(kinds: SeriesKind.allCases, rankings: true)

    /// Both requests together.
    public func union(_ other: DataRequest) -> DataRequest {
        DataRequest(symbols: symbols + other.symbols, kinds: kinds + other.kinds, rankings: rankings || other.rankings)
    }

    /// The ids to load from a store holding `catalog` (id and kind of every stored
    /// series), in the catalogue's order.
    public func resolve(in catalog: [(id: String, kind: SeriesKind)]) -> [String] {
        let wanted = Set(symbols)
        return catalog.filter { wanted.contains($0.id) || kinds.contains($0.kind) }.map(\.id)
    }
}

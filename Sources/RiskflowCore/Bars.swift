/// Daily bars as a struct of arrays: one row per day, strictly increasing days.
///
/// `close` is always present and finite. `open`, `high`, `low`, `volume` and `marketCap`
/// have one entry per row, with `NaN` marking a field the source did not have (an index
/// without volume, a CoinGecko row without OHLC, an unknown market cap). `volume` is in
/// the source's units (shares for equities, 24 h USD volume for crypto); `marketCap` in
/// USD.
public struct Bars: Sendable, Equatable {
    public var id: String
    public var unit: ValueUnit
    public var calendar: SeriesCalendar
    public var days: [Day]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    public var marketCap: [Double]
    /// The day each row became known (its `available_at` in the store); `nil` means each
    /// row was known on its own day. Signals evaluated through history use it, so a
    /// value dated Wednesday and published Thursday is not used on Wednesday.
    public var availableAt: [Day]?

    /// The publication day of every row (``availableAt`` or the row's own day).
    public var knownDays: [Day] { availableAt ?? days }

    /// Creates bars; every column must have `days.count` entries.
    public init(
        id: String, unit: ValueUnit, calendar: SeriesCalendar, days: [Day], open: [Double], high: [Double],
        low: [Double], close: [Double], volume: [Double], marketCap: [Double]
    ) {
        let n = days.count
        // trap-ok: every caller builds the columns in one loop over rows (the stores' readers,
        // the CSV parser's row buffer, `Bars(closes:)`), so each has one entry per day.
        precondition(
            open.count == n && high.count == n && low.count == n && close.count == n && volume.count == n
                && marketCap.count == n, "every column must have one entry per day")
        self.id = id
        self.unit = unit
        self.calendar = calendar
        self.days = days
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.marketCap = marketCap
    }

    /// Bars with only closes (a `date,value` series); the other columns are `NaN`.
    public init(closes: Series) {
        let n = closes.count
        let missing = [Double](repeating: .nan, count: n)
        self.init(
            id: closes.id, unit: closes.unit, calendar: closes.calendar, days: closes.days, open: missing,
            high: missing, low: missing, close: closes.values, volume: missing, marketCap: missing)
    }

    /// An empty set of bars.
    public static func empty(id: String, unit: ValueUnit, calendar: SeriesCalendar) -> Bars {
        Bars(
            id: id, unit: unit, calendar: calendar, days: [], open: [], high: [], low: [], close: [], volume: [],
            marketCap: [])
    }

    /// Number of rows.
    public var count: Int { days.count }

    /// `true` when there is no row.
    public var isEmpty: Bool { days.isEmpty }

    /// `true` when at least one row has a volume.
    public var hasVolume: Bool { volume.contains { !$0.isNaN } }

    /// The closes as a ``Series``.
    public var closes: Series {
        Series(unchecked: id, unit: unit, calendar: calendar, days: days, values: close)
    }

    /// The volumes that are present, as a ``Series`` (unit: count).
    public var volumes: Series {
        var d: [Day] = [], v: [Double] = []
        for i in 0..<count where !volume[i].isNaN {
            d.append(days[i])
            v.append(volume[i])
        }
        return Series(unchecked: id, unit: .count, calendar: calendar, days: d, values: v)
    }

    /// The rows with `from ≤ day ≤ to` (either bound optional).
    public func slice(from: Day? = nil, to: Day? = nil) -> Bars {
        let lo = from.map { days.lowerBound(of: $0) } ?? 0
        let hi = max(lo, to.map { days.upperBound(of: $0) } ?? days.count)
        var b = Bars(
            id: id, unit: unit, calendar: calendar, days: Array(days[lo..<hi]), open: Array(open[lo..<hi]),
            high: Array(high[lo..<hi]), low: Array(low[lo..<hi]), close: Array(close[lo..<hi]),
            volume: Array(volume[lo..<hi]), marketCap: Array(marketCap[lo..<hi]))
        b.availableAt = availableAt.map { Array($0[lo..<hi]) }
        return b
    }

    /// The rows known on `day` (``knownDays`` ≤ `day`): the bars a store read as of
    /// `day` would return.
    public func known(asOf day: Day) -> Bars {
        let known = knownDays
        var keep: [Int] = []
        keep.reserveCapacity(count)
        for i in 0..<count where known[i] <= day { keep.append(i) }
        var b = Bars(
            id: id, unit: unit, calendar: calendar, days: keep.map { days[$0] }, open: keep.map { open[$0] },
            high: keep.map { high[$0] }, low: keep.map { low[$0] }, close: keep.map { close[$0] },
            volume: keep.map { volume[$0] }, marketCap: keep.map { marketCap[$0] })
        b.availableAt = availableAt.map { a in keep.map { a[$0] } }
        return b
    }
}

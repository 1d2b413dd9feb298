import RiskflowCore

/// What a provider returned for one symbol, parsed and in day order: one row per day, or,
/// for ALFRED vintages, one row per (day, vintage) with the day it was published.
///
/// Missing fields are `NaN`. Nothing here is written until the whole response has been
/// parsed and validated (``SyncValidation``).
public struct FetchedSeries: Sendable, Equatable {
    public var days: [Day]
    /// The day each row was published (ALFRED's `realtime_start`); `nil` when the store's
    /// publication rule applies.
    public var availableAt: [Day]?
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    public var marketCap: [Double]
    /// What the provider says the values are (`nil` when it does not say).
    public var unit: ValueUnit?
    public var kind: SeriesKind?
    public var calendar: SeriesCalendar?
    /// `true` when closes are dividend-adjusted (Yahoo `adjclose` ≠ `close` somewhere):
    /// a changed past close then means a new dividend and the whole series is re-fetched.
    public var isAdjusted = false

    public init() {
        days = []
        open = []
        high = []
        low = []
        close = []
        volume = []
        marketCap = []
    }

    public var count: Int { days.count }
    public var isEmpty: Bool { days.isEmpty }

    /// Appends one row.
    public mutating func append(
        day: Day, open: Double = .nan, high: Double = .nan, low: Double = .nan, close: Double, volume: Double = .nan,
        marketCap: Double = .nan, availableAt: Day? = nil
    ) {
        days.append(day)
        self.open.append(open)
        self.high.append(high)
        self.low.append(low)
        self.close.append(close)
        self.volume.append(volume)
        self.marketCap.append(marketCap)
        if let availableAt {
            if self.availableAt == nil { self.availableAt = [] }
            self.availableAt?.append(availableAt)
        }
    }

    /// The rows on or after `day` (all rows of a later vintage of earlier days are dropped too).
    public func since(_ day: Day) -> FetchedSeries {
        var out = self
        out.days = []; out.open = []; out.high = []; out.low = []; out.close = []; out.volume = []; out.marketCap = []
        out.availableAt = availableAt == nil ? nil : []
        for i in 0..<count where days[i] >= day {
            out.append(
                day: days[i], open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i],
                marketCap: marketCap[i], availableAt: availableAt?[i])
        }
        return out
    }

    /// Converts every price column to `target` (an explicit, tested unit conversion).
    public mutating func convert(to target: ValueUnit) throws(UnitError) {
        guard let unit, unit != target else { return }
        let f = try unit.factor(to: target)
        for i in 0..<count {
            open[i] *= f; high[i] *= f; low[i] *= f; close[i] *= f
        }
        self.unit = target
    }
}

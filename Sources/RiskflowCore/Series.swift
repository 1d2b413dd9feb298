/// One numeric time series as a struct of arrays: strictly increasing days, one finite
/// value per day (missing observations are absent, never `NaN`).
public struct Series: Sendable, Equatable {
    /// The symbol or FRED id (`RUT`, `WALCL`).
    public var id: String
    /// The unit of `values`.
    public var unit: ValueUnit
    /// The calendar the series is observed on.
    public var calendar: SeriesCalendar
    /// Observation days, strictly increasing.
    public private(set) var days: [Day]
    /// One finite value per day.
    public private(set) var values: [Double]

    /// Creates a series, checking its invariants.
    ///
    /// - Precondition: `days.count == values.count`, days strictly increasing, values
    ///   finite. Use ``validated(id:unit:calendar:days:values:)`` for untrusted input.
    /// - Complexity: O(*n*).
    public init(id: String, unit: ValueUnit, calendar: SeriesCalendar, days: [Day], values: [Double]) {
        // trap-ok: the checked initializer of literal data (tests, examples); no riskflow code
        // path calls it — input goes through `validated(...)`, which throws instead.
        precondition(
            days.count == values.count && Series.isStrictlyIncreasing(days) && values.allSatisfy(\.isFinite),
            "days and values must have the same count, days strictly increasing, values finite")
        self.id = id
        self.unit = unit
        self.calendar = calendar
        self.days = days
        self.values = values
    }

    /// Creates a series without checking the invariants; for code that builds days and
    /// values by construction (slices of a valid series, store reads).
    public init(unchecked id: String, unit: ValueUnit, calendar: SeriesCalendar, days: [Day], values: [Double]) {
        self.id = id
        self.unit = unit
        self.calendar = calendar
        self.days = days
        self.values = values
    }

    /// Number of observations.
    public var count: Int { days.count }

    /// `true` when the series has no observation.
    public var isEmpty: Bool { days.isEmpty }

    /// First and last day, `nil` when empty.
    public var range: ClosedRange<Day>? {
        guard let f = days.first, let l = days.last else { return nil }
        return f...l
    }

    /// The observations with `from ≤ day ≤ to` (either bound optional).
    /// - Complexity: O(log *n*) to find the bounds plus the copy.
    public func slice(from: Day? = nil, to: Day? = nil) -> Series {
        let lo = from.map { days.lowerBound(of: $0) } ?? 0
        let hi = to.map { days.upperBound(of: $0) } ?? days.count
        guard lo < hi else {
            return Series(unchecked: id, unit: unit, calendar: calendar, days: [], values: [])
        }
        return Series(
            unchecked: id, unit: unit, calendar: calendar, days: Array(days[lo..<hi]),
            values: Array(values[lo..<hi]))
    }

    /// The last value on or before `day` (an as-of lookup), `nil` when none.
    /// - Complexity: O(log *n*).
    public func value(asOf day: Day) -> Double? {
        let i = days.upperBound(of: day)
        return i == 0 ? nil : values[i - 1]
    }

    /// The series expressed in `target` units.
    /// - Throws: ``UnitError`` when the units measure different things.
    public func converted(to target: ValueUnit) throws(UnitError) -> Series {
        if target == unit { return self }
        let f = try unit.factor(to: target)
        return Series(unchecked: id, unit: target, calendar: calendar, days: days, values: values.map { $0 * f })
    }

    static func isStrictlyIncreasing(_ days: [Day]) -> Bool {
        var i = 1
        while i < days.count {
            if days[i] <= days[i - 1] { return false }
            i += 1
        }
        return true
    }
}

extension Array where Element == Day {
    /// Index of the first element `≥ day` (the array must be sorted).
    /// - Complexity: O(log *n*).
    @inlinable
    public func lowerBound(of day: Day) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if self[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the first element `> day` (the array must be sorted).
    /// - Complexity: O(log *n*).
    @inlinable
    public func upperBound(of day: Day) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if self[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

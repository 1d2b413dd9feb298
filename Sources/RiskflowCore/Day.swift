/// A civil (proleptic Gregorian) calendar date, stored as the number of days since
/// 1970-01-01.
///
/// `Day` carries no time of day and no time zone: equity sessions are dated by their
/// exchange's local date, crypto days are UTC days, and FRED observations by their
/// observation date. Arithmetic is exact integer arithmetic on the day number.
///
/// ```swift
/// let d = try Day(iso: "2026-01-02")
/// d.weekday        // .friday
/// (d + 3).iso      // "2026-01-05"
/// ```
public struct Day: Hashable, Comparable, Sendable, Strideable {
    /// Days since 1970-01-01 (negative before it).
    public var rawValue: Int32

    /// Creates a day from its number of days since 1970-01-01.
    @inlinable
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Creates a day from a year, month (1…12) and day of month (1…31).
    ///
    /// - Returns: `nil` when the combination is not a real date (e.g. 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard month >= 1, month <= 12, day >= 1, day <= Day.daysIn(month: month, year: year),
            year >= -9999, year <= 9999
        else { return nil }
        self.rawValue = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// 9999-12-31, later than any observation or publication day: data read "as of" it
    /// is everything stored.
    public static let latestPossible = Day(rawValue: Int32(Day.daysFromCivil(year: 9999, month: 12, day: 31)))

    @inlinable
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.rawValue < rhs.rawValue }

    @inlinable
    public func distance(to other: Day) -> Int { Int(other.rawValue) - Int(rawValue) }

    @inlinable
    public func advanced(by n: Int) -> Day { Day(rawValue: rawValue + Int32(n)) }

    /// The day `n` days later (or earlier when `n` is negative).
    @inlinable
    public static func + (lhs: Day, rhs: Int) -> Day { lhs.advanced(by: rhs) }

    /// The day `n` days earlier.
    @inlinable
    public static func - (lhs: Day, rhs: Int) -> Day { lhs.advanced(by: -rhs) }

    /// The number of days from `rhs` to `lhs`.
    @inlinable
    public static func - (lhs: Day, rhs: Day) -> Int { rhs.distance(to: lhs) }
}

// MARK: - Civil calendar

extension Day {
    /// Year, month (1…12) and day of month (1…31).
    ///
    /// Howard Hinnant's `civil_from_days`, valid for the whole proleptic Gregorian range.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The calendar year.
    public var year: Int { components.year }

    /// The month, 1…12.
    public var month: Int { components.month }

    /// Day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (Monday = 0 → Thursday = 3).
        let w = (Int(rawValue) + 3) % 7
        // trap-ok: w < 0 ? w + 7 : w is in 0...6, and every value there is a Weekday.
        return Weekday(rawValue: w < 0 ? w + 7 : w)!
    }

    /// `true` on Saturdays and Sundays.
    public var isWeekend: Bool { weekday.rawValue >= 5 }

    /// The first day of this day's month.
    public var startOfMonth: Day {
        let c = components
        return Day(rawValue: Int32(Day.daysFromCivil(year: c.year, month: c.month, day: 1)))
    }

    /// The last day of this day's month.
    public var endOfMonth: Day {
        let c = components
        return Day(
            rawValue: Int32(
                Day.daysFromCivil(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))))
    }

    /// The Friday that closes this day's week when weeks end on Friday (pandas `W-FRI`):
    /// Saturday and Sunday belong to the following Friday.
    public var weekEndingFriday: Day {
        let w = weekday.rawValue  // Monday = 0 … Friday = 4
        return self + ((4 - w + 7) % 7)
    }

    /// The same calendar date `n` months later, clamped to the end of shorter months
    /// (2024-01-31 plus one month is 2024-02-29).
    public func adding(months n: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        let d = min(c.day, Day.daysIn(month: m, year: y))
        return Day(rawValue: Int32(Day.daysFromCivil(year: y, month: m, day: d)))
    }

    /// January 1 of this day's year.
    public var startOfYear: Day {
        Day(rawValue: Int32(Day.daysFromCivil(year: year, month: 1, day: 1)))
    }

    /// Howard Hinnant's `days_from_civil`.
    @usableFromInline
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Day of the week, Monday = 0 … Sunday = 6 (ISO order).
public enum Weekday: Int, Sendable, CaseIterable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
}

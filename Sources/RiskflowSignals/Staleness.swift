import RiskflowCore

extension SignalConfig {
    /// When an input of a computation is too old to use on a day (`[staleness]` in the
    /// config). A breadth-basket member, a stage input or a net-liquidity component whose
    /// last value known on the day is older than this is left out of that day's
    /// computation and named in its evidence ("MDY excluded: last value 2025-09-26"),
    /// instead of carrying its last value forward.
    public struct StalenessConfig: Sendable, Codable, Equatable {
        /// Daily series: the last value may be at most this many sessions old (NYSE-calendar
        /// series count weekdays, crypto counts calendar days). Default 10: two trading
        /// weeks, well past a long weekend or a late release.
        public var sessions = 10
        /// Weekly series (H.4.1, NFCI): at most this many weeks old (default 3: two
        /// missed releases).
        public var weeks = 3
        public init() {}
    }
}

/// The staleness rule (``SignalConfig/StalenessConfig``), point in time: the age is that
/// of the last value *known* on the day (its publication day ≤ the day), measured from
/// the value's own date.
public enum Staleness {
    /// Age of a value dated `last` on `day`, in the unit the rule counts for `calendar`:
    /// weekdays in (last, day] for NYSE series, calendar days otherwise.
    /// - Complexity: O(1).
    public static func age(of last: Day, on day: Day, calendar: SeriesCalendar) -> Int {
        guard day > last else { return 0 }
        switch calendar {
        case .nyse: return weekdays(after: last, through: day)
        case .daily, .weekly, .monthly: return day - last
        }
    }

    /// `true` when a value dated `last` is too old to use on `day`.
    public static func isStale(_ last: Day, on day: Day, calendar: SeriesCalendar, config c: SignalConfig.StalenessConfig)
        -> Bool
    {
        let a = age(of: last, on: day, calendar: calendar)
        switch calendar {
        case .nyse, .daily: return a > c.sessions
        case .weekly: return a > 7 * c.weeks
        // Monthly series: the calendar's own publication allowance (a month dated the
        // 1st is released about four weeks after it ends).
        case .monthly: return a > Freshness.staleAfterDays(.monthly)
        }
    }

    /// The evidence line for an input left out: "MDY excluded: last value 2025-09-26"
    /// (or "IJH excluded: no data" when nothing was known on the day).
    public static func note(_ id: String, last: Day?) -> String {
        "\(id) excluded: \(last.map { "last value \($0.iso)" } ?? "no data")"
    }

    /// The weekdays (Monday–Friday) in (a, b].
    static func weekdays(after a: Day, through b: Day) -> Int {
        let days = b - a
        var count = days / 7 * 5
        var d = a + days / 7 * 7
        while d < b {
            d = d + 1
            if !d.isWeekend { count += 1 }
        }
        return count
    }
}

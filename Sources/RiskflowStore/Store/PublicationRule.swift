import RiskflowCore

/// When an observation dated `day` became known: its `available_at` day.
///
/// This is the one place the default publication lags live. Every as-of read uses only
/// observations with `available_at ≤ as-of`, so a computation run as of a past day sees
/// what was published by then. Lags err late, never early: a value assumed known a day
/// late costs a day of freshness; a value assumed known a day early is look-ahead.
///
/// | rule | `available_at` | used for |
/// |---|---|---|
/// | `same_day` | the day itself | daily closes (equities, ETFs, indices, VIX), crypto UTC closes, `RRPONTSYD` (the New York Fed publishes the operation's result that afternoon) |
/// | `next_day` | day + 1 | FRED H.4.1 weekly series `WALCL`, `WTREGEN`, `WRESBAL` (Wednesday level, released Thursday 4:30 pm ET) |
/// | `next_business_day` | the next weekday | FRED daily H.15 yields (`DGS10`, `DGS2`, `T10Y2Y`) and ICE BofA spreads (`BAMLH0A0HYM2`), posted the following business day |
/// | `h10_monday` | the Monday after the day's week | FRED H.10 dollar index `DTWEXBGS`, released weekly on Monday for the week before |
/// | `nfci_wednesday` | day + 5 | Chicago Fed `NFCI`, dated Friday, released the following Wednesday |
/// | `month_end_plus_28` | last day of the month + 28 | monthly FRED series dated the first of the month (`M2SL`, H.6 released around the fourth Tuesday of the next month) |
public enum PublicationRule: String, Sendable, Codable, CaseIterable {
    case sameDay = "same_day"
    case nextDay = "next_day"
    case nextBusinessDay = "next_business_day"
    case h10Monday = "h10_monday"
    case nfciWednesday = "nfci_wednesday"
    case monthEndPlus28 = "month_end_plus_28"

    /// The day an observation dated `day` became known.
    public func availableAt(_ day: Day) -> Day {
        switch self {
        case .sameDay: return day
        case .nextDay: return day + 1
        case .nextBusinessDay:
            switch day.weekday {
            case .friday: return day + 3
            case .saturday: return day + 2
            default: return day + 1
            }
        case .h10Monday: return day.weekEndingFriday + 3
        case .nfciWednesday: return day + 5
        case .monthEndPlus28: return day.endOfMonth + 28
        }
    }

    /// The default rule for a series, by FRED id where the id is known, else by kind and
    /// calendar (prices: `same_day`; other macro series: `next_business_day` for daily,
    /// `next_day` for weekly, `month_end_plus_28` for monthly).
    public static func `default`(for id: String, kind: SeriesKind, calendar: SeriesCalendar) -> PublicationRule {
        switch id.uppercased() {
        case "WALCL", "WTREGEN", "WRESBAL": return .nextDay
        case "RRPONTSYD": return .sameDay
        case "DGS10", "DGS2", "T10Y2Y", "T10Y3M", "BAMLH0A0HYM2": return .nextBusinessDay
        case "DTWEXBGS": return .h10Monday
        case "NFCI": return .nfciWednesday
        case "M2SL": return .monthEndPlus28
        default: break
        }
        guard kind == .macro else { return .sameDay }
        switch calendar {
        case .nyse, .daily: return .nextBusinessDay
        case .weekly: return .nextDay
        case .monthly: return .monthEndPlus28
        }
    }
}

/// The calendar a series is observed on. It decides what a "gap" is and how many
/// periods make a year.
public enum SeriesCalendar: String, Sendable, Codable, CaseIterable, Hashable {
    /// US exchange sessions: weekdays, minus the exchange holidays (which are simply the
    /// weekdays absent from the data).
    case nyse
    /// Every calendar day (crypto, UTC days).
    case daily
    /// One observation a week (FRED H.4.1 Wednesday levels, NFCI Fridays).
    case weekly
    /// One observation a month (FRED `M2SL`, dated the first of the month).
    case monthly

    /// Periods per year used to annualise: 252, 365, 52 or 12.
    public var periodsPerYear: Double {
        switch self {
        case .nyse: 252
        case .daily: 365
        case .weekly: 52
        case .monthly: 12
        }
    }

    /// The longest normal distance in calendar days between consecutive observations;
    /// a larger distance is a calendar gap.
    ///
    /// NYSE: 4 days (Friday to Tuesday over a long weekend); daily: 1; weekly: 7;
    /// monthly: 31.
    public var maxNormalSpacing: Int {
        switch self {
        case .nyse: 4
        case .daily: 1
        case .weekly: 7
        case .monthly: 31
        }
    }
}

/// What a series is, which decides the checks that apply to it (prices must be
/// positive; a spread or an index of financial conditions may be negative).
public enum SeriesKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// An equity or volatility index level (RUT, GSPC, VIX).
    case index
    /// An exchange-traded fund price (IWM, SPY).
    case etf
    /// A single stock price.
    case stock
    /// A crypto asset price in USD.
    case crypto
    /// A macro or rates series (FRED): may be zero or negative.
    case macro

    /// `true` when values are prices that must be strictly positive.
    public var isPrice: Bool { self != .macro }

    /// The order in which summaries list kinds: equities first, then macro, then crypto.
    /// Every kind is listed (a summary that skips one hides its series).
    public static let displayOrder: [SeriesKind] = [.index, .etf, .stock, .macro, .crypto]
}

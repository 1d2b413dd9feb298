/// Where a price series stands on its last day: its close, its all-time closing high,
/// the distance from it, and the year-to-date return.
public struct PriceSummary: Sendable, Codable, Equatable {
    public var id: String
    /// The last day and close.
    public var lastDay: Day
    public var lastClose: Double
    /// The highest close on or before `lastDay`, and the (first) day it was set.
    public var allTimeHigh: Double
    public var allTimeHighDay: Day
    /// lastClose / allTimeHigh − 1 (0 at a new high, negative below it).
    public var distanceFromHigh: Double
    /// lastClose / (last close of the previous calendar year) − 1; `nil` when the series
    /// has no row in the previous year.
    @NullEncoded public var yearToDate: Double? = nil
    /// The close the YTD return is measured from, and its day.
    @NullEncoded public var yearStartClose: Double? = nil
    @NullEncoded public var yearStartDay: Day? = nil

    /// JSON keys in snake case, like every riskflow output.
    enum CodingKeys: String, CodingKey {
        case id
        case lastDay = "last_day"
        case lastClose = "last_close"
        case allTimeHigh = "all_time_high"
        case allTimeHighDay = "all_time_high_day"
        case distanceFromHigh = "distance_from_high"
        case yearToDate = "year_to_date"
        case yearStartClose = "year_start_close"
        case yearStartDay = "year_start_day"
    }

    /// Summarises `series`; `nil` when it is empty.
    /// - Complexity: O(*n*).
    public init?(_ series: Series) {
        guard let lastDay = series.days.last, let lastClose = series.values.last else { return nil }
        var hi = -Double.infinity
        var hiDay = lastDay
        for i in 0..<series.count where series.values[i] > hi {
            hi = series.values[i]
            hiDay = series.days[i]
        }
        id = series.id
        self.lastDay = lastDay
        self.lastClose = lastClose
        allTimeHigh = hi
        allTimeHighDay = hiDay
        distanceFromHigh = lastClose / hi - 1
        let i = series.days.lowerBound(of: lastDay.startOfYear)
        if i > 0 {
            yearStartClose = series.values[i - 1]
            yearStartDay = series.days[i - 1]
            yearToDate = lastClose / series.values[i - 1] - 1
        }
    }
}

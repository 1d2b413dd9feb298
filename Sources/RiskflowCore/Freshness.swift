/// How fresh a series is: its last observation against a reference day (today for the
/// live monitor, the as-of day for a report of the past).
///
/// A series is **stale** when its last observation is older than its calendar allows
/// with publication lags: crypto (every day) 3 days; NYSE days 6 (a long weekend and a
/// next-business-day release); weekly 12 (Wednesday's level is released on Thursday);
/// monthly 95 (a month dated the 1st is released about four weeks after it ends).
public struct Freshness: Sendable, Codable, Equatable {
    public var id: String
    /// The last observation, `nil` when the series has none.
    public var last: Day?
    /// Days from `last` to the reference day.
    public var ageDays: Int?
    /// The age beyond which the series is stale (by its calendar).
    public var staleAfterDays: Int

    public init(id: String, last: Day?, calendar: SeriesCalendar, reference: Day) {
        self.id = id
        self.last = last
        ageDays = last.map { reference - $0 }
        staleAfterDays = Freshness.staleAfterDays(calendar)
    }

    public var isStale: Bool { ageDays.map { $0 > staleAfterDays } ?? true }

    public static func staleAfterDays(_ calendar: SeriesCalendar) -> Int {
        switch calendar {
        case .daily: 3
        case .nyse: 6
        case .weekly: 12
        case .monthly: 95
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, last
        case ageDays = "age_days"
        case staleAfterDays = "stale_after_days"
    }
}

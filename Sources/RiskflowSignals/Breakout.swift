import RiskflowCore

/// A break of the all-time closing high from a base, and how it qualified.
///
/// JSON keys `symbol, break_date, signal_date, level, base_sessions, volume_ratio,
/// breadth, breadth_excluded, ytd_return, status, reasons, flags` are a public interface.
public struct Breakout: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Sustained, with volume and breadth confirmed.
        case qualified
        /// Sustained, but volume or breadth not confirmed (see `reasons`).
        case unconfirmed
        /// A close fell back to the broken level or below within the sustain window.
        case failed
        /// Fewer sessions than the sustain window since the break.
        case pending
    }

    public var symbol: String
    /// Session t: the first close above the prior all-time closing high.
    public var breakDate: Day
    /// Session t + 5 (the confirmation); `nil` while pending or when failed.
    @NullEncoded public var signalDate: Day? = nil
    /// The prior all-time closing high H that was broken.
    public var level: Double
    /// The close on the break day.
    public var close: Double
    /// Sessions between the day H was set and the break.
    public var baseSessions: Int
    /// Mean volume of sessions t−4…t over the mean of t−54…t−5; `nil` without volume.
    @NullEncoded public var volumeRatio: Double? = nil
    /// Where the volume came from (the symbol itself or `--volume-from`).
    @NullEncoded public var volumeSource: String? = nil
    /// Share (0…1) of available basket members above their 50-session mean on t.
    @NullEncoded public var breadth: Double? = nil
    /// Basket members counted on t (a value on t, or one at most `[staleness] sessions`
    /// old, with a full 50-session average).
    public var breadthMembers: Int
    /// Basket members left out of the breadth on t and why: "MDY excluded: last value
    /// 2025-09-26" (stale), "IJH excluded: no data", "X excluded: fewer than 50 sessions".
    public var breadthExcluded: [String] = []
    /// close[t] / last close of the previous year − 1.
    @NullEncoded public var ytdReturn: Double? = nil
    /// `true` when the break took the close above the configured threshold for the
    /// first time (H ≤ threshold < close[t]); `nil` without a threshold.
    @NullEncoded public var thresholdCrossed: Bool? = nil
    public var status: Status
    /// Why it is unconfirmed: "no volume", "volume ratio below 1.2", "no breadth",
    /// "breadth below 60%".
    public var reasons: [String]
    /// "holiday-thin": a break dated Dec 15…Jan 5 on a volume ratio below 1.
    public var flags: [String]

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case symbol
        case breakDate = "break_date"
        case signalDate = "signal_date"
        case level
        case close
        case baseSessions = "base_sessions"
        case volumeRatio = "volume_ratio"
        case volumeSource = "volume_source"
        case breadth
        case breadthMembers = "breadth_members"
        case breadthExcluded = "breadth_excluded"
        case ytdReturn = "ytd_return"
        case thresholdCrossed = "threshold_crossed"
        case status
        case reasons
        case flags
    }
}

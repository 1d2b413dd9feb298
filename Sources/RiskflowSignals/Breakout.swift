import RiskflowCore

/// A break of the all-time closing high from a base, and how it qualified.
///
/// JSON keys `symbol, break_date, signal_date, level, base_sessions, volume_ratio,
/// breadth, ytd_return, status, reasons, flags` are a public interface.
public struct Breakout: Sendable, Codable, Equatable, EncodesMissingAsNull {
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
    public var break_date: Day
    /// Session t + 5 (the confirmation); `nil` while pending or when failed.
    public var signal_date: Day?
    /// The prior all-time closing high H that was broken.
    public var level: Double
    /// The close on the break day.
    public var close: Double
    /// Sessions between the day H was set and the break.
    public var base_sessions: Int
    /// Mean volume of sessions t−4…t over the mean of t−54…t−5; `nil` without volume.
    public var volume_ratio: Double?
    /// Where the volume came from (the symbol itself or `--volume-from`).
    public var volume_source: String?
    /// Share (0…1) of available basket members above their 50-session mean on t.
    public var breadth: Double?
    /// Basket members with data on t.
    public var breadth_members: Int
    /// close[t] / last close of the previous year − 1.
    public var ytd_return: Double?
    /// `true` when the break took the close above the configured threshold for the
    /// first time (H ≤ threshold < close[t]); `nil` without a threshold.
    public var threshold_crossed: Bool?
    public var status: Status
    /// Why it is unconfirmed: "no volume", "volume ratio below 1.2", "no breadth",
    /// "breadth below 60%".
    public var reasons: [String]
    /// "holiday-thin": a break dated Dec 15…Jan 5 on a volume ratio below 1.
    public var flags: [String]
}

import RiskflowCore

/// What one fetch asks for: the symbol, where it maps, and the window of days.
public struct FetchWindow: Sendable, Equatable {
    /// First day wanted; `nil` means the provider's whole history.
    public var from: Day?
    /// Last day wanted (today, UTC).
    public var to: Day
    /// The moment of the sync, seconds since 1970 UTC: bars not final by then (today's
    /// session still trading, Binance's open kline) are dropped.
    public var now: Double

    public init(from: Day?, to: Day, now: Double) {
        self.from = from
        self.to = to
        self.now = now
    }
}

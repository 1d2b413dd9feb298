extension SignalConfig {
    /// The smallest effect each statistical claim is about, fixed before any answer was looked
    /// at (the README gives the reason for each); `[scorecard]` in the config overrides them.
    /// Power and the MDE are judged against these.
    public struct ScorecardConfig: Sendable, Codable, Equatable {
        /// C1: 25 percentage points more breakouts followed by an altcoin season than days.
        public var c1 = 0.25
        /// C2: 20 percentage points of excess 90-day ETH return (a 1–3 month trade that
        /// would matter after costs and ETH's volatility).
        public var c2 = 0.20
        /// C3: a partial R² of 2 % (a weekly effect an allocator could use).
        public var c3 = 0.02
        /// C4: 25 percentage points above the 1/6 of no order.
        public var c4 = 0.25
        /// C5: a partial R² of 2 % (the lead the claim denies).
        public var c5 = 0.02
        /// C6: 20 percentage points of 90-day ETH return between confirmed and unconfirmed.
        public var c6 = 0.20
        public init() {}
    }
}

/// What an alert rule watches; each fired event records its rule's kind.
public enum AlertKind: String, Sendable, CaseIterable, Codable {
    /// A breakout of the index becoming qualified, on its signal day.
    case breakoutQualified = "breakout_qualified"
    /// The risk-curve stage changing.
    case stageChange = "stage_change"
    /// The altcoin season index crossing the rule's level (up or down).
    case altseasonCross = "altseason_cross"
    /// The net-liquidity regime changing (expanding, neutral, contracting).
    case liquidityRegimeChange = "liquidity_regime_change"
    /// A live call of the calls ledger getting a score (one event per call and horizon on
    /// the day it is scored; a revised score is a new event). Replayed calls never fire.
    case callScored = "call_scored"
}

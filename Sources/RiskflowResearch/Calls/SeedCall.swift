import RiskflowCore
import RiskflowSignals

/// The call of the commentary riskflow tests (`../shared/seed/`), registered as the first
/// external call of every new store: on 2026-01-08, with the Russell 2000 above 2,600
/// for the first time, "ETH and altcoins typically respond within one to three months" —
/// up, for ETH and the alt basket, at 30, 60 and 90 calendar days.
///
/// The day is the commentary's publication day (the first close above the round number is
/// the same day in the bundled data); its references are each follower's forward-return
/// distribution as known that day, computed when the store is first opened.
public enum SeedCall {
    public static let knownAt = Day(year: 2026, month: 1, day: 8) ?? Day(rawValue: 0)
    public static let source = "seed commentary (2026-01-08): Russell 2000 breakout to all-time highs"
    public static let claim =
        "The Russell 2000's breakout above 2,600 returns liquidity that flows down the risk curve: ETH and altcoins respond (up) within one to three months"
    public static let followers = ["ETH", AltBasket.symbol]
    public static let horizons = [30, 60, 90]

    /// The call, without its references (``CallLedgerRunner`` freezes them as known on
    /// ``knownAt``). `version` is the riskflow version that registers it.
    public static func call(version: String) -> Call {
        Call(
            kind: .external, knownAt: knownAt, claim: claim, subject: "commentary", followers: followers, horizons: horizons, direction: .up,
            source: source, version: version, origin: .live)
    }
}

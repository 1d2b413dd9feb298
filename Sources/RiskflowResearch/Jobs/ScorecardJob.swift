import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// The scorecard's parameters: the defaults of SPEC §1 and §5, printed with the result.
public struct ScorecardParameters: Sendable, Equatable {
    public var signals = SignalConfig()
    public var ethereum = "ETH"
    public var bitcoin = "BTC"
    /// Event-study horizons (calendar days) and the one the claims are judged at (the
    /// end of the commentary's "one to three months").
    public var horizons = [30, 60, 90]
    public var primaryHorizon = 90
    /// Permutation and bootstrap draws, and their seed.
    public var draws = 10_000
    public var seed: UInt64 = 1
    /// Weekly lead-lag tests over lags 1…maxLag; the lag tested is the VAR order AIC picks.
    public var leadLagMaxLag = 4
    /// C1: an altcoin season is an index ≥ this within `primaryHorizon` days.
    public var altSeasonLevel = 75.0
    /// C4: a condition "switched on" when it turned met and stayed met this many
    /// sessions; a cycle looks back this many sessions from the crypto switch-on.
    public var switchOnSessions = 20
    public var cycleLookbackSessions = 252
    /// C8: the commentary's round number and the month it said it was first crossed.
    public var roundNumber = 2600.0
    public var claimedYear = 2026
    public var claimedMonth = 1

    public init() {}
}

/// `riskflow scorecard`: the claims C1–C8 of SPEC §1, each with a test, a statistic, its
/// sample size, a p-value adjusted by Holm across every p the scorecard reports, and a
/// verdict by the rules of ``VerdictRules``.
public struct ScorecardJob: Job {
    public var parameters: ScorecardParameters

    public init(parameters: ScorecardParameters = .init()) { self.parameters = parameters }

    public var inputs: DataRequest {
        Signals.inputs(parameters.signals).union(
            DataRequest(symbols: [parameters.ethereum, parameters.bitcoin, parameters.signals.stage.broadEquity]))
    }

    public func run(_ data: MarketData) throws -> ScorecardResult {
        try Scorecard(data: data, parameters: parameters).result()
    }
}

/// The scorecard's one result value. JSON: the array of rows (``ScorecardRow``); the
/// commentary's own call is in the C8 row's `details`.
public struct ScorecardResult: Sendable, Encodable {
    public var asOf: Day
    public var rows: [ScorecardRow]
    /// The commentary's call, out of sample (one event): returns after the first close
    /// above the round number, and their percentiles among all windows.
    public var commentaryCall: CommentaryCall?
    /// The event study of the qualified breakouts (C1, C2), for the report's chart.
    public var events: EventStudyResult?
    public var parameters: ScorecardParameters

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rows)
    }
}

/// What followed the commentary's own call.
public struct CommentaryCall: Sendable, Equatable {
    /// The first close above the round number, and the follower entry day after it.
    public var date: Day
    public var close: Double
    /// Per follower (ETH, BTC, ALTS): (horizon, return, percentile among every window of
    /// the same horizon in the follower's history, 0–100) — `nil` past the data.
    public var returns: [(follower: String, horizon: Int, value: Double?, percentile: Double?)]
    /// The alt season index from the call on (day, index, eligible, thin).
    public var altSeason: [AltSeasonDay]

    public static func == (a: CommentaryCall, b: CommentaryCall) -> Bool {
        a.date == b.date && a.close == b.close && a.altSeason == b.altSeason && a.returns.count == b.returns.count
            && zip(a.returns, b.returns).allSatisfy {
                $0.follower == $1.follower && $0.horizon == $1.horizon && $0.value == $1.value && $0.percentile == $1.percentile
            }
    }
}

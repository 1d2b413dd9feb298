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
    public var draws = EventStudySettings.Declared.draws.defaultValue
    public var seed = EventStudySettings.Declared.seed.defaultValue
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
    /// The years whose breakouts the commentary names as precedents ("2017", "2021").
    public var precedentYears = [2017, 2021]
    /// Each statistical claim's smallest effect of interest (`[scorecard]` in the config).
    public var effects: SignalConfig.ScorecardConfig { signals.scorecard }

    public init() {}
}


/// `riskflow scorecard`: the claims C1–C8 of SPEC §1, each with a two-sided test, its
/// effect with an interval, its power and MDE, Holm across the family of claims that can
/// reach a verdict, a robustness grid, and a verdict by the rules of ``VerdictRules``.
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

/// The scorecard's one result value. JSON (a public interface): `{"as_of", "bottom_line",
/// "family", "precedents", "call", "claims"}`.
public struct ScorecardResult: Sendable, Encodable {
    public var asOf: Day
    /// Two to four plain sentences generated from the rows (``ScorecardBottomLine``).
    public var bottomLine: [String]
    public var family: ScorecardFamily
    public var precedents: Precedents
    /// The commentary's call out of sample, with its own verdict.
    public var call: CallOutcome?
    /// The claims C1–C8.
    public var rows: [ScorecardRow]
    /// The call's full alt season path (for the HTML), not in the JSON.
    public var commentaryCall: CommentaryCall?
    /// The event study of the qualified breakouts, for the report's chart.
    public var events: EventStudyResult?
    public var parameters: ScorecardParameters

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case bottomLine = "bottom_line"
        case family, precedents, call
        case rows = "claims"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(bottomLine.joined(separator: " "), forKey: .bottomLine)
        try c.encode(family, forKey: .family)
        try c.encode(precedents, forKey: .precedents)
        if let call { try c.encode(call, forKey: .call) } else { try c.encodeNil(forKey: .call) }
        try c.encode(rows, forKey: .rows)
    }
}

/// The commentary's call judged out of sample (`date, close, returns, alt_season_max,
/// alt_season_max_date, verdict, reason`).
public struct CallOutcome: Sendable, Codable, Equatable {
    public struct Return: Sendable, Codable, Equatable {
        public var follower: String
        public var h: Int
        @NullEncoded public var `return`: Double? = nil
        /// Among every window of the same length in the follower's history (0–100).
        @NullEncoded public var percentile: Double? = nil
    }
    public var date: Day
    public var close: Double
    public var returns: [Return]
    /// The highest alt season index (days that are not thin) within the last horizon.
    @NullEncoded public var altSeasonMax: Double? = nil
    @NullEncoded public var altSeasonMaxDate: Day? = nil
    public var verdict: Verdict
    public var reason: String
    /// The same call as the calls ledger froze it (``SeedCall``) and its grades as known on
    /// the scorecard's day: returns on the same t + 1 windows, percentiles among the
    /// windows known on the call's day (not the whole history), hit or miss. `null` when
    /// the store's ledger does not hold it (set beside the job, from the store).
    @NullEncoded public var ledger: LedgerGrades? = nil

    enum CodingKeys: String, CodingKey {
        case date, close, returns
        case altSeasonMax = "alt_season_max"
        case altSeasonMaxDate = "alt_season_max_date"
        case verdict, reason, ledger
    }
}

/// A call's grades from the calls ledger (`id, known_at, source, scores`).
public struct LedgerGrades: Sendable, Codable, Equatable {
    public var id: String
    public var knownAt: Day
    public var source: String
    /// The latest score of each follower and horizon scored by the day.
    public var scores: [CallScore]

    public init(id: String, knownAt: Day, source: String, scores: [CallScore]) {
        self.id = id
        self.knownAt = knownAt
        self.source = source
        self.scores = scores
    }

    enum CodingKeys: String, CodingKey {
        case id
        case knownAt = "known_at"
        case source, scores
    }
}

extension ScorecardResult {
    /// Adds the ledger's grades of the commentary's call (``SeedCall``), as `ledger`
    /// (known on `ledger.asOf`), when the ledger holds it.
    public mutating func attach(_ ledger: CallLedgerReport) {
        guard call != nil, let entry = ledger.calls.first(where: { $0.call.source == SeedCall.source }) else { return }
        call?.ledger = LedgerGrades(id: entry.id, knownAt: entry.call.knownAt, source: entry.call.source, scores: entry.scores)
    }
}

/// The breakouts the commentary names ("2017", "2021") read two ways, and the qualified
/// signals it does not mention (`years, unmentioned`).
public struct Precedents: Sendable, Codable, Equatable {
    /// A break and what ETH and the alt basket did after its signal (or its break day).
    public struct Break: Sendable, Codable, Equatable {
        public var breakDate: Day
        @NullEncoded public var signalDate: Day? = nil
        public var status: String
        /// "eth_30d" … "alts_90d" (fractions; `null` past the data).
        public var returns: [String: Double?]

        enum CodingKeys: String, CodingKey {
            case breakDate = "break_date"
            case signalDate = "signal_date"
            case status, returns
        }
    }
    /// One named year: the charitable reading (the last qualified breakout before that
    /// year's first altcoin-season day) and the literal one (every break in the year).
    public struct Year: Sendable, Codable, Equatable {
        public var year: Int
        @NullEncoded public var firstAltSeasonDay: Day? = nil
        @NullEncoded public var charitable: Break? = nil
        public var literal: [Break]
        public var note: String

        enum CodingKeys: String, CodingKey {
            case year
            case firstAltSeasonDay = "first_alt_season_day"
            case charitable, literal, note
        }
    }
    public var years: [Year]
    public var unmentioned: [Break]
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

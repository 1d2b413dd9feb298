import RiskflowCore

/// The numbers behind one scorecard row, typed per claim (`details` in the JSON). Keys
/// that carry the primary horizon or a symbol (`eth_mean_90d`, `rut_run_sessions`) are
/// written from the typed fields; a value that could not be computed is `null`; a group
/// that does not apply (no weekly data, no broad-equity series) is left out.
public enum ScorecardDetails: Sendable, Equatable, Encodable {
    /// Nothing could be computed (data missing): `{}`.
    case none
    /// C1.
    case altSeasons(AltSeasonDetails)
    /// C2.
    case ethAfterBreakouts(EthAfterBreakoutsDetails)
    /// C3 and C5.
    case granger(GrangerDetails)
    /// C4.
    case cycles(CycleDetails)
    /// C6.
    case confirmation(ConfirmationDetails)
    /// C7.
    case supercycle(SupercycleDetails)
    /// C8.
    case roundNumber(RoundNumberDetails)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .none: _ = encoder.container(keyedBy: DetailKey.self)
        case .altSeasons(let d): try d.encode(to: encoder)
        case .ethAfterBreakouts(let d): try d.encode(to: encoder)
        case .granger(let d): try d.encode(to: encoder)
        case .cycles(let d): try d.encode(to: encoder)
        case .confirmation(let d): try d.encode(to: encoder)
        case .supercycle(let d): try d.encode(to: encoder)
        case .roundNumber(let d): try d.encode(to: encoder)
        }
    }
}

/// A details key written at run time (`eth_mean_90d`).
struct DetailKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where K == DetailKey {
    /// A number, `null` when missing or not finite (as every number of the scorecard).
    mutating func number(_ x: Double?, _ key: String) throws {
        if let x, x.isFinite { try encode(x, forKey: DetailKey(key)) } else { try encodeNil(forKey: DetailKey(key)) }
    }

    mutating func count(_ n: Int, _ key: String) throws { try encode(n, forKey: DetailKey(key)) }

    mutating func day(_ d: Day?, _ key: String) throws {
        if let d { try encode(d, forKey: DetailKey(key)) } else { try encodeNil(forKey: DetailKey(key)) }
    }

    mutating func text(_ s: String, _ key: String) throws { try encode(s, forKey: DetailKey(key)) }
}

// MARK: - C1

/// C1: alt seasons after qualified breakouts against the base rate of all days.
public struct AltSeasonDetails: Sendable, Equatable, Encodable {
    /// One qualified breakout: whether an altcoin season followed within the horizon.
    public struct Breakout: Sendable, Equatable, Encodable {
        public var signalDate: Day
        /// The primary horizon (calendar days), part of the keys.
        public var horizon: Int
        /// `true`/`false`, `nil` when the index has no data after the signal.
        public var seasonFollowed: Bool?
        /// The highest index within the horizon.
        public var indexMax: Double?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DetailKey.self)
            try c.day(signalDate, "signal_date")
            try c.text(seasonFollowed.map { $0 ? "yes" : "no" } ?? "no index data", "altseason_within_\(horizon)d")
            try c.number(indexMax, "alt_index_max_\(horizon)d")
        }
    }

    /// Share of qualified breakouts followed by a season, and of all days.
    public var share: Double?
    public var baseRate: Double?
    public var baseDays: Int
    public var breakouts: [Breakout]
    public var qualifiedBreakouts: Int

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        try c.number(share, "share")
        try c.number(baseRate, "base_rate")
        try c.count(baseDays, "base_days")
        try c.encode(breakouts, forKey: DetailKey("breakouts"))
        try c.count(qualifiedBreakouts, "qualified_breakouts")
    }
}

// MARK: - C2

/// C2: ETH (and the alt basket) after qualified breakouts against the regime-matched and
/// the unconditional nulls, and the weekly cross-correlation peak.
public struct EthAfterBreakoutsDetails: Sendable, Equatable, Encodable {
    public struct CrossCorrelationPeak: Sendable, Equatable {
        public var lagWeeks: Int
        public var r: Double
    }
    public struct Unconditional: Sendable, Equatable {
        /// Mean after breakouts minus the mean of every day since the first event.
        public var excess: Double
        public var p: Double?
    }
    public struct Alts: Sendable, Equatable {
        public var mean: Double?
        public var regimeMean: Double?
        public var n: Int
    }

    /// The primary horizon (calendar days), part of the keys.
    public var horizon: Int
    public var xcorrPeak: CrossCorrelationPeak?
    public var unconditional: Unconditional?
    public var ethMean: Double?
    public var ethMedianExcess: Double?
    public var regimeMean: Double?
    public var regimeDays: Int
    public var alts: Alts?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        if let x = xcorrPeak {
            try c.count(x.lagWeeks, "xcorr_peak_lag_weeks")
            try c.number(x.r, "xcorr_peak_r")
        }
        if let u = unconditional {
            try c.number(u.excess, "uncond_excess")
            try c.number(u.p, "uncond_p")
        }
        try c.number(ethMean, "eth_mean_\(horizon)d")
        try c.number(ethMedianExcess, "eth_median_excess_\(horizon)d")
        try c.number(regimeMean, "regime_mean_\(horizon)d")
        try c.count(regimeDays, "regime_days")
        if let a = alts {
            try c.number(a.mean, "alts_mean_\(horizon)d")
            try c.number(a.regimeMean, "alts_regime_mean_\(horizon)d")
            try c.count(a.n, "alts_n")
        }
    }
}

// MARK: - C3, C5

/// C3 and C5: the headline Granger test's lag, reverse and HAC p-values and span; for C5
/// also ETH's beta to the index in risk-on and risk-off weeks.
public struct GrangerDetails: Sendable, Equatable, Encodable {
    public struct Test: Sendable, Equatable {
        public var lagWeeks: Int
        public var reverseP: Double?
        public var hacP: Double?
        public var first: Day?
        public var last: Day?
    }
    /// An OLS slope with its Newey–West standard error and weeks.
    public struct RegimeBeta: Sendable, Equatable {
        /// `risk_on` or `risk_off`, part of the keys.
        public var regime: String
        public var beta: Double?
        public var standardError: Double?
        public var weeks: Int?
    }

    /// `nil` when there was too little weekly data for the test.
    public var test: Test?
    /// C5 only, when the broad-equity series exists.
    public var betas: [RegimeBeta]?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        for b in betas ?? [] {
            try c.number(b.beta, "eth_beta_\(b.regime)")
            let half = b.standardError.map { 1.959963984540054 * $0 }
            try c.number(b.beta.flatMap { beta in half.map { beta - $0 } }, "eth_beta_\(b.regime)_ci_low")
            try c.number(b.beta.flatMap { beta in half.map { beta + $0 } }, "eth_beta_\(b.regime)_ci_high")
            try c.number(b.weeks.map(Double.init), "weeks_\(b.regime)")
        }
        if let t = test {
            try c.count(t.lagWeeks, "lag_weeks")
            try c.number(t.reverseP, "granger_reverse_p")
            try c.number(t.hacP, "p_hac")
            try c.day(t.first, "first")
            try c.day(t.last, "last")
        }
    }
}

// MARK: - C4

/// C4: every crypto switch-on with the switch-ons of conditions 1–3 before it.
public struct CycleDetails: Sendable, Equatable, Encodable {
    public struct Cycle: Sendable, Equatable, Encodable {
        public var cryptoOn: Day
        /// Bonds, broad equities and high beta (`nil`: no switch-on within the lookback).
        public var bondsOn: Day?
        public var equitiesOn: Day?
        public var highBetaOn: Day?
        /// `nil` when the cycle is incomplete.
        public var inOrder: Bool?
        /// The lookback in sessions (for the words of an incomplete cycle).
        public var lookbackSessions: Int

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DetailKey.self)
            try c.day(cryptoOn, "crypto_on")
            try c.day(bondsOn, "bonds_on")
            try c.day(equitiesOn, "equities_on")
            try c.day(highBetaOn, "high_beta_on")
            try c.text(
                inOrder.map { $0 ? "yes" : "no" } ?? "incomplete: a condition did not switch on within \(lookbackSessions) sessions before",
                "in_order")
        }
    }

    public var cycles: [Cycle]
    public var cryptoSwitchOns: Int
    public var inOrder: Int
    /// The share in order under no order (1/6).
    public var nullShare: Double

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        try c.encode(cycles, forKey: DetailKey("cycles"))
        try c.count(cryptoSwitchOns, "crypto_switch_ons")
        try c.count(inOrder, "in_order")
        try c.number(nullShare, "null_share")
    }
}

// MARK: - C6

/// C6: ETH after confirmed against unconfirmed breakouts.
public struct ConfirmationDetails: Sendable, Equatable, Encodable {
    public var confirmedMean: Double?
    public var unconfirmedMean: Double?
    public var nConfirmed: Int
    public var nUnconfirmed: Int
    /// How the p-value was drawn ("exact over all 56 relabellings").
    public var relabelling: String

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        try c.number(confirmedMean, "confirmed_mean")
        try c.number(unconfirmedMean, "unconfirmed_mean")
        try c.count(nConfirmed, "n_confirmed")
        try c.count(nUnconfirmed, "n_unconfirmed")
        try c.text(relabelling, "relabelling")
    }
}

// MARK: - C7

/// C7: today's up-trends ranked among long runs, the rotation state and the runway.
public struct SupercycleDetails: Sendable, Equatable, Encodable {
    public struct Trend: Sendable, Equatable {
        /// The series id (lower-cased in the keys).
        public var symbol: String
        /// Sessions of the current run above the mean; completed runs of ≥ 20 sessions.
        public var runSessions: Int
        public var longRuns: Int
        /// 0–100, `nil` without completed long runs.
        public var percentile: Double?
    }
    public struct Runway: Sendable, Equatable {
        public var symbol: String
        public var drawdown: Double
        public var percentile: Double?
    }

    public var trends: [Trend]
    public var rotationState: String
    public var runway: [Runway]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        for t in trends {
            let s = t.symbol.lowercased()
            try c.count(t.runSessions, "\(s)_run_sessions")
            try c.count(t.longRuns, "\(s)_long_runs")
            try c.number(t.percentile, "\(s)_run_percentile_among_long_runs")
        }
        try c.text(rotationState, "rotation_state")
        for w in runway {
            let s = w.symbol.lowercased()
            try c.number(w.drawdown, "\(s)_drawdown")
            try c.number(w.percentile, "\(s)_drawdown_percentile")
        }
    }
}

// MARK: - C8

/// C8: the first close above the round number (none: `{}`).
public struct RoundNumberDetails: Sendable, Equatable, Encodable {
    public var firstCloseAbove: Day
    public var close: Double

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DetailKey.self)
        try c.day(firstCloseAbove, "first_close_above")
        try c.number(close, "close")
    }
}

/// What a sub-claim of C8 was checked against (`value` of a sub-claim).
public enum RoundNumberEvidence: Sendable, Equatable, Encodable {
    /// The first close above the round number: `{"date","close"}`.
    case firstClose(date: Day, close: Double)
    /// `{"ytd_at_first_close","highest_ytd_in_month"}`.
    case yearToDate(atFirstClose: Double?, highestInMonth: Double?)
    /// The volume ratio on the day (a number).
    case volumeRatio(Double?)
    /// `{"breadth","members","excluded"}`.
    case breadth(share: Double?, members: Int?, excluded: [String])
    /// `{"base_sessions","prior_high_date"}`.
    case base(sessions: Int?, priorHigh: Day?)
    /// Why there is nothing to check (a text).
    case missing(String)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .volumeRatio(let x):
            var c = encoder.singleValueContainer()
            if let x, x.isFinite { try c.encode(x) } else { try c.encodeNil() }
        case .missing(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .firstClose(let date, let close):
            var c = encoder.container(keyedBy: DetailKey.self)
            try c.day(date, "date")
            try c.number(close, "close")
        case .yearToDate(let at, let highest):
            var c = encoder.container(keyedBy: DetailKey.self)
            try c.number(at, "ytd_at_first_close")
            try c.number(highest, "highest_ytd_in_month")
        case .breadth(let share, let members, let excluded):
            var c = encoder.container(keyedBy: DetailKey.self)
            try c.number(share, "breadth")
            try c.number(members.map(Double.init), "members")
            try c.encode(excluded, forKey: DetailKey("excluded"))
        case .base(let sessions, let priorHigh):
            var c = encoder.container(keyedBy: DetailKey.self)
            try c.number(sessions.map(Double.init), "base_sessions")
            try c.day(priorHigh, "prior_high_date")
        }
    }
}

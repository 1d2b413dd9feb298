import RiskflowCore
import RiskflowSignals
import RiskflowStats

/// Which breakouts an event study takes, and on which day each counts as known.
public enum BreakoutSelection: String, Sendable, Codable, CaseIterable {
    /// Qualified breakouts, on their signal (confirmation) day.
    case qualified
    /// Sustained but unconfirmed breakouts, on their signal day.
    case unconfirmed
    /// Failed breaks, on the day they failed.
    case failed
    /// Every break, on its break day.
    case all
}

/// The events of an event study: breakouts of a symbol, or explicit dates.
public enum EventSource: Sendable, Equatable {
    case breakouts(BreakoutSelection)
    case dates([Day])
}

/// `riskflow events`: forward returns of followers (ETH, BTC, the alt basket…) after
/// events, against their unconditional returns, with a permutation p and a bootstrap band.
public struct EventsJob: Job {
    public var config: SignalConfig
    public var source: EventSource
    /// Follower symbols; "ALTS" is the alt basket.
    public var followers: [String]
    public var settings: EventStudySettings

    public init(
        config: SignalConfig, source: EventSource = .breakouts(.qualified), followers: [String] = ["ETH", "BTC", "ALTS"],
        settings: EventStudySettings = .init()
    ) {
        self.config = config
        self.source = source
        self.followers = followers.map { $0.uppercased() }
        self.settings = settings
    }

    var usesBasket: Bool { followers.contains(AltBasket.symbol) }

    public var inputs: DataRequest {
        var r = DataRequest(symbols: followers.filter { $0 != AltBasket.symbol })
        if case .breakouts = source { r = r.union(BreakoutDetector.inputs(config)) }
        if usesBasket { r = r.union(AltSeasonModel.inputs(config)) }
        return r
    }

    public var required: [String] {
        var ids = followers.filter { $0 != AltBasket.symbol }
        if case .breakouts = source { ids.append(config.breakout.symbol) }
        return ids
    }

    public func run(_ data: MarketData) throws -> EventStudyResult {
        var draws = DrawSource.local
        return try run(data, draws: &draws)
    }

    /// The study with its permutation and bootstrap draws computed by `draws` (see
    /// ``DrawSource``: a distributed run records them, has them computed on the queue, and
    /// runs again replaying the answers — the same result, bit for bit).
    public func run(_ data: MarketData, draws: inout DrawSource) throws -> EventStudyResult {
        var breakouts: [Breakout] = []
        var index: Bars? = nil
        if case .breakouts = source {
            breakouts = try BreakoutDetector.detect(data, config: config.breakout, staleness: config.staleness)
            index = data[config.breakout.symbol]
        }
        let days: [Day]
        switch source {
        case .dates(let d): days = d.sorted()
        case .breakouts(let selection): days = Self.eventDays(breakouts, selection, index: index, config: config.breakout)
        }
        let basket = usesBasket ? AltBasket.build(data, config: config.altseason) : nil
        let series: [Series] = try followers.map { f in
            if f == AltBasket.symbol, let basket { return basket }
            guard let s = data.closes(f) else { throw SignalError(.missingInput, "no data for \(f)") }
            return s
        }
        // Followers one after the other: each spreads its draws over the cores (nesting
        // parallel maps runs the inner ones serially).
        var studies: [FollowerStudy] = []
        for k in series.indices {
            studies.append(EventStudy.run(events: days, follower: series[k], settings: settings, stream: UInt64(k), draws: &draws))
        }
        var comparison: [GroupComparison] = []
        if case .breakouts = source {
            let confirmed = Self.eventDays(breakouts, .qualified, index: index, config: config.breakout)
            let unconfirmed = Self.eventDays(breakouts, .unconfirmed, index: index, config: config.breakout)
            comparison = GroupComparison.compare(
                confirmed: confirmed, unconfirmed: unconfirmed, followers: series, settings: settings, draws: &draws)
        }
        return EventStudyResult(
            asOf: data.asOf, events: studies.flatMap(\.events), horizons: studies.flatMap(\.horizons),
            path: studies.flatMap(\.path), comparison: comparison, studies: studies, eventDays: days,
            parameters: EventsParameters(job: self))
    }

    /// The day each selected breakout was known: its signal day (qualified, unconfirmed),
    /// the day it failed (failed), or its break day (all).
    public static func eventDays(
        _ breakouts: [Breakout], _ selection: BreakoutSelection, index: Bars?, config: SignalConfig.BreakoutConfig
    ) -> [Day] {
        switch selection {
        case .qualified: breakouts.filter { $0.status == .qualified }.compactMap(\.signalDate)
        case .unconfirmed: breakouts.filter { $0.status == .unconfirmed }.compactMap(\.signalDate)
        case .failed: breakouts.compactMap { b in index.flatMap { BreakoutDetector.failureDay(of: b, in: $0, config: config) } }
        case .all: breakouts.map(\.breakDate)
        }
    }
}

/// What `riskflow events` used, as printed in its JSON `parameters`.
public struct EventsParameters: Sendable, Encodable, Equatable {
    public var symbol: String?
    public var status: String?
    public var dates: [Day]?
    public var followers: [String]
    public var horizons: [Int]
    public var draws: Int
    public var seed: UInt64
    public var smallSample: Int
    public var eventDay =
        "qualified and unconfirmed breakouts on their signal day, failed ones on the day they failed, all breaks on their break day"
    public var entry = "the follower's first row on or after the event day + 1 (an event before the follower's first row is left out)"
    public var exit = "the follower's first row on or after entry + h calendar days; null when past the data"
    public var unconditional = "every follower row with a complete window, from the earliest event entry to the as-of day"
    public var permutation = "one-sided: p = (1 + #{random-entry means >= event mean}) / (1 + draws), entries drawn without replacement"
    public var bootstrap = "events resampled with replacement; 5th and 95th percentiles of the mean per day"

    init(job: EventsJob) {
        switch job.source {
        case .breakouts(let s):
            symbol = job.config.breakout.symbol
            status = s.rawValue
        case .dates(let d): dates = d
        }
        followers = job.followers
        horizons = job.settings.horizons
        draws = job.settings.draws
        seed = job.settings.seed
        smallSample = job.settings.smallSample
    }

    enum CodingKeys: String, CodingKey {
        case symbol, status, dates, followers, horizons, draws, seed
        case smallSample = "small_sample"
        case eventDay = "event_day"
        case entry, exit, unconditional, permutation, bootstrap
    }
}

/// Confirmed (qualified) against unconfirmed breakouts, per follower and horizon (claim C6).
public struct GroupComparison: Sendable, Codable, Equatable {
    public var follower: String
    public var h: Int
    public var nConfirmed: Int
    public var nUnconfirmed: Int
    @NullEncoded public var meanConfirmed: Double? = nil
    @NullEncoded public var meanUnconfirmed: Double? = nil
    /// meanConfirmed − meanUnconfirmed.
    @NullEncoded public var diff: Double? = nil
    /// One-sided permutation p of the difference (confirmed better), by relabelling.
    @NullEncoded public var permP: Double? = nil

    enum CodingKeys: String, CodingKey {
        case follower, h
        case nConfirmed = "n_confirmed"
        case nUnconfirmed = "n_unconfirmed"
        case meanConfirmed = "mean_confirmed"
        case meanUnconfirmed = "mean_unconfirmed"
        case diff
        case permP = "perm_p"
    }

    static func compare(
        confirmed: [Day], unconfirmed: [Day], followers: [Series], settings s: EventStudySettings, draws: inout DrawSource
    ) -> [GroupComparison]
    {
        var plain = s
        plain.draws = 0  // returns only
        var out: [GroupComparison] = []
        for (k, f) in followers.enumerated() {
            let a = EventStudy.run(events: confirmed, follower: f, settings: plain, stream: 0).returns
            let b = EventStudy.run(events: unconfirmed, follower: f, settings: plain, stream: 0).returns
            for (hi, h) in s.horizons.enumerated() {
                let x = a.map { $0[hi] }.filter { !$0.isNaN }, y = b.map { $0[hi] }.filter { !$0.isNaN }
                let mx = x.isEmpty ? nil : x.reduce(0, +) / Double(x.count)
                let my = y.isEmpty ? nil : y.reduce(0, +) / Double(y.count)
                var p: Double? = nil
                if !x.isEmpty, !y.isEmpty, s.draws > 0 {
                    p = draws.pValue(.difference(a: x, b: y, draws: s.draws, seed: s.seed &+ UInt64(k * 64 + hi) &* 0x9E37))
                }
                out.append(
                    GroupComparison(
                        follower: f.id, h: h, nConfirmed: x.count, nUnconfirmed: y.count, meanConfirmed: mx,
                        meanUnconfirmed: my, diff: mx.flatMap { a in my.map { a - $0 } }, permP: p))
            }
        }
        return out
    }
}

/// The event study's one result value. JSON keys: `as_of, events, horizons, path,
/// parameters` (issue 10), and `comparison` (confirmed vs unconfirmed breakouts).
public struct EventStudyResult: Sendable, Encodable, Equatable {
    public var asOf: Day
    public var events: [EventRecord]
    public var horizons: [HorizonStatistics]
    public var path: [PathPoint]
    public var comparison: [GroupComparison]
    /// Per follower, in the order asked (not in the JSON).
    public var studies: [FollowerStudy]
    /// The event days (not in the JSON).
    public var eventDays: [Day]
    public var parameters: EventsParameters

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case events, horizons, path, comparison, parameters
    }
}

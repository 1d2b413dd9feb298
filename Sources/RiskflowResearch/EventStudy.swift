import RiskflowCore
import RiskflowStats

/// The event study's settings (SPEC §5; issue 10).
public struct EventStudySettings: Sendable, Equatable, Codable {
    /// Calendar-day horizons.
    public var horizons = Declared.horizons.defaultValue
    /// Permutation and bootstrap draws.
    public var draws = Declared.draws.defaultValue
    /// The seed of every draw (the same seed gives the same output, byte for byte).
    public var seed = Declared.seed.defaultValue
    /// Fewer events than this are called small: verdicts resting on them are inconclusive.
    public var smallSample = 5

    public init() {}
}

/// One event for one follower: when it was known, when the follower was entered, and its
/// return over each horizon (`nil` when the exit is past the data).
public struct EventRecord: Sendable, Codable, Equatable {
    public var date: Day
    public var entry: Day
    public var follower: String
    /// Keyed by the horizon in days ("30").
    public var returns: [String: Double?]
}

/// The statistics of one follower at one horizon. Every key is written (`null` when
/// missing).
public struct HorizonStatistics: Sendable, Codable, Equatable {
    public var follower: String
    public var h: Int
    /// Events with a complete window.
    public var n: Int
    @NullEncoded public var mean: Double? = nil
    @NullEncoded public var median: Double? = nil
    /// Share of event returns > 0.
    @NullEncoded public var hitRate: Double? = nil
    /// Mean forward return over every follower row with a complete window from the
    /// earliest event entry to the as-of day, and how many rows that is.
    @NullEncoded public var uncondMean: Double? = nil
    public var uncondN: Int
    /// One-sample t-test of the event returns against `uncondMean` (scipy
    /// `ttest_1samp`, two-sided); `nil` with fewer than 2 events.
    @NullEncoded public var tStat: Double? = nil
    @NullEncoded public var tP: Double? = nil
    /// Permutation p, one-sided (event mean ≥ random-entry means), (1 + k) / (1 + draws).
    @NullEncoded public var permP: Double? = nil
    /// The bootstrap band (5th, 95th percentile) of the mean path on day h.
    @NullEncoded public var bandLo: Double? = nil
    @NullEncoded public var bandHi: Double? = nil
    /// `n` below the small-sample limit.
    public var smallSample: Bool

    enum CodingKeys: String, CodingKey {
        case follower, h, n, mean, median
        case hitRate = "hit_rate"
        case uncondMean = "uncond_mean"
        case uncondN = "uncond_n"
        case tStat = "t_stat"
        case tP = "t_p"
        case permP = "perm_p"
        case bandLo = "band_lo"
        case bandHi = "band_hi"
        case smallSample = "small_sample"
    }
}

/// One day of a follower's mean path after entry.
public struct PathPoint: Sendable, Codable, Equatable {
    public var follower: String
    /// Calendar days after entry (0 = the entry day).
    public var day: Int
    /// Events whose path reaches this day.
    public var n: Int
    @NullEncoded public var mean: Double? = nil
    @NullEncoded public var lo: Double? = nil
    @NullEncoded public var hi: Double? = nil
}

/// The event study of one follower.
public struct FollowerStudy: Sendable, Equatable {
    public var events: [EventRecord]
    public var horizons: [HorizonStatistics]
    public var path: [PathPoint]
    /// Each event's return at each horizon (`NaN` where incomplete), for comparisons.
    public var returns: [[Double]]
}

/// Forward returns after events, against the follower's unconditional returns.
///
/// Conventions (issue 10; deliberately not the peers' `event_study.py`, which counts
/// rows and enters on the event day):
/// - an event is dated the day it was **known**; the follower is entered at its first
///   row on or after the next day (never on the event day); an event before the
///   follower's first row is left out for that follower;
/// - the exit for horizon h (calendar days) is the first row on or after entry + h;
///   return = close(exit) / close(entry) − 1, `nil` when the exit is past the data;
/// - the unconditional distribution: the same forward return from every follower row
///   with a complete window, from the earliest event entry on;
/// - the permutation test draws as many entry rows as there are events, uniformly
///   without replacement from that distribution's rows; the bootstrap resamples events.
public enum EventStudy {
    /// The study of one follower. `stream` separates the random streams of followers;
    /// `draws` computes the permutation and bootstrap draws (here by default, or on the
    /// queue's workers for `--distributed`).
    ///
    /// Cost: O(rows · horizons) plus O(draws · events · max horizon) for the bootstrap
    /// and O(draws · events²) per horizon for the permutations, in parallel.
    public static func run(events: [Day], follower: Series, settings s: EventStudySettings, stream: UInt64) -> FollowerStudy {
        var draws = DrawSource.local
        return run(events: events, follower: follower, settings: s, stream: stream, draws: &draws)
    }

    /// The study with its draws computed by `draws` (see ``DrawSource``).
    public static func run(
        events: [Day], follower: Series, settings s: EventStudySettings, stream: UInt64, draws: inout DrawSource
    ) -> FollowerStudy {
        let days = follower.days, closes = follower.values
        let maxH = s.horizons.max() ?? 0
        // Entries.
        var entries: [(event: Day, row: Int)] = []
        if let first = days.first {
            for e in events where e >= first {
                let i = days.lowerBound(of: e + 1)
                if i < days.count { entries.append((e, i)) }
            }
        }
        func exitRow(_ entry: Int, _ h: Int) -> Int? {
            let j = days.lowerBound(of: days[entry] + h)
            return j < days.count ? j : nil
        }
        let returns: [[Double]] = entries.map { en in
            s.horizons.map { h in exitRow(en.row, h).map { closes[$0] / closes[en.row] - 1 } ?? .nan }
        }
        let records = zip(entries, returns).map { en, r in
            EventRecord(
                date: en.event, entry: days[en.row], follower: follower.id,
                returns: Dictionary(uniqueKeysWithValues: zip(s.horizons, r).map { (String($0), $1.isNaN ? nil : $1) }))
        }
        // Mean path and its bootstrap band.
        let paths: [[Double]] = entries.map { en in
            (0...maxH).map { k in exitRow(en.row, k).map { closes[$0] / closes[en.row] - 1 } ?? .nan }
        }
        let band = draws.band(
            .bootstrap(paths: paths, days: maxH + 1, draws: s.draws, seed: s.seed ^ (0xB0B0 &+ stream), lower: 5, upper: 95))
        let path = (0...maxH).map { k -> PathPoint in
            let values = paths.map { $0[k] }.filter { !$0.isNaN }
            return PathPoint(
                follower: follower.id, day: k, n: values.count,
                mean: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count), lo: band[k].lo, hi: band[k].hi)
        }
        // Per horizon.
        let firstEntry = entries.map(\.row).min()
        var horizons: [HorizonStatistics] = []
        for (hi, h) in s.horizons.enumerated() {
            let sample = returns.map { $0[hi] }.filter { !$0.isNaN }
            var pool: [Double] = []
            if let firstEntry {
                let all = follower.forwardReturns(calendarDays: h)
                pool = all[firstEntry...].filter { !$0.isNaN }
            }
            let uncond = pool.isEmpty ? nil : pool.reduce(0, +) / Double(pool.count)
            let mean = sample.isEmpty ? nil : sample.reduce(0, +) / Double(sample.count)
            let test = uncond.flatMap { OneSampleTTest(sample, mean: $0) }
            var perm: Double? = nil
            if let mean, !sample.isEmpty, sample.count <= pool.count, s.draws > 0 {
                perm = draws.pValue(
                    .permutation(
                        observed: mean, n: sample.count, pool: pool, draws: s.draws, seed: s.seed,
                        stream: stream &* 64 &+ UInt64(hi)))
            }
            let bandAt = h <= maxH ? band[h] : BandDay(lo: nil, hi: nil)
            horizons.append(HorizonStatistics(
                follower: follower.id, h: h, n: sample.count, mean: mean, median: median(sample),
                hitRate: sample.isEmpty ? nil : Double(sample.filter { $0 > 0 }.count) / Double(sample.count),
                uncondMean: uncond, uncondN: pool.count, tStat: test?.t, tP: test?.p, permP: perm,
                bandLo: bandAt.lo, bandHi: bandAt.hi, smallSample: sample.count < s.smallSample))
        }
        return FollowerStudy(events: records, horizons: horizons, path: path, returns: returns)
    }

    /// numpy's median: the middle value, or the mean of the two middle values.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

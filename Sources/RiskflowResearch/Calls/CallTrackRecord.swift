import RiskflowCore
import RiskflowStats

/// The track record of a set of calls: one row per call kind, source, origin, follower
/// and horizon, so that each call counts once in a row (the followers and horizons of one
/// call move together and are not independent trials). Live, replayed and external calls
/// are always in different rows.
public struct CallTrackRecord: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var kind: Call.Kind
        public var source: String
        public var origin: Call.Origin
        public var follower: String
        public var horizon: Int
        /// Calls scored (each by its latest score), hits among them.
        public var n: Int
        public var hits: Int
        @NullEncoded public var hitRate: Double? = nil
        /// Wilson 95 % interval of the hit rate (statsmodels `proportion_confint(method="wilson")`).
        @NullEncoded public var ciLow: Double? = nil
        @NullEncoded public var ciHigh: Double? = nil
        /// Mean rank of the returns in their frozen references (0–100; 50 is no better
        /// than an unconditional day).
        @NullEncoded public var meanPercentile: Double? = nil
        /// Two-sided exact binomial p of the hits against 50 % (scipy `binomtest`).
        @NullEncoded public var p: Double? = nil
        /// Power of that test at α = 0.05 against a hit rate of 50 % + the smallest
        /// effect of interest; `small` when it is below 0.8.
        @NullEncoded public var power: Double? = nil
        public var small: Bool

        enum CodingKeys: String, CodingKey {
            case kind, source, origin, follower, horizon, n, hits
            case hitRate = "hit_rate"
            case ciLow = "ci_low"
            case ciHigh = "ci_high"
            case meanPercentile = "mean_percentile"
            case p, power, small
        }
    }

    /// The hit-rate difference from 50 % the power is computed at.
    public var effectOfInterest: Double
    public var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case effectOfInterest = "effect_of_interest"
        case rows
    }

    /// Summarises `calls` (by id) with their `scores` (every stored version; the latest of
    /// each call, follower and horizon counts). Rows in the order kind, source, origin,
    /// follower, horizon. Cost: O(scores + rows · n²) for the exact power.
    public static func summarise(calls: [String: Call], scores: [CallScore], effectOfInterest: Double = 0.15) -> CallTrackRecord {
        var latest: [String: CallScore] = [:]
        var order: [String] = []
        for s in scores {
            if latest[s.key] == nil { order.append(s.key) }
            latest[s.key] = s
        }
        struct GroupKey: Hashable { var kind: String, source: String, origin: String, follower: String, horizon: Int }
        var groups: [GroupKey: [CallScore]] = [:]
        var meta: [GroupKey: Call] = [:]
        for key in order {
            guard let s = latest[key], let call = calls[s.callID] else { continue }
            let g = GroupKey(kind: call.kind.rawValue, source: call.source, origin: call.origin.rawValue, follower: s.follower, horizon: s.horizon)
            groups[g, default: []].append(s)
            meta[g] = call
        }
        let rows = groups.keys.sorted {
            ($0.kind, $0.source, $0.origin, $0.follower, $0.horizon) < ($1.kind, $1.source, $1.origin, $1.follower, $1.horizon)
        }.compactMap { g -> Row? in
            guard let list = groups[g], let call = meta[g] else { return nil }
            let n = list.count, hits = list.filter { $0.outcome == .hit }.count
            let ci = wilsonInterval(successes: hits, trials: n)
            let ranks = list.compactMap(\.percentile)
            let power = n > 0 ? Power.binomial(n: n, p0: 0.5, p1: min(1, 0.5 + effectOfInterest), alpha: 0.05) : nil
            return Row(
                kind: call.kind, source: call.source, origin: call.origin, follower: g.follower, horizon: g.horizon, n: n, hits: hits,
                hitRate: n > 0 ? Double(hits) / Double(n) : nil, ciLow: ci?.low, ciHigh: ci?.high,
                meanPercentile: ranks.isEmpty ? nil : ranks.reduce(0, +) / Double(ranks.count),
                p: n > 0 ? Power.binomialTwoSided(k: hits, n: n, p: 0.5) : nil, power: power, small: (power ?? 0) < Power.target)
        }
        return CallTrackRecord(effectOfInterest: effectOfInterest, rows: rows)
    }
}

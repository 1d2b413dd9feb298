/// One forecast frozen on the day it was known (issue 23): what was called, about which
/// followers and horizons, by which parameters and version, and the reference it will be
/// graded against — each follower's unconditional forward-return distribution *as known
/// that day*. A call is never edited; a correction is a new call that supersedes it.
public struct Call: Sendable, Equatable, Codable {
    /// What made the call.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A breakout of the index qualified (on its signal day).
        case qualifiedBreakout = "qualified_breakout"
        /// The risk-curve stage reached 4 (crypto spillover).
        case stageFour = "stage_4"
        /// The alt season index crossed 75 upwards (days that are not thin).
        case altSeason = "altseason_75"
        /// The net-liquidity regime changed.
        case liquidityRegime = "liquidity_regime"
        /// A call registered by hand (`riskflow calls add`): a commentary, a newsletter, your own.
        case external
    }

    /// A call recorded when it was known (`live`), or reconstructed afterwards strictly
    /// as of each day (`replayed`, a reconstruction and not a track record).
    public enum Origin: String, Sendable, Codable, CaseIterable { case live, replayed }

    /// The direction the followers are called to move.
    public enum Direction: String, Sendable, Codable, CaseIterable { case up, down }

    public var kind: Kind
    /// The day the call was known (point in time): nothing after it went into it.
    public var knownAt: Day
    /// The claim in words.
    public var claim: String
    /// What fired it: the index symbol, `stage`, `altseason`, `net_liquidity`, or the
    /// source's name for an external call.
    public var subject: String
    public var followers: [String]
    /// Calendar-day horizons.
    public var horizons: [Int]
    public var direction: Direction
    /// Who made it: `riskflow` for its own signals, a URL or a name for an external call.
    public var source: String
    /// The parameters that produced it, by name (sorted keys in the canonical text).
    public var parameters: [String: String]
    /// The riskflow version that recorded it.
    public var version: String
    public var origin: Origin
    /// The id of the call this one corrects, if any.
    public var supersedes: String?
    /// One per follower and horizon, as known on ``knownAt``.
    public var reference: [CallReference]

    public init(
        kind: Kind, knownAt: Day, claim: String, subject: String, followers: [String], horizons: [Int], direction: Direction,
        source: String, parameters: [String: String] = [:], version: String, origin: Origin, supersedes: String? = nil,
        reference: [CallReference] = []
    ) {
        self.kind = kind
        self.knownAt = knownAt
        self.claim = claim
        self.subject = subject
        self.followers = followers
        self.horizons = horizons
        self.direction = direction
        self.source = source
        self.parameters = parameters
        self.version = version
        self.origin = origin
        self.supersedes = supersedes
        self.reference = reference
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case knownAt = "known_at"
        case claim, subject, followers, horizons, direction, source, parameters, version, origin, supersedes, reference
    }

    /// The reference of one follower at one horizon.
    public func reference(_ follower: String, _ horizon: Int) -> CallReference? {
        reference.first { $0.follower == follower && $0.horizon == horizon }
    }

    /// The text the content hash is taken over: every field in a fixed order, numbers in
    /// full precision (Swift's shortest round-trip form), one line each. Two calls with
    /// the same text are the same call (recording a day twice adds nothing).
    public var canonicalText: String {
        var lines = [
            "kind=\(kind.rawValue)", "known_at=\(knownAt.iso)", "claim=\(claim)", "subject=\(subject)",
            "followers=\(followers.joined(separator: ","))", "horizons=\(horizons.map(String.init).joined(separator: ","))",
            "direction=\(direction.rawValue)", "source=\(source)", "version=\(version)", "origin=\(origin.rawValue)",
            "supersedes=\(supersedes ?? "")",
        ]
        lines += parameters.keys.sorted().map { "parameter.\($0)=\(parameters[$0] ?? "")" }
        lines += reference.map { r in
            "reference.\(r.follower).\(r.horizon)=n:\(r.n);q:" + r.percentiles.map { "\($0)" }.joined(separator: ",")
        }
        return lines.joined(separator: "\n")
    }
}

/// A follower's unconditional forward-return distribution at one horizon, as known on
/// the call's day: the returns over every complete window that ended on or before it
/// (`Series.forwardReturns(calendarDays:)` on the data as of the day), summarised by its
/// 101 percentiles 0, 1, …, 100 (numpy's default linear method; built by
/// `CallReference.build` in RiskflowResearch).
public struct CallReference: Sendable, Equatable, Codable {
    public var follower: String
    public var horizon: Int
    /// Complete windows in the distribution.
    public var n: Int
    /// The 0th … 100th percentiles (101 values); empty when `n` is 0.
    public var percentiles: [Double]

    public init(follower: String, horizon: Int, n: Int, percentiles: [Double]) {
        self.follower = follower
        self.horizon = horizon
        self.n = n
        self.percentiles = percentiles
    }

    /// The median (the 50th percentile), `nil` without data.
    public var median: Double? { percentiles.count == 101 ? percentiles[50] : nil }

    /// Where `x` ranks in the frozen distribution, 0–100: the percentile grid inverted by
    /// linear interpolation (between two equal grid values, their upper rank); 0 below the
    /// minimum, 100 above the maximum; `nil` without data.
    public func percentile(of x: Double) -> Double? {
        guard percentiles.count == 101, x.isFinite else { return nil }
        if x < percentiles[0] { return 0 }
        if x >= percentiles[100] { return 100 }
        // The last grid point ≤ x.
        var k = 0
        while k < 100 && percentiles[k + 1] <= x { k += 1 }
        let lo = percentiles[k], hi = percentiles[k + 1]
        return hi > lo ? Double(k) + (x - lo) / (hi - lo) : Double(k)
    }
}

/// One grade of a call for one follower at one horizon, recorded on the first day its
/// exit was in the data. Scores are append-only: a later revision of the follower's
/// closes adds a new score (``CallScoring/newScores(computed:existing:)``), never
/// rewrites one.
public struct CallScore: Sendable, Equatable, Codable {
    /// `hit`: the return has the called direction and beats the frozen median in that
    /// direction (a follower with no reference — no complete window before the call — is
    /// graded on the direction alone); `miss` otherwise.
    public enum Outcome: String, Sendable, Codable { case hit, miss }

    /// The call's content hash.
    public var callID: String
    public var follower: String
    public var horizon: Int
    /// The first row after the call's day (t + 1, as the event study), and the first row
    /// on or after entry + horizon calendar days.
    public var entry: Day
    public var exit: Day
    public var entryClose: Double
    public var exitClose: Double
    /// exit / entry − 1.
    public var `return`: Double
    /// Its rank in the reference frozen with the call (0–100), `nil` without a reference.
    @NullEncoded public var percentile: Double?
    /// The frozen median it was compared with.
    @NullEncoded public var median: Double?
    public var outcome: Outcome
    /// The day the data it was computed from was known (the scoring run's as-of day).
    public var scoredAsOf: Day

    public init(
        callID: String, follower: String, horizon: Int, entry: Day, exit: Day, entryClose: Double, exitClose: Double, return r: Double,
        percentile: Double?, median: Double?, outcome: Outcome, scoredAsOf: Day
    ) {
        self.callID = callID
        self.follower = follower
        self.horizon = horizon
        self.entry = entry
        self.exit = exit
        self.entryClose = entryClose
        self.exitClose = exitClose
        self.return = r
        self.percentile = percentile
        self.median = median
        self.outcome = outcome
        self.scoredAsOf = scoredAsOf
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id"
        case follower, horizon, entry, exit
        case entryClose = "entry_close"
        case exitClose = "exit_close"
        case `return`, percentile, median, outcome
        case scoredAsOf = "scored_as_of"
    }

    /// Which grade this is a version of: one per call, follower and horizon.
    public var key: String { "\(callID)|\(follower)|\(horizon)" }

    /// The same measurement (what a revision would change): entry, exit, both closes.
    public func sameMeasurement(as other: CallScore) -> Bool {
        entry == other.entry && exit == other.exit && entryClose == other.entryClose && exitClose == other.exitClose
    }
}

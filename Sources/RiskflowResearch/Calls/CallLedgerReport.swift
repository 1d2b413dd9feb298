import RiskflowCore

/// `riskflow calls`: every call known by the day with its latest scores, and the track
/// record. JSON: `{"as_of", "calls": [{"id", …the call…, "scores": […]}], "track_record":
/// {"effect_of_interest", "rows": […]}}`.
public struct CallLedgerReport: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public var id: String
        public var call: Call
        /// The latest score of each follower and horizon, in the call's order.
        public var scores: [CallScore]

        enum Keys: String, CodingKey { case id, scores }

        public func encode(to encoder: any Encoder) throws {
            try call.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(scores, forKey: .scores)
        }
    }

    public var asOf: Day
    public var calls: [Entry]
    public var trackRecord: CallTrackRecord

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case calls
        case trackRecord = "track_record"
    }

    /// The ledger as known on `asOf`: calls known by then, scores computed from data known
    /// by then (``CallScore/scoredAsOf`` ≤ `asOf`), the latest of each.
    public static func build(calls stored: [(id: String, call: Call)], scores: [CallScore], asOf: Day) -> CallLedgerReport {
        let known = stored.filter { $0.call.knownAt <= asOf }
        let visible = scores.filter { $0.scoredAsOf <= asOf }
        var latest: [String: CallScore] = [:]
        for s in visible { latest[s.key] = s }
        let entries = known.map { c in
            Entry(
                id: c.id, call: c.call,
                scores: c.call.followers.flatMap { f in c.call.horizons.compactMap { h in latest["\(c.id)|\(f)|\(h)"] } })
        }
        var byID: [String: Call] = [:]
        for c in known { byID[c.id] = c.call }
        return CallLedgerReport(asOf: asOf, calls: entries, trackRecord: CallTrackRecord.summarise(calls: byID, scores: visible))
    }
}

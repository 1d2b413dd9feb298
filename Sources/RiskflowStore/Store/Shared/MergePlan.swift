import RiskflowCore
import RiskflowFormats

/// What a sync wrote into one series.
public struct MergeOutcome: Sendable, Equatable {
    /// Days the store did not have.
    public var rowsAdded = 0
    /// Known days whose value changed (each stored as a new row with a later `available_at`).
    public var revisions = 0
    /// First and last of the new days, `nil` when none.
    public var firstNew: Day?
    public var lastNew: Day?

    public init() {}
}

/// What a merge writes, decided without the database so both backends apply the same
/// plan: the fetched rows to insert (index into the fetched series, day, `available_at`,
/// in order; a later row with the same day and `available_at` replaces an earlier one),
/// the outcome, and whether the series now has revisions.
///
/// - A day the store does not have is inserted, known on the publication rule's day (or,
///   for ALFRED vintages, on its `realtime_start`).
/// - A known day whose close differs is a **revision**: a new row known on `today`
///   (never an overwrite; as-of reads before `today` still see the old value). A vintage
///   is stored only when its value differs from what was known just before it.
/// - Days the provider no longer returns are kept.
package struct MergePlan {
    var rows: [(index: Int, day: Day, at: Day)] = []
    var outcome = MergeOutcome()
    var revised = false

    /// Two values are the same observation when they agree to 1 part in 10⁶ (Yahoo's
    /// prices are float32; the bundled files carry at most 12 significant digits).
    package static func sameValue(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-6 * max(abs(a), abs(b))
    }

    /// Plans the merge of `f` against the `stored` rows of its day range (per day, by
    /// `available_at`).
    /// - Complexity: O(*n* log *n*) for *n* fetched rows.
    init(_ f: FetchedSeries, stored: [Day: [(at: Day, close: Double)]], publication: PublicationRule, today: Day) {
        var stored = stored
        var newDays = Set<Day>()
        for i in 0..<f.count {
            let d = f.days[i]
            let known = stored[d] ?? []
            let at: Day
            if let vintage = f.availableAt?[i] {
                // The value known just before (or at) this vintage.
                if let before = known.last(where: { $0.at <= vintage }), Self.sameValue(before.close, f.close[i]) { continue }
                at = known.contains(where: { $0.at == vintage }) ? max(today, vintage) : vintage
            } else if let latest = known.last {
                if Self.sameValue(latest.close, f.close[i]) { continue }
                at = max(today, publication.availableAt(d), latest.at)
            } else {
                at = publication.availableAt(d)
            }
            if known.isEmpty && !newDays.contains(d) {
                newDays.insert(d)
                outcome.rowsAdded += 1
                outcome.firstNew = min(outcome.firstNew ?? d, d)
                outcome.lastNew = max(outcome.lastNew ?? d, d)
            } else if !known.isEmpty {
                outcome.revisions += 1
                revised = true
            } else {
                revised = true  // a second vintage of a day new in this sync
            }
            rows.append((i, d, at))
            stored[d, default: []].append((at, f.close[i]))
            stored[d, default: []].sort { $0.at < $1.at }
        }
    }

    /// The stored rows of ``StoreSQL/storedCloses``, per day.
    static func stored(_ rows: [[StoreValue]]) throws -> [Day: [(at: Day, close: Double)]] {
        var out: [Day: [(at: Day, close: Double)]] = [:]
        for r in rows {
            guard r.count == 3, let d = r[0].day, let at = r[1].day, let close = r[2].real else { throw StoreRows.malformed("observation") }
            out[d, default: []].append((at, close))
        }
        return out
    }

    /// The rows to write, each (day, `available_at`) once: the last planned row of a key
    /// wins, as an `INSERT … ON CONFLICT DO UPDATE` applied in order would leave it.
    var distinctRows: [(index: Int, day: Day, at: Day)] {
        func key(_ r: (index: Int, day: Day, at: Day)) -> Int64 { Int64(r.day.rawValue) << 32 | Int64(UInt32(bitPattern: r.at.rawValue)) }
        var latest: [Int64: Int] = [:]
        for (k, r) in rows.enumerated() { latest[key(r)] = k }
        return rows.enumerated().filter { latest[key($0.element)] == $0.offset }.map(\.element)
    }

    /// The statements that record a merge after its rows: the revisions flag, the import
    /// log (when anything was written) and the sync record, in order.
    func bookkeeping(key: Int, id: String, provider: ProviderName, providerID: String, stamp: String) -> [(sql: String, arguments: [StoreValue])] {
        var out: [(sql: String, arguments: [StoreValue])] = []
        if revised { out.append((StoreSQL.markRevised, [.int(key)])) }
        if status == .updated {
            out.append(
                (
                    StoreSQL.insertImportLog,
                    [
                        .text(id), .text("sync: \(provider.rawValue) \(providerID)"), .text(provider.rawValue),
                        .int(outcome.rowsAdded + outcome.revisions), .int(0), .int(0), .text(stamp),
                    ]
                ))
        }
        out.append(
            (
                StoreSQL.upsertSyncState,
                StoreSQL.syncArguments(
                    id: id, provider: provider, providerID: providerID, stamp: stamp, status: status, rowsAdded: outcome.rowsAdded,
                    revisions: outcome.revisions, error: nil)
            ))
        return out
    }

    /// The sync's status: `updated` when it wrote anything.
    var status: SyncStatus { outcome.rowsAdded + outcome.revisions > 0 ? .updated : .unchanged }
}

/// How the sync of one series ended.
public enum SyncStatus: String, Sendable, Codable {
    /// New days or revisions were written.
    case updated
    /// The provider had nothing the store did not.
    case unchanged
    /// Nothing was written; `error` says why.
    case failed
}

/// A series' last sync, as recorded in the store.
public struct SyncState: Sendable, Equatable {
    public var seriesID: String
    public var provider: ProviderName
    public var providerID: String
    /// ISO 8601 UTC.
    public var attemptedAt: String
    public var succeededAt: String?
    public var status: SyncStatus
    public var rowsAdded: Int
    public var revisions: Int
    public var error: String?
}

import Foundation
import RiskflowCore
import RiskflowResearch
import RiskflowSignals
import RiskflowStore

/// What one recording run added to the ledger.
public struct CallRecording: Sendable, Equatable {
    /// The days looked at (inclusive), `nil` when none.
    public var from: Day?
    public var through: Day?
    /// Ids of the calls added (a call already stored is not added again).
    public var added: [String]
    /// Scores appended (new, or a revised measurement).
    public var scored: [CallScore]
    /// Signals that could not be computed on some day (their inputs missing), by name.
    public var errors: [String: String]
}

/// The calls ledger against a store: records the calls riskflow's signals make (live, or
/// replayed strictly as of each day), registers external calls, and scores every call
/// whose horizons have passed. Each day is read as of that day from the store, so a
/// replay of a period equals recording it day by day.
public struct CallLedgerRunner: Sendable {
    public var store: any RiskflowStore
    public var signals: SignalConfig
    public var version: String
    public var followers = SignalCalls.defaultFollowers
    public var horizons = SignalCalls.defaultHorizons

    public init(store: any RiskflowStore, signals: SignalConfig, version: String) {
        self.store = store
        self.signals = signals
        self.version = version
    }

    /// Records the calls first known on each calendar day `from…through`, each strictly
    /// as of its day, then scores every stored call as of `through` (also when there is
    /// no day to record, `from > through`). Idempotent: the same
    /// days recorded twice add nothing. Cost: two signal evaluations for the first day and
    /// one a day after it (about 0.1–0.5 s a day on the bundled data).
    ///
    /// `score: false` records without scoring (a long recording done in parts, scored once
    /// caught up, so every score is dated by the latest data).
    public func record(from: Day, through: Day, origin: Call.Origin, stamp: String, score scoring: Bool = true) async throws -> CallRecording {
        var out = CallRecording(from: from <= through ? from : nil, through: from <= through ? through : nil, added: [], scored: [], errors: [:])
        guard from <= through else {
            if scoring { out.scored = try await score(asOf: through, stamp: stamp) }
            return out
        }
        let request = SignalCalls.inputs(config: signals, followers: followers)
        var yesterday = SignalCalls.events(try await store.marketData(for: request, asOf: from - 1), config: signals).events
        var day = from
        while day <= through {
            let data = try await store.marketData(for: request, asOf: day)
            let today = SignalCalls.events(data, config: signals)
            for (k, v) in today.errors { out.errors[k] = v }
            let new = SignalCalls.firstKnown(on: day, today: today.events, yesterday: yesterday)
            let calls = SignalCalls.calls(
                on: day, events: new, data: data, config: signals, followers: followers, horizons: horizons, version: version, origin: origin)
            if !calls.isEmpty { out.added += try await store.appendCalls(calls, stamp: stamp) }
            yesterday = today.events
            day = day + 1
        }
        if scoring { out.scored = try await score(asOf: through, stamp: stamp) }
        return out
    }

    /// Registers an external call known on `call.knownAt` with its references as known
    /// that day, then scores it as of `asOf`. Returns its id (the same call twice: the
    /// same id, added once).
    public func add(_ call: Call, asOf: Day, stamp: String) async throws -> (id: String, added: Bool, scored: [CallScore]) {
        var c = call
        let data = try await store.marketData(for: SignalCalls.inputs(config: signals, followers: call.followers), asOf: call.knownAt)
        c.reference = SignalCalls.references(data: data, config: signals, followers: call.followers, horizons: call.horizons)
        let added = try await store.appendCalls([c], stamp: stamp)
        return (CallRows.id(of: c), !added.isEmpty, try await score(asOf: asOf, stamp: stamp))
    }

    /// Registers the commentary's call (``SeedCall``) when the ledger has no call from its
    /// source yet — a new store gets it right after the bundled snapshot is loaded, an
    /// older store the first time a newer riskflow opens it. Its references are frozen as
    /// known on 2026-01-08 from the store's data. Returns whether it was added.
    @discardableResult
    public func addSeedCallIfMissing(stamp: String) async throws -> Bool {
        guard try await !store.storedCalls().contains(where: { $0.call.source == SeedCall.source }) else { return false }
        guard let latest = try await store.latestDay(), latest >= SeedCall.knownAt else { return false }
        for f in SeedCall.followers where f != AltBasket.symbol {
            guard try await store.ids().contains(f) else { return false }
        }
        return try await add(SeedCall.call(version: version), asOf: latest, stamp: stamp).added
    }

    /// Scores every stored call from the followers as known on `asOf` and appends what is
    /// new (``CallScoring/newScores(computed:existing:)``). Returns the appended scores.
    public func score(asOf: Day, stamp: String) async throws -> [CallScore] {
        let calls = try await store.storedCalls()
        guard !calls.isEmpty else { return [] }
        let names = Set(calls.flatMap(\.call.followers))
        let data = try await store.marketData(for: SignalCalls.inputs(config: signals, followers: Array(names).sorted()), asOf: asOf)
        var closes: [String: Series] = [:]
        for n in names {
            closes[n] = n == AltBasket.symbol ? AltBasket.build(data, config: signals.altseason) : data.closes(n)
        }
        let computed = calls.filter { $0.call.knownAt <= asOf }.flatMap { CallScoring.scores(of: $0.call, id: $0.id, closes: closes, asOf: asOf) }
        let new = CallScoring.newScores(computed: computed, existing: try await store.callScores())
        try await store.appendCallScores(new, stamp: stamp)
        return new
    }

    /// The day after the last live call of riskflow's own, else `asOf` − 30 days; never
    /// more than 400 days before `asOf` (where `calls record` starts without `--from`).
    public func nextDayToRecord(asOf: Day) async throws -> Day {
        let last = try await store.storedCalls().filter { $0.call.origin == .live && $0.call.source == "riskflow" }.map(\.call.knownAt).max()
        let start = last.map { $0 + 1 } ?? asOf - 30
        return max(start, asOf - 400)
    }
}

extension CallLedgerReport {
    /// The ledger of `store` as known on `asOf` (`riskflow calls`, `/api/v1/calls`, the
    /// report's track record): every call and score, filtered to that day by
    /// ``CallLedgerReport/build(calls:scores:asOf:)``.
    public static func stored(in store: any RiskflowStore, asOf: Day) async throws -> CallLedgerReport {
        let calls = try await store.storedCalls().map { (id: $0.id, call: $0.call) }
        return build(calls: calls, scores: try await store.callScores(), asOf: asOf)
    }
}

extension ReportResult {
    /// Adds the calls ledger as known on the report's day (its track record in the JSON,
    /// the calls in the HTML's "Track record" section).
    public mutating func attachLedger(from store: any RiskflowStore) async throws {
        let l = try await CallLedgerReport.stored(in: store, asOf: asOf)
        ledger = l
        trackRecord = l.trackRecord
        scorecard?.attach(l)
    }
}

extension ScorecardResult {
    /// Adds the ledger's grades of the commentary's call as known on the scorecard's day.
    public mutating func attachLedger(from store: any RiskflowStore) async throws {
        guard call != nil else { return }
        attach(try await CallLedgerReport.stored(in: store, asOf: asOf))
    }
}

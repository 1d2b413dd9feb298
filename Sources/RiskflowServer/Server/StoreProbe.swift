import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import RiskflowCore
import RiskflowStore

/// What the server knows about its store: the data version (a fingerprint that changes
/// on every write), the last data day, or why it cannot be read. Refreshed at most once
/// per ``maxAge`` (1 s by default) on the blocking pool, so a hot route never queries
/// SQLite per request; ``invalidate()`` forces the next read to look again.
public final class StoreProbe: Sendable {
    public struct Snapshot: Sendable, Equatable {
        /// `nil` when the store could not be read.
        public var version: String?
        public var lastDay: Day?
        public var error: String?
        /// When it was taken (UTC), and the same in ISO 8601 (formatted once per snapshot,
        /// not per request).
        public var checkedAt: Date
        public var checkedAtISO: String

        init(version: String?, lastDay: Day?, error: String?, checkedAt: Date) {
            self.version = version
            self.lastDay = lastDay
            self.error = error
            self.checkedAt = checkedAt
            self.checkedAtISO = ISO8601DateFormatter().string(from: checkedAt)
        }
    }

    struct State {
        var snapshot: Snapshot?
        var takenAt: ContinuousClock.Instant?
        var refreshing = false
    }

    let store: any RiskflowStore
    let maxAge: Duration
    let state = NIOLockedValueBox(State())

    public init(store: any RiskflowStore, maxAge: Duration = .seconds(1)) {
        self.store = store
        self.maxAge = maxAge
    }

    /// The latest snapshot, refreshed when older than ``maxAge``. While one caller
    /// refreshes, the others get the previous snapshot.
    public func snapshot() async -> Snapshot {
        let now = ContinuousClock.now
        let cached: Snapshot? = state.withLockedValue { s in
            if let snap = s.snapshot, let at = s.takenAt, now - at < maxAge || s.refreshing { return snap }
            s.refreshing = true
            return nil
        }
        if let cached { return cached }
        let fresh = await Self.take(store)
        state.withLockedValue { s in
            s.snapshot = fresh
            s.takenAt = now
            s.refreshing = false
        }
        return fresh
    }

    /// Makes the next ``snapshot()`` read the store again.
    public func invalidate() {
        state.withLockedValue { s in s.takenAt = nil }
    }

    static func take(_ store: any RiskflowStore) async -> Snapshot {
        do {
            return Snapshot(version: try await store.dataVersion(), lastDay: try await store.latestDay(), error: nil, checkedAt: Date())
        } catch {
            return Snapshot(version: nil, lastDay: nil, error: "the store \(store.path) cannot be read: \(error)", checkedAt: Date())
        }
    }
}

import RiskflowStore
import Foundation

/// A per-provider rate limit shared by every concurrent fetch: requests are spaced at
/// least `60 / perMinute` seconds apart (the first goes at once).
///
/// Each caller reserves the next free slot and sleeps until it, so concurrent callers
/// queue in order without holding the actor while they wait.
public actor RateLimiter {
    private let interval: Double
    private var next: ContinuousClock.Instant

    /// - Parameter perMinute: requests per minute; 0 or less means no limit.
    public init(perMinute: Double) {
        interval = perMinute > 0 ? 60 / perMinute : 0
        next = ContinuousClock.now
    }

    /// Waits for this caller's slot.
    public func acquire() async throws {
        guard interval > 0 else { return }
        let now = ContinuousClock.now
        let slot = max(now, next)
        next = slot + .seconds(interval)
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}

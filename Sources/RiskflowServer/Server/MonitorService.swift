import Foundation
import Logging
import NIOPosix
import RiskflowCore
import RiskflowRuntime
import RiskflowStore
import RiskflowSync
import ServiceLifecycle

/// The background work of `riskflow serve`, run beside the HTTP server and stopped with
/// it: a data sync every ``syncEvery`` (the first at start-up), and the alert rules
/// evaluated and the outbox delivered after each sync, whenever a retry falls due, and at
/// least every ``alertTick``.
public struct MonitorService: Service {
    let http: RiskflowHTTP
    let syncEvery: Duration?
    let makeSyncEngine: @Sendable () -> SyncEngine
    let alerts: AlertEngine?
    let alertTick: Duration
    let logger: Logger

    /// - Parameters:
    ///   - syncEvery: the sync interval; `nil` turns syncing off.
    ///   - makeSyncEngine: a sync engine over the writable store (made per sync, so each
    ///     sync reads the clock afresh).
    public init(
        http: RiskflowHTTP, syncEvery: Duration?, makeSyncEngine: @escaping @Sendable () -> SyncEngine, alerts: AlertEngine?,
        alertTick: Duration = .seconds(60), logger: Logger
    ) {
        self.http = http
        self.syncEvery = syncEvery
        self.makeSyncEngine = makeSyncEngine
        self.alerts = alerts
        self.alertTick = alertTick
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            // Shutdown: the loop was waiting or working; what it wrote is committed.
        }
        await alerts?.shutdown()
    }

    func loop() async throws {
        let clock = ContinuousClock()
        var nextSync: ContinuousClock.Instant? = syncEvery == nil ? nil : clock.now
        while !Task.isCancelled {
            if let due = nextSync, clock.now >= due, let every = syncEvery {
                await sync()
                nextSync = clock.now + every
            }
            var wake = clock.now + alertTick
            if let alerts {
                if let next = await evaluateAndDeliver(alerts) {
                    let wait = max(0.05, next - Date().timeIntervalSince1970)
                    wake = min(wake, clock.now + .milliseconds(Int64(wait * 1000)))
                }
            }
            if let nextSync { wake = min(wake, nextSync) }
            try await Task.sleep(until: wake, clock: clock)
        }
    }

    /// Syncs every series; drops the server's cache when anything was written.
    func sync() async {
        let engine = makeSyncEngine()
        do {
            let results = await engine.run(try engine.plan(symbols: [], provider: nil, since: nil))
            let written = results.reduce(0) { $0 + $1.rowsAdded + $1.revisions }
            let failed = results.filter { $0.status == .failed }
            logger.info("sync: \(results.count) series, \(written) rows written, \(failed.count) failed")
            for f in failed { logger.warning("sync failed: \(f.symbol): \(f.error ?? "?")") }
        } catch {
            logger.error("sync could not start: \(error)")
        }
        http.dataDidChange()
    }

    /// Evaluates the rules on the latest data and delivers what is due. Returns when the
    /// next pending event is due (seconds since 1970).
    func evaluateAndDeliver(_ alerts: AlertEngine) async -> Double? {
        do {
            _ = try await alerts.evaluate()
            return try await alerts.deliverDue().nextDue
        } catch is CancellationError {
            return nil
        } catch {
            logger.error("alerts: \(error)")
            return nil
        }
    }
}

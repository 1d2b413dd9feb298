import Foundation
import Logging
import NIOPosix
import RiskflowCore
import RiskflowRuntime
import RiskflowStore
import RiskflowSync
import ServiceLifecycle

/// The background work of `riskflow serve`, run beside the HTTP server and stopped with
/// it: a data sync every ``syncEvery`` (the first at start-up); after each sync (or once at
/// start-up when syncing is off) the calls riskflow's signals make on the new days are
/// recorded in the calls ledger and every call whose horizon has passed is scored; and
/// the alert rules evaluated and the outbox delivered after that, whenever a retry falls
/// due, and at least every ``alertTick``.
public struct MonitorService: Service {
    let http: RiskflowHTTP
    let syncEvery: Duration?
    let makeSyncEngine: @Sendable () -> SyncEngine
    let alerts: AlertEngine?
    let calls: CallLedgerRunner?
    let alertTick: Duration
    let logger: Logger

    /// - Parameters:
    ///   - syncEvery: the sync interval; `nil` turns syncing off.
    ///   - makeSyncEngine: a sync engine over the writable store (made per sync, so each
    ///     sync reads the clock afresh).
    ///   - calls: the calls ledger on the writable store; `nil` records nothing.
    public init(
        http: RiskflowHTTP, syncEvery: Duration?, makeSyncEngine: @escaping @Sendable () -> SyncEngine, alerts: AlertEngine?,
        calls: CallLedgerRunner? = nil, alertTick: Duration = .seconds(60), logger: Logger
    ) {
        self.http = http
        self.syncEvery = syncEvery
        self.makeSyncEngine = makeSyncEngine
        self.alerts = alerts
        self.calls = calls
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
        // The calls ledger records in its own task, woken after each sync (and once at
        // start-up), so a long first recording never holds up alert deliveries.
        let (syncs, synced) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let calls {
                group.addTask {
                    var recordedThrough: Day?
                    for await _ in syncs {
                        try Task.checkCancellation()
                        recordedThrough = await self.record(calls, after: recordedThrough)
                    }
                }
            }
            group.addTask { try await self.syncAndAlertLoop(synced: synced) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    func syncAndAlertLoop(synced: AsyncStream<Void>.Continuation) async throws {
        defer { synced.finish() }
        let clock = ContinuousClock()
        var nextSync: ContinuousClock.Instant? = syncEvery == nil ? nil : clock.now
        if syncEvery == nil { synced.yield() }
        while !Task.isCancelled {
            if let due = nextSync, clock.now >= due, let every = syncEvery {
                await sync()
                synced.yield()
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

    /// Records the calls first known on the days after `after` (the first time: after the
    /// ledger's last live call, ``CallLedgerRunner/nextDayToRecord(asOf:)``) through the
    /// store's latest day, as of each day, and scores every call. Returns the last day
    /// recorded (unchanged when this failed, so the next pass tries those days again).
    func record(_ calls: CallLedgerRunner, after: Day?) async -> Day? {
        do {
            guard let latest = try await calls.store.latestDay() else { return after }
            let from: Day
            if let after { from = after + 1 } else { from = try await calls.nextDayToRecord(asOf: latest) }
            let r = try await calls.record(from: from, through: latest, origin: .live, stamp: ISO8601DateFormatter().string(from: Date()))
            if !r.added.isEmpty || !r.scored.isEmpty {
                logger.info("calls: \(r.added.count) new calls, \(r.scored.count) new scores (\(from.iso)…\(latest.iso))")
                http.dataDidChange()
            }
            for (signal, error) in r.errors.sorted(by: { $0.key < $1.key }) { logger.warning("calls: \(signal) not computed: \(error)") }
            return max(latest, after ?? latest)
        } catch is CancellationError {
            return after
        } catch {
            logger.error("calls: \(error)")
            return after
        }
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

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
/// recorded in the calls ledger (``callDaysPerPass`` days a pass) and every call whose
/// horizon has passed is scored; then the alert rules are evaluated and the outbox
/// delivered — after each pass, whenever a retry falls due, and at least every
/// ``alertTick``.
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

    /// Days of the calls ledger recorded per pass of the loop: a long first recording (a
    /// new store, a server that was off for weeks) is spread over passes, with alert
    /// deliveries between them.
    static let callDaysPerPass = 7

    func loop() async throws {
        let clock = ContinuousClock()
        var nextSync: ContinuousClock.Instant? = syncEvery == nil ? nil : clock.now
        var recordedThrough: Day?
        var callsPending = calls != nil
        while !Task.isCancelled {
            if let due = nextSync, clock.now >= due, let every = syncEvery {
                await sync()
                nextSync = clock.now + every
                callsPending = calls != nil
            }
            // Calls first, then the alerts: a `call_scored` rule sees the scores of this pass.
            if callsPending, let calls {
                let pass = await record(calls, after: recordedThrough, maxDays: Self.callDaysPerPass)
                recordedThrough = pass.through
                callsPending = pass.more
            }
            var wake = callsPending ? clock.now : clock.now + alertTick
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

    /// Records the calls first known on at most `maxDays` days after `after` (the first
    /// time: after the ledger's last live call, ``CallLedgerRunner/nextDayToRecord(asOf:)``)
    /// up to the store's latest day, each as of its day, and — once caught up — scores every
    /// call as of the latest day. Returns that day (unchanged when this failed, so the next pass
    /// tries again) and whether days remain.
    func record(_ calls: CallLedgerRunner, after: Day?, maxDays: Int) async -> (through: Day?, more: Bool) {
        do {
            guard let latest = try await calls.store.latestDay() else { return (after, false) }
            let from: Day
            if let after { from = after + 1 } else { from = try await calls.nextDayToRecord(asOf: latest) }
            let through = from <= latest ? min(latest, from + (maxDays - 1)) : latest
            // Scored once caught up: every score is dated by the latest data (so a
            // `call_scored` rule, which has looked at that day, still sees it).
            let r = try await calls.record(
                from: from, through: through, origin: .live, stamp: ISO8601DateFormatter().string(from: Date()), score: through == latest)
            if !r.added.isEmpty || !r.scored.isEmpty {
                logger.info("calls: \(r.added.count) new calls, \(r.scored.count) new scores (\(from.iso)…\(through.iso))")
                http.dataDidChange()
            }
            for (signal, error) in r.errors.sorted(by: { $0.key < $1.key }) { logger.debug("calls: \(signal) not computed: \(error)") }
            return (max(through, after ?? through), through < latest)
        } catch is CancellationError {
            return (after, true)
        } catch {
            logger.error("calls: \(error)")
            return (after, false)
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

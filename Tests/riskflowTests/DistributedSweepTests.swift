import Foundation
import Logging
import PostgresNIO
import RiskflowCore
import RiskflowData
import RiskflowDistributed
import RiskflowResearch
import RiskflowTestSupport
import Testing

/// The PostgreSQL server the tests use: `RISKFLOW_TEST_POSTGRES` (`.ci/run` always starts
/// one and sets it; without it these tests are skipped).
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["RISKFLOW_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var isAvailable: Bool { url != nil }

    /// A fresh, empty database on the test server (one per test, so tests never share a
    /// queue), as a URL.
    static func freshDatabase() async throws -> String { try freshPostgresDatabase() }
}

@Suite("distributed sweeps on a PostgreSQL queue", .enabled(if: TestPostgres.isAvailable), .serialized)
struct DistributedSweepTests {
    static let logger = Logger(label: "test")

    @Test func claimsAreExclusiveLeasesExpireAndFailuresAreRecorded() async throws {
        let queue = try await JobQueue(url: try PostgresURL(try await TestPostgres.freshDatabase()))
        defer { queue.shutdown() }
        let id = try await queue.submit(SweepChunks.self, spec: [1, 2, 3], chunks: [(0, 10), (10, 10), (20, 5)])
        #expect(try await queue.spec(job: id) == [1, 2, 3])
        let start = try await queue.progress(job: id)
        #expect(start.total == 3 && start.done == 0 && start.failed == 0 && start.running == 0 && !start.isFinished)
        // Concurrent claims never get the same chunk.
        let claims = try await withThrowingTaskGroup(of: JobQueue.Claim?.self) { group in
            for k in 0..<5 { group.addTask { try await queue.claim(worker: "w\(k)", lease: 60) } }
            var out: [JobQueue.Claim] = []
            for try await c in group { if let c { out.append(c) } }
            return out
        }
        #expect(claims.count == 3)
        #expect(Set(claims.map(\.index)) == [0, 1, 2])
        #expect(try await queue.claim(worker: "late", lease: 60) == nil)
        let a = try #require(claims.first { $0.index == 0 }), b = try #require(claims.first { $0.index == 1 })
        let c = try #require(claims.first { $0.index == 2 })
        // Only the holder can complete or heartbeat.
        let workerOf = { (claim: JobQueue.Claim) async throws -> String in
            for k in 0..<5 where try await queue.heartbeat(claim, worker: "w\(k)", lease: 60) { return "w\(k)" }
            return ""
        }
        let wa = try await workerOf(a), wb = try await workerOf(b), wc = try await workerOf(c)
        #expect(!(try await queue.complete(a, worker: "intruder", result: [9])))
        #expect(try await queue.complete(a, worker: wa, result: [7, 7]))
        // A worker that stops heartbeating loses its chunk once the lease runs out.
        #expect(try await queue.heartbeat(b, worker: wb, lease: 0.2))
        try await Task.sleep(for: .milliseconds(400))
        let again = try #require(try await queue.claim(worker: "rescuer", lease: 60))
        #expect(again.index == 1 && again.attempts == 2)
        #expect(!(try await queue.complete(b, worker: wb, result: [1])), "the late result of the dead worker is refused")
        #expect(try await queue.complete(again, worker: "rescuer", result: [8]))
        // An error puts the chunk back; after max attempts it is failed with its error.
        try await queue.fail(c, worker: wc, error: "boom", maxAttempts: 2)
        let c2 = try #require(try await queue.claim(worker: "w9", lease: 60))
        #expect(c2.index == 2 && c2.attempts == 2)
        try await queue.fail(c2, worker: "w9", error: "boom again", maxAttempts: 2)
        let p = try await queue.progress(job: id)
        #expect(p.done == 2 && p.failed == 1 && p.isFinished && p.error == "boom again")
        #expect(try await queue.results(job: id) == [[7, 7], [8]])
    }

    /// A sweep home with the bundled data and `riskflow.toml`-free defaults.
    func cli() async throws -> CLI {
        let cli = try CLI()
        _ = try await cli.runDetached("data", "list")
        return cli
    }

    static let grid = ["--symbol", "BTC", "--lookbacks", "20:400:5", "--holds", "5:90:5", "--format", "json"]

    @Test func threeWorkersGiveTheLocalResultBitForBit() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try await cli()
        let local = try await cli.runDetached(["sweep"] + Self.grid)
        #expect(local.status == 0, "\(local.stderr)")
        // The sweep waits with no worker running, showing 0/N from the start.
        // The store and the queue in one PostgreSQL database: --db selects both.
        let sweep = try cli.start(["sweep"] + Self.grid + ["--distributed", "--db", url, "--chunk-size", "60"])
        let deadline = ContinuousClock.now + .seconds(300)
        while sweep.isRunning && !sweep.stderrSoFar.contains("0/") && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(sweep.stderrSoFar.contains("riskflow: 0/"), "\(sweep.stderrSoFar)")
        let workers = try (0..<3).map { _ in try cli.start(["worker", "--db", url, "--lease", "5s"]) }
        defer { for w in workers where w.isRunning { kill(w.process.processIdentifier, SIGKILL) } }
        let out = try await Self.wait(for: sweep)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == local.stdout, "distributed and local sweeps differ")
        let busy = workers.filter { $0.stderrSoFar.contains("done (") }.count
        #expect(busy >= 2, "the chunks were shared among the workers")
        for w in workers { kill(w.process.processIdentifier, SIGTERM) }
        for w in workers {
            w.process.waitUntilExit()
            #expect(w.process.terminationStatus == 0, "\(w.stderrSoFar)")
        }
    }

    @Test func aWorkerKilledMidChunkDoesNotChangeTheResult() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try await cli()
        let grid = ["--symbol", "BTC", "--lookbacks", "2:1500:1", "--holds", "1:60:1", "--no-pbo", "--format", "json"]
        let local = try await cli.runDetached(["sweep"] + grid)
        #expect(local.status == 0, "\(local.stderr)")
        let sweep = try cli.start(["sweep"] + grid + ["--distributed", "--queue", url, "--chunk-size", "15000"])
        // The victim takes the first chunk; kill -9 it the moment it says so (on the pipe's
        // thread, not after a poll: a 15,000-combo chunk takes it far longer to compute).
        let victim = try cli.start(["worker", "--queue", url, "--lease", "2s"])
        let pid = victim.process.processIdentifier
        victim.whenStderrContains(" claimed (") { kill(pid, SIGKILL) }
        // Generous: on a loaded machine (other suites run beside this one) the sweep
        // process can take a minute to load its data and submit the job.
        let deadline = ContinuousClock.now + .seconds(300)
        while victim.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if victim.isRunning { kill(pid, SIGKILL) }
        victim.process.waitUntilExit()
        #expect(victim.process.terminationReason == .uncaughtSignal)
        let claimed = victim.stderrSoFar.components(separatedBy: " claimed (").count - 1
        #expect(claimed == 1 && !victim.stderrSoFar.contains(" done ("), "the victim died holding its first chunk: \(victim.stderrSoFar)")
        let survivor = try cli.start(["worker", "--queue", url, "--lease", "2s"])
        defer { if survivor.isRunning { kill(survivor.process.processIdentifier, SIGKILL) } }
        let out = try await Self.wait(for: sweep)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == local.stdout, "a dead worker changed the result")
        // Stop the survivor and let both pipes drain: a worker's last "done" line can reach
        // the test after the sweep has already seen the chunk done in the queue.
        kill(survivor.process.processIdentifier, SIGTERM)
        survivor.process.waitUntilExit()
        func doneLines() -> Int {
            survivor.stderrSoFar.components(separatedBy: " done (").count - 1 + victim.stderrSoFar.components(separatedBy: " done (").count - 1
        }
        let drained = ContinuousClock.now + .seconds(10)
        while doneLines() < 6 && ContinuousClock.now < drained { try await Task.sleep(for: .milliseconds(50)) }
        #expect(doneLines() == 6, "every chunk done once, the dead worker's claim taken over")
    }

    /// `events --distributed`: the permutation and bootstrap draws computed by two workers
    /// on the queue give the local output byte for byte (p-values, bands, comparison).
    @Test func distributedEventDrawsGiveTheLocalResultBitForBit() async throws {
        let url = try await TestPostgres.freshDatabase()
        let cli = try await cli()
        let args = ["events", "--status", "all", "--draws", "3000", "--seed", "11", "--format", "json"]
        let local = try await cli.runDetached(args)
        #expect(local.status == 0, "\(local.stderr)")
        let events = try cli.start(args + ["--distributed", "--queue", url, "--chunk-size", "700"])
        let deadline = ContinuousClock.now + .seconds(120)
        while events.isRunning && !events.stderrSoFar.contains("0/") && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(events.stderrSoFar.contains("riskflow: 0/"), "\(events.stderrSoFar)")
        let workers = try (0..<2).map { _ in try cli.start(["worker", "--queue", url, "--lease", "10s"]) }
        defer { for w in workers where w.isRunning { kill(w.process.processIdentifier, SIGKILL) } }
        let out = try await Self.wait(for: events)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == local.stdout, "distributed and local event studies differ")
        #expect(local.stdout.contains("\"perm_p\" : 0.") || local.stdout.contains("\"perm_p\":0."), "the study has permutation p-values")
        for w in workers { kill(w.process.processIdentifier, SIGTERM) }
    }

    /// Waits for a started command and returns what it printed.
    static func wait(for p: CLI.Running) async throws -> CLI.Result {
        let deadline = ContinuousClock.now + .seconds(300)
        while p.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if p.isRunning { kill(p.process.processIdentifier, SIGKILL) }
        p.process.waitUntilExit()
        return CLI.Result(status: p.process.terminationStatus, stdout: p.stdoutSoFar, stderr: p.stderrSoFar)
    }
}

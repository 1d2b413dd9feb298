import Foundation
import Logging
import RiskflowStore
import RiskflowResearch
import RiskflowStats

/// `riskflow worker`: claims chunks from the queue and computes them until stopped,
/// waiting for work when there is none.
///
/// While a chunk computes, a heartbeat renews its lease every third of the lease; a worker
/// that dies (or stalls past the lease) loses the chunk to another worker, and its own
/// late result is refused. A chunk that throws is put back, then marked failed with its
/// error after `maxAttempts` tries.
public struct ChunkWorker: Sendable {
    public let queue: JobQueue
    public let name: String
    /// Seconds a claim lasts without a heartbeat.
    public let lease: Double
    public let maxAttempts: Int
    /// Seconds between looks at an empty queue.
    public let idle: Double
    let logger: Logger
    /// The kinds of job this worker runs, by their stored tag.
    public let computations: [String: any QueuedComputation.Type]

    /// The kinds every worker runs: sweeps and resampling draws.
    public static let standardComputations: [any QueuedComputation.Type] = [SweepChunks.self, DrawChunks.self]

    public init(
        queue: JobQueue, name: String, lease: Double = 30, maxAttempts: Int = 3, idle: Double = 0.5,
        computations: [any QueuedComputation.Type] = ChunkWorker.standardComputations, logger: Logger
    ) {
        self.computations = Dictionary(computations.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        self.queue = queue
        self.name = name
        self.lease = lease
        self.maxAttempts = maxAttempts
        self.idle = idle
        self.logger = logger
    }

    /// Runs until the task is cancelled. `onClaim` hears of each chunk claimed (before it
    /// computes), `onChunk` of each chunk done.
    public func run(
        onClaim: @escaping @Sendable (JobQueue.Claim) -> Void = { _ in }, onChunk: @escaping @Sendable (JobQueue.Claim) -> Void = { _ in }
    ) async throws {
        var prepared: [Int: any QueuedComputation] = [:]
        while !Task.isCancelled {
            guard let claim = try await queue.claim(worker: name, lease: lease) else {
                try await Task.sleep(for: .milliseconds(Int64(idle * 1000)))
                continue
            }
            if claim.attempts > maxAttempts {
                try await queue.fail(claim, worker: name, error: "its workers stopped heartbeating \(claim.attempts - 1) times", maxAttempts: maxAttempts)
                continue
            }
            onClaim(claim)
            do {
                let computation: any QueuedComputation
                if let c = prepared[claim.jobID] {
                    computation = c
                } else {
                    guard let type = computations[claim.kind] else {
                        throw SweepError(.badRange, "unknown job kind '\(claim.kind)' (this worker runs: \(computations.keys.sorted().joined(separator: ", ")))")
                    }
                    computation = try type.init(spec: try await queue.spec(job: claim.jobID))
                    prepared[claim.jobID] = computation
                }
                let result = try await computeWithHeartbeat(claim) { try computation.evaluate(first: claim.first, count: claim.count) }
                if try await queue.complete(claim, worker: name, result: result) {
                    onChunk(claim)
                } else {
                    logger.warning("chunk \(claim.jobID)/\(claim.index): the lease ran out before it finished; another worker has it")
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.error("chunk \(claim.jobID)/\(claim.index) failed: \(error)")
                try await queue.fail(claim, worker: name, error: "\(error)", maxAttempts: maxAttempts)
            }
        }
    }

    /// Runs `work` on its own thread while a heartbeat renews the lease.
    func computeWithHeartbeat(_ claim: JobQueue.Claim, _ work: @escaping @Sendable () throws -> [UInt8]) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                try await withCheckedThrowingContinuation { c in
                    Thread { c.resume(with: Result { try work() }) }.start()
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: .milliseconds(Int64(lease * 1000 / 3)))
                    guard try await queue.heartbeat(claim, worker: name, lease: lease) else { return nil }
                }
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            return []
        }
    }
}

import Foundation
import Logging
import RiskflowCore
import RiskflowStore
import RiskflowResearch

/// The submitting side of a distributed sweep: the grid goes to the queue as chunks,
/// the workers compute them, and the result is assembled here — the same value, bit for
/// bit, as `SweepJob.run` on one machine.
public struct DistributedSweep: Sendable {
    public let queue: JobQueue
    /// Combos per chunk.
    public let chunkSize: Int
    /// Claims of a chunk before it is failed (workers that keep dying on it).
    public let maxAttempts: Int

    public init(queue: JobQueue, chunkSize: Int = 5_000, maxAttempts: Int = 3) {
        self.queue = queue
        self.chunkSize = chunkSize
        self.maxAttempts = maxAttempts
    }

    /// Submits `plan`, waits (however long it takes, with or without workers) until every
    /// chunk is done, and assembles the result. `progress` hears (chunks done, chunks) at
    /// the start and whenever it changes.
    /// - Throws: ``SweepError`` naming the first failed chunk's error.
    public func run(_ job: SweepJob, plan: SweepPlan, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> SweepResult {
        let ranges = plan.chunkRanges(size: chunkSize)
        let results = try await QueuedJob.run(
            on: queue, kind: SweepChunks.self, label: "distributed sweep", spec: try SweepWire.encode(plan.spec), chunks: ranges,
            maxAttempts: maxAttempts, progress: progress)
        return try job.assemble(plan, chunks: try results.map { try SweepWire.decode(chunk: $0) })
    }
}

import Foundation
import Logging
import RiskflowCore
import RiskflowData
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
        let id = try await queue.submit(kind: "sweep", spec: try SweepWire.encode(plan.spec), chunks: ranges)
        progress(0, ranges.count)
        var last = 0
        while true {
            try await queue.failExhausted(maxAttempts: maxAttempts)
            let p = try await queue.progress(job: id)
            if p.done != last {
                last = p.done
                progress(p.done, p.total)
            }
            if p.failed > 0 {
                throw SweepError(.badRange, "distributed sweep job \(id): \(p.failed) chunk(s) failed: \(p.error ?? "unknown error")")
            }
            if p.isFinished { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let chunks = try await queue.results(job: id).map { try SweepWire.decode(chunk: $0) }
        let result = try job.assemble(plan, chunks: chunks)
        try await queue.remove(job: id)
        return result
    }
}

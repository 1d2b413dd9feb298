import RiskflowStore
import RiskflowResearch

/// The submitting side every distributed job shares: put the job and its chunks on the
/// queue, wait (however long it takes, with or without workers) until every chunk is done,
/// fail expired claims past `maxAttempts` meanwhile, and hand back the chunks' results in
/// chunk order (the job is then removed from the queue).
enum QueuedJob {
    /// - Parameter progress: hears (chunks done, chunks) at the start and whenever it changes.
    /// - Throws: ``SweepError`` naming `label` and the first failed chunk's error.
    static func run(
        on queue: JobQueue, kind: (some QueuedComputation).Type, label: String, spec: [UInt8], chunks: [(first: Int, count: Int)], maxAttempts: Int,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [[UInt8]] {
        let id = try await queue.submit(kind, spec: spec, chunks: chunks)
        progress(0, chunks.count)
        var last = 0
        while true {
            try await queue.failExhausted(maxAttempts: maxAttempts)
            let p = try await queue.progress(job: id)
            if p.done != last {
                last = p.done
                progress(p.done, p.total)
            }
            if p.failed > 0 {
                throw SweepError(.badRange, "\(label) job \(id): \(p.failed) chunk(s) failed: \(p.error ?? "unknown error")")
            }
            if p.isFinished { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let results = try await queue.results(job: id)
        guard results.count == chunks.count else {
            throw SweepError(.badRange, "\(label) job \(id): \(results.count) results for \(chunks.count) chunks")
        }
        try await queue.remove(job: id)
        return results
    }
}

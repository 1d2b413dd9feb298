import Foundation
import RiskflowCore
import RiskflowDistributed
import RiskflowResearch
import RiskflowStats
import RiskflowStore

/// Where the heavy jobs (a parameter sweep, an event study's resampling draws) run: here,
/// on this machine's cores (``LocalExecutor``), or in chunks on a PostgreSQL work queue
/// that `riskflow worker` processes anywhere drain (``QueuedExecutor``). Both give the
/// same result value bit for bit; the command line and the server pick one and call it
/// the same way.
public protocol JobExecutor: Sendable {
    /// The sweep's result on `data` (its inputs as of the day).
    func run(_ job: SweepJob, data: MarketData, progress: @escaping @Sendable (ExecutionProgress) -> Void) async throws -> SweepResult
    /// The event study's result on `data`.
    func run(_ job: EventsJob, data: MarketData, progress: @escaping @Sendable (ExecutionProgress) -> Void) async throws
        -> EventStudyResult
}

/// How far a job is: `done` of `total` units (combos locally, chunks on the queue).
public struct ExecutionProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    /// `combos` or `chunks`.
    public var unit: String
}

/// Runs jobs in this process, parallel across its cores.
public struct LocalExecutor: JobExecutor {
    public init() {}

    public func run(_ job: SweepJob, data: MarketData, progress: @escaping @Sendable (ExecutionProgress) -> Void) async throws -> SweepResult {
        try job.run(data) { done, total in progress(ExecutionProgress(done: done, total: total, unit: "combos")) }
    }

    public func run(_ job: EventsJob, data: MarketData, progress: @escaping @Sendable (ExecutionProgress) -> Void) async throws
        -> EventStudyResult
    {
        try job.run(data)
    }
}

/// Runs jobs as chunks on the PostgreSQL queue at `url` and waits for the workers.
public struct QueuedExecutor: JobExecutor {
    public var url: String
    /// Units per chunk: sweep combos, or resampling draws.
    public var chunkSize: Int

    public init(url: String, chunkSize: Int) {
        self.url = url
        self.chunkSize = chunkSize
    }

    public func run(_ job: SweepJob, data: MarketData, progress: @escaping @Sendable (ExecutionProgress) -> Void) async throws -> SweepResult {
        let plan = try job.prepare(data)
        let queue = try await JobQueue(url: try PostgresURL(url))
        defer { queue.shutdown() }
        return try await DistributedSweep(queue: queue, chunkSize: chunkSize).run(job, plan: plan) { done, total in
            progress(ExecutionProgress(done: done, total: total, unit: "chunks"))
        }
    }

    /// Runs the study twice over the same data: once recording its resampling problems
    /// (placeholders for their answers), whose draws the workers then compute, and once
    /// replaying the assembled answers — the result is the local one, bit for bit.
    public func run(_ job: EventsJob, data: MarketData, progress: @escaping @Sendable (ExecutionProgress) -> Void) async throws
        -> EventStudyResult
    {
        var recorder = DrawSource.recording()
        _ = try job.run(data, draws: &recorder)
        let problems = recorder.problems
        let queue = try await JobQueue(url: try PostgresURL(url))
        defer { queue.shutdown() }
        let answers = try await DistributedDraws(queue: queue, chunkSize: chunkSize).solve(problems) { done, total in
            progress(ExecutionProgress(done: done, total: total, unit: "chunks"))
        }
        var replay = DrawSource.replaying(problems, answers: answers)
        let result = try job.run(data, draws: &replay)
        guard !replay.mismatched else {
            throw ExecutionError(
                .mismatchedAnswers, "the queue's answers do not match this study's draws (\(answers.count) answers for \(problems.count) problems); run it again")
        }
        return result
    }
}

/// A failure of a job's execution on the queue.
public typealias ExecutionError = CodedError<ExecutionErrorCode>

public enum ExecutionErrorCode: String, Sendable {
    /// The assembled chunk answers do not belong to the job that asked (a queue shared by
    /// mismatched versions, or rows changed underneath).
    case mismatchedAnswers = "mismatched_answers"
}

extension RiskflowStore {
    /// Loads a job's inputs as of `asOf` after checking its required series exist.
    public func inputs<J: Job>(of job: J, asOf: Day) async throws -> MarketData {
        for id in job.required { _ = try await metadata(id) }
        return try await marketData(for: job.inputs, asOf: asOf)
    }
}

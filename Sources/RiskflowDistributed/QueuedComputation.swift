import RiskflowResearch
import RiskflowStats

/// A kind of job the queue runs in chunks, registered by type: the tag stored with its
/// jobs, how a worker reads a job's spec, and how it computes one chunk. The submitting
/// side names the type (``JobQueue/submit(_:spec:chunks:)``); a worker looks the tag up in
/// its registry (``ChunkWorker/computations``), so a new kind is one conforming type.
public protocol QueuedComputation: Sendable {
    /// The tag stored with each job of this kind (`riskflow_job.kind`).
    static var kind: String { get }
    /// Decodes a job's spec (once per job on each worker).
    init(spec: [UInt8]) throws
    /// The answer bytes of the units `first ..< first + count`.
    func evaluate(first: Int, count: Int) throws -> [UInt8]
}

/// A sweep's combos: a chunk is a range of combo indices, its answer their outcomes.
public struct SweepChunks: QueuedComputation {
    public static let kind = "sweep"
    public let plan: SweepPlan

    public init(spec: [UInt8]) throws { plan = SweepPlan(spec: try SweepWire.decode(SweepSpec.self, spec)) }

    public func evaluate(first: Int, count: Int) throws -> [UInt8] {
        SweepWire.encode(chunk: plan.evaluate(first: first, count: count))
    }
}

/// An event study's resampling draws: a chunk is a range of draws of one problem.
public struct DrawChunks: QueuedComputation {
    public static let kind = "draws"
    public let problems: [DrawProblem]

    public init(spec: [UInt8]) throws { problems = try SweepWire.decode([DrawProblem].self, spec) }

    public func evaluate(first: Int, count: Int) throws -> [UInt8] {
        DrawWire.encode(try DistributedDraws.evaluate(problems, first: first, count: count))
    }
}

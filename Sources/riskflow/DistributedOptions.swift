import ArgumentParser
import RiskflowRuntime

/// What a command splits into chunks on the queue: its `--distributed` help, its chunk
/// unit and default chunk size.
protocol DistributedWork {
    static var distributedHelp: String { get }
    /// "draws", "combos".
    static var unit: String { get }
    static var defaultChunkSize: Int { get }
}

/// `events`' permutation and bootstrap draws.
enum DistributedDrawsWork: DistributedWork {
    static let distributedHelp = "Compute the permutation and bootstrap draws on the PostgreSQL queue (--db postgres://…, or --queue) by `riskflow worker` processes; the output is identical."
    static let unit = "draws"
    static let defaultChunkSize = 2_500
}

/// `sweep`'s grid of combos.
enum DistributedSweepWork: DistributedWork {
    static let distributedHelp = "Split the grid into chunks on the PostgreSQL queue (--db postgres://…, or --queue) for `riskflow worker` processes."
    static let unit = "combos"
    static let defaultChunkSize = 5_000
}

/// `--distributed`, `--queue` and `--chunk-size` of a command whose work can run on the
/// PostgreSQL queue, and the executor they choose.
struct DistributedOptions<Work: DistributedWork>: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(Work.distributedHelp))
    var distributed = false

    @OptionGroup var queue: QueueOptions

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("--distributed: \(Work.unit) per chunk."))
    var chunkSize = Work.defaultChunkSize

    /// Checks the chunk size, and that `--distributed` has a queue (the store `store` or
    /// `--queue`); call from the command's `validate()` (an option group cannot see `--db`).
    func validate(store: String?) throws {
        guard chunkSize >= 1 else { throw ValidationError("--chunk-size must be at least 1") }
        if distributed && queue.url(store: store) == nil {
            throw ValidationError("--distributed " + QueueOptions.missing)
        }
    }

    /// On the queue with `--distributed`, else here.
    func executor(store: String?) -> any JobExecutor {
        if distributed, let url = queue.url(store: store) { return QueuedExecutor(url: url, chunkSize: chunkSize) }
        return LocalExecutor()
    }
}

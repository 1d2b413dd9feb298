import ArgumentParser
import Foundation
import Logging
import RiskflowData
import RiskflowDistributed

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Compute chunks of distributed sweeps from a PostgreSQL queue until stopped.",
        discussion: """
            Claims chunks with SELECT … FOR UPDATE SKIP LOCKED, renews each claim's lease while \
            computing (a chunk whose worker stops heartbeating for longer than --lease is claimed \
            again by another), and writes the chunk's result in the same statement that marks it \
            done. Waits for work when there is none. Run one per machine (each chunk already uses \
            every core), or --concurrency N for small chunks. SIGINT/SIGTERM stops it; a chunk in \
            progress is then picked up by another worker once its lease runs out.

            Workers read no store: a job on the queue carries its inputs.

            Examples:
              riskflow worker --db postgres://riskflow@db.example:5432/riskflow
              RISKFLOW_DB=postgres://riskflow@127.0.0.1/riskflow riskflow worker --lease 60s --concurrency 2
            """
    )

    @Option(name: .long, help: "The PostgreSQL database whose queue to work on: postgres://user@host:port/db (default: $RISKFLOW_DB).")
    var db: String?

    @OptionGroup var queue: QueueOptions

    /// The queue: `--queue`/`$RISKFLOW_QUEUE`, else `--db`/`$RISKFLOW_DB`.
    var queueURL: String? {
        queue.url(store: db ?? ProcessInfo.processInfo.environment["RISKFLOW_DB"].flatMap { $0.isEmpty ? nil : $0 })
    }

    @Option(name: .long, help: "Chunks computed at once.")
    var concurrency = 1

    @Option(name: .long, help: "How long a claim lasts without a heartbeat: 30s, 2m…")
    var lease = "30s"

    @Option(name: .customLong("max-attempts"), help: "Claims of a chunk before it is marked failed.")
    var maxAttempts = 3

    var leaseSeconds: Double {
        get throws {
            guard let x = DurationText.seconds(lease), x >= 1 else {
                throw ValidationError("--lease: '\(lease)' is not a duration like 30s or 2m (at least 1 s)")
            }
            return x
        }
    }

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        _ = try leaseSeconds
        guard queueURL != nil else { throw ValidationError("worker " + QueueOptions.missing) }
    }

    func run() async throws {
        var logger = Logger(label: "riskflow.worker")
        logger.logLevel = .info
        guard let queueURL else { throw ValidationError("worker " + QueueOptions.missing) }
        let q = try await JobQueue(url: try PostgresURL(queueURL))
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        let lease = try leaseSeconds
        FileHandle.standardError.write(Data("riskflow: worker \(host):\(pid) on \(q.url), lease \(Int(lease)) s\n".utf8))
        let signals = [SIGINT, SIGTERM].map { sig -> any DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig)
            s.resume()
            return s
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for k in 0..<concurrency {
                let worker = ChunkWorker(queue: q, name: "\(host):\(pid):\(k)", lease: lease, maxAttempts: maxAttempts, logger: logger)
                group.addTask {
                    try await worker.run(
                        onClaim: { claim in
                            FileHandle.standardError.write(Data("riskflow: chunk \(claim.jobID)/\(claim.index) claimed (\(claim.count) combos)\n".utf8))
                        },
                        onChunk: { claim in
                            FileHandle.standardError.write(Data("riskflow: chunk \(claim.jobID)/\(claim.index) done (\(claim.count) combos)\n".utf8))
                        })
                }
            }
            let (stream, stop) = AsyncStream<Void>.makeStream()
            for s in signals { s.setEventHandler { stop.yield() } }
            group.addTask { for await _ in stream { return } }
            _ = try await group.next()
            group.cancelAll()
        }
        q.shutdown()
        FileHandle.standardError.write(Data("riskflow: worker stopped\n".utf8))
    }
}

import Foundation
import Logging
import NIOCore
import PostgresNIO
import RiskflowStore

/// A queue of job chunks in PostgreSQL, shared by the process that submits a job and the
/// worker processes (on any machine) that compute its chunks.
///
/// Tables: `riskflow_job(id, kind, spec, chunks, created_at)` holds what every chunk
/// needs (the inputs, so workers never read the store), `job_chunk(job_id, idx, first,
/// count, status, worker, lease_until, heartbeat_at, attempts, error, result)` one row per
/// chunk. Workers claim a chunk with `SELECT … FOR UPDATE SKIP LOCKED` (no two get the
/// same one, none waits on another's lock), renew its lease while computing, and write its
/// result in the same `UPDATE` that marks it done. A chunk whose lease ran out (its
/// worker died or stalled) is claimed again; after `maxAttempts` claims, or on an error, it
/// is marked failed with the error.
public final class JobQueue: Sendable {
    /// A claimed chunk.
    public struct Claim: Sendable, Equatable {
        public var jobID: Int
        public var index: Int
        public var first: Int
        public var count: Int
        /// Claims so far, this one included.
        public var attempts: Int
        public var kind: String
    }

    /// Where a job stands.
    public struct Progress: Sendable, Equatable {
        public var total: Int
        public var done: Int
        public var failed: Int
        public var running: Int
        /// The first failed chunk's error.
        public var error: String?
        public var isFinished: Bool { done + failed == total }
    }

    public let url: PostgresURL
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger

    /// Connects (lazily: the first query opens a connection) and creates the tables when missing.
    /// - Throws: ``StoreError`` (`cannotOpen`) naming the server when it cannot be reached.
    public init(url: PostgresURL, logger: Logger = Logger(label: "riskflow.queue")) async throws {
        try await url.checkReachable()
        self.url = url
        self.logger = logger
        let client = PostgresClient(configuration: url.configuration)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            runner.cancel()
            throw StoreError(.cannotOpen, "cannot use the PostgreSQL database \(url): \(Self.describe(error))", underlying: error)
        }
    }

    /// Closes the connections.
    public func shutdown() { runner.cancel() }

    static func describe(_ error: any Error) -> String { PostgresURL.describe(error) }

    func migrate() async throws {
        try await client.withTransaction(logger: logger) { c in
            // One migrating process at a time.
            try await c.query("SELECT pg_advisory_xact_lock(727001)", logger: logger)
            try await c.query(
                """
                CREATE TABLE IF NOT EXISTS riskflow_job (
                    id bigserial PRIMARY KEY,
                    kind text NOT NULL,
                    spec bytea NOT NULL,
                    chunks bigint NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            try await c.query(
                """
                CREATE TABLE IF NOT EXISTS job_chunk (
                    job_id bigint NOT NULL REFERENCES riskflow_job(id) ON DELETE CASCADE,
                    idx bigint NOT NULL,
                    first bigint NOT NULL,
                    count bigint NOT NULL,
                    status text NOT NULL DEFAULT 'pending',
                    worker text,
                    lease_until timestamptz,
                    heartbeat_at timestamptz,
                    attempts bigint NOT NULL DEFAULT 0,
                    error text,
                    result bytea,
                    PRIMARY KEY (job_id, idx)
                )
                """, logger: logger)
            // Results are doubles by their bits: incompressible, so stored without trying.
            try await c.query("ALTER TABLE job_chunk ALTER COLUMN result SET STORAGE EXTERNAL", logger: logger)
            try await c.query(
                "CREATE INDEX IF NOT EXISTS job_chunk_claimable ON job_chunk (status, lease_until) WHERE status IN ('pending', 'running')",
                logger: logger)
        }
    }

    /// Stores a job and its chunks (`(first, count)` ranges) in one transaction; returns its id.
    public func submit<C: QueuedComputation>(_ computation: C.Type, spec: [UInt8], chunks: [(first: Int, count: Int)]) async throws -> Int {
        let kind = C.kind
        return try await client.withTransaction(logger: logger) { c in
            let rows = try await c.query(
                "INSERT INTO riskflow_job (kind, spec, chunks) VALUES (\(kind), \(ByteBuffer(bytes: spec)), \(chunks.count)) RETURNING id",
                logger: logger)
            var id = 0
            for try await (value) in rows.decode(Int.self) { id = value }
            // Batched inserts: a million-combo sweep has a few hundred chunks.
            var start = 0
            while start < chunks.count {
                let end = min(chunks.count, start + 500)
                var query = PostgresQuery(unsafeSQL: "INSERT INTO job_chunk (job_id, idx, first, count) VALUES ")
                var binds = PostgresBindings()
                var values: [String] = []
                for i in start..<end {
                    let n = binds.count
                    values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4))")
                    binds.append(id)
                    binds.append(i)
                    binds.append(chunks[i].first)
                    binds.append(chunks[i].count)
                }
                query = PostgresQuery(unsafeSQL: query.sql + values.joined(separator: ", "), binds: binds)
                try await c.query(query, logger: logger)
                start = end
            }
            return id
        }
    }

    /// The spec of a job (what its chunks need).
    public func spec(job id: Int) async throws -> [UInt8] {
        let rows = try await client.query("SELECT spec FROM riskflow_job WHERE id = \(id)", logger: logger)
        for try await (buffer) in rows.decode(ByteBuffer.self) { return Array(buffer.readableBytesView) }
        throw StoreError(.readFailed, "no job \(id) in \(url)")
    }

    /// Claims the next pending chunk, or one whose lease ran out, for `worker`, leased for
    /// `lease` seconds. `nil` when there is none.
    public func claim(worker: String, lease: Double) async throws -> Claim? {
        let rows = try await client.query(
            """
            UPDATE job_chunk c SET status = 'running', worker = \(worker), lease_until = now() + make_interval(secs => \(lease)),
                heartbeat_at = now(), attempts = c.attempts + 1
            FROM (SELECT job_id, idx FROM job_chunk
                  WHERE status = 'pending' OR (status = 'running' AND lease_until < now())
                  ORDER BY job_id, idx LIMIT 1 FOR UPDATE SKIP LOCKED) n, riskflow_job j
            WHERE c.job_id = n.job_id AND c.idx = n.idx AND j.id = c.job_id
            RETURNING c.job_id, c.idx, c.first, c.count, c.attempts, j.kind
            """, logger: logger)
        for try await (job, idx, first, count, attempts, kind) in rows.decode((Int, Int, Int, Int, Int, String).self) {
            return Claim(jobID: job, index: idx, first: first, count: count, attempts: attempts, kind: kind)
        }
        return nil
    }

    /// Extends the lease of a chunk `worker` holds; `false` when it no longer holds it
    /// (its lease ran out and another worker claimed it).
    public func heartbeat(_ claim: Claim, worker: String, lease: Double) async throws -> Bool {
        let rows = try await client.query(
            """
            UPDATE job_chunk SET lease_until = now() + make_interval(secs => \(lease)), heartbeat_at = now()
            WHERE job_id = \(claim.jobID) AND idx = \(claim.index) AND worker = \(worker) AND status = 'running'
            RETURNING idx
            """, logger: logger)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    /// Writes a chunk's result and marks it done in one statement; `false` (and nothing
    /// written) when `worker` no longer holds it.
    @discardableResult
    public func complete(_ claim: Claim, worker: String, result: [UInt8]) async throws -> Bool {
        let rows = try await client.query(
            """
            UPDATE job_chunk SET status = 'done', result = \(ByteBuffer(bytes: result)), lease_until = NULL, error = NULL
            WHERE job_id = \(claim.jobID) AND idx = \(claim.index) AND worker = \(worker) AND status = 'running'
            RETURNING idx
            """, logger: logger)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    /// Records a failed attempt: the chunk is pending again, or failed for good once it has
    /// been tried `maxAttempts` times.
    public func fail(_ claim: Claim, worker: String, error: String, maxAttempts: Int) async throws {
        let final = claim.attempts >= maxAttempts
        try await client.query(
            """
            UPDATE job_chunk SET status = \(final ? "failed" : "pending"), error = \(error), lease_until = NULL
            WHERE job_id = \(claim.jobID) AND idx = \(claim.index) AND worker = \(worker) AND status = 'running'
            """, logger: logger)
    }

    /// Marks failed every running chunk whose lease ran out after `maxAttempts` claims
    /// (its workers keep dying on it).
    public func failExhausted(maxAttempts: Int) async throws {
        try await client.query(
            """
            UPDATE job_chunk SET status = 'failed', error = 'its worker stopped heartbeating ' || attempts || ' times'
            WHERE status = 'running' AND lease_until < now() AND attempts >= \(maxAttempts)
            """, logger: logger)
    }

    public func progress(job id: Int) async throws -> Progress {
        let rows = try await client.query(
            """
            SELECT count(*), count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'failed'),
                   count(*) FILTER (WHERE status = 'running'),
                   (SELECT error FROM job_chunk WHERE job_id = \(id) AND status = 'failed' ORDER BY idx LIMIT 1)
            FROM job_chunk WHERE job_id = \(id)
            """, logger: logger)
        for try await (total, done, failed, running, error) in rows.decode((Int, Int, Int, Int, String?).self) {
            return Progress(total: total, done: done, failed: failed, running: running, error: error)
        }
        return Progress(total: 0, done: 0, failed: 0, running: 0, error: nil)
    }

    /// The results of a finished job's chunks, by chunk index.
    public func results(job id: Int) async throws -> [[UInt8]] {
        let rows = try await client.query(
            "SELECT result FROM job_chunk WHERE job_id = \(id) AND status = 'done' ORDER BY idx", logger: logger)
        var out: [[UInt8]] = []
        for try await (buffer) in rows.decode(ByteBuffer.self) { out.append(Array(buffer.readableBytesView)) }
        return out
    }

    /// Deletes a job and its chunks (after assembly).
    public func remove(job id: Int) async throws {
        try await client.query("DELETE FROM riskflow_job WHERE id = \(id)", logger: logger)
    }
}

import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// Blocking access to one PostgreSQL database, for the store's synchronous interface:
/// a small pool of connections on riskflow's own event loop, so a caller on any thread
/// (the command line, the server's blocking pool, a test) waits for its query without ever
/// blocking an event loop that the query itself needs.
///
/// Every query goes through ``query(_:_:)`` and every multi-statement unit through
/// ``transaction(_:)`` (read-write, READ COMMITTED with explicit row locks where it matters)
/// or ``snapshot(_:)`` (REPEATABLE READ READ ONLY: several reads see one state of the
/// database, as SQLite's read transaction does). A failed query names the database and
/// the server's message. A connection that broke is dropped, never reused.
final class PostgresSession: Sendable {
    /// riskflow's PostgreSQL event loop, shared by every session of the process.
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// Idle connections kept for reuse; more are opened on demand and closed when returned.
    static let maxIdle = 8

    let url: PostgresURL
    let readOnly: Bool
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)

    init(url: PostgresURL, readOnly: Bool, logger: Logger = Logger(label: "riskflow.store.postgres")) {
        self.url = url
        self.readOnly = readOnly
        self.logger = logger
    }

    deinit {
        for c in idle.withLock({ $0 }) { Self.close(c) }
    }

    /// Closes a connection in the background, keeping it alive until it is closed.
    private static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Opens a connection; a read-only session makes every transaction on it read-only, so
    /// the server's API connection can never write.
    private func connect() throws -> PostgresConnection {
        var c = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: url.requireTLS ? .require(try .init(configuration: .makeClientConfiguration())) : .disable)
        c.options.connectTimeout = .seconds(10)
        do {
            let id = nextID.add(1, ordering: .relaxed).oldValue
            let connection = try PostgresConnection.connect(on: Self.eventLoops.next(), configuration: c, id: id, logger: logger).wait()
            if readOnly {
                _ = try connection.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", logger: logger).wait()
            }
            return connection
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to the store \(url): \(JobQueue.describe(error))", underlying: error)
        }
    }

    /// Runs `body` with a connection of the pool (opened when none is idle).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? connect()
        defer {
            if connection.isClosed {
                // Broken: dropped.
            } else if !idle.withLock({ pool in pool.count < Self.maxIdle ? (pool.append(connection), true).1 : false }) {
                Self.close(connection)
            }
        }
        return try body(connection)
    }

    /// Runs one statement and collects its rows.
    /// - Throws: ``StoreError`` (`readFailed`) naming the database and the server's message.
    @discardableResult
    func query(_ connection: PostgresConnection, _ q: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try connection.query(q, logger: logger).wait()
        } catch {
            throw StoreError(.readFailed, "the store \(url): \(JobQueue.describe(error))", underlying: error)
        }
    }

    /// Runs `body` in one read-write transaction: committed when it returns, rolled back
    /// when it throws (or the process dies), so a write is all or nothing.
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { c in
            try query(c, "BEGIN")
            do {
                let result = try body(c)
                try query(c, "COMMIT")
                return result
            } catch {
                _ = try? query(c, "ROLLBACK")
                throw Self.asWriteError(error)
            }
        }
    }

    /// Runs `body` in one REPEATABLE READ, READ ONLY transaction: every read in it sees
    /// the same committed state.
    func snapshot<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { c in
            try query(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? query(c, "COMMIT") }
            return try body(c)
        }
    }

    /// A store failure inside a write is a `writeFailed` (the transaction was rolled back).
    private static func asWriteError(_ error: any Error) -> any Error {
        guard let e = error as? StoreError, e.code == .readFailed else { return error }
        return StoreError(.writeFailed, e.message + " (nothing was written)", underlying: e.underlying)
    }
}

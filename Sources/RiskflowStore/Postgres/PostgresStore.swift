import Foundation
import Logging
import NIOCore
import PostgresNIO
import RiskflowCore

/// The store on PostgreSQL, through a `PostgresClient` (postgres-nio's connection pool,
/// async all the way): the same tables (``StoreCatalogue``), statements (``StoreSQL``) and
/// answers as ``SQLiteStore``, so `data migrate` copies either way and every command reads
/// the same answers from both.
///
/// Writes are one transaction each, with the series row locked (`FOR UPDATE`) while its
/// observations change, so two machines syncing the same series queue up instead of
/// interleaving. Reads of several series run in one REPEATABLE READ snapshot. A read-only
/// store's connections start with `default_transaction_read_only`, so the server's API
/// connection can never write.
public final class PostgresStore: RiskflowStore {
    public let url: PostgresURL
    public var path: String { url.description }
    public let location: String
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger = Logger(label: "riskflow.store.postgres")

    /// Connects and applies pending migrations (under an advisory lock: several processes
    /// may start at once). A read-only store only checks that the schema is current.
    /// - Throws: ``StoreError`` (`cannotOpen`) naming the database.
    public init(url: PostgresURL, location: String? = nil, readOnly: Bool = false) async throws {
        try await url.checkReachable()
        self.url = url
        self.location = location ?? url.description
        var configuration = url.configuration
        if readOnly { configuration.options.additionalStartupParameters = [("default_transaction_read_only", "on")] }
        let client = PostgresClient(configuration: configuration)
        self.client = client
        runner = Task { await client.run() }
        do {
            if readOnly {
                let version = try await snapshot { c in try await PostgresStoreSchema.version(self, c) }
                guard version == PostgresStoreSchema.migrations.count else {
                    throw StoreError(.cannotOpen, "the store \(url) is not migrated to this version; run any riskflow command on it first")
                }
            } else {
                try await transaction { c in try await PostgresStoreSchema.migrate(self, c) }
            }
        } catch let e as StoreError {
            runner.cancel()
            throw e.code == .cannotOpen ? e : StoreError(.cannotOpen, "cannot open the store \(url): \(e.message)", underlying: e)
        }
    }

    deinit { runner.cancel() }

    // MARK: - Statements of StoreSQL

    /// Runs one of ``StoreSQL``'s queries (`?` placeholders) and returns its rows.
    /// - Throws: ``StoreError`` (`readFailed`) naming the database and the server's message.
    func rows(_ c: PostgresConnection, _ sql: String, _ arguments: [StoreValue] = []) async throws -> [[StoreValue]] {
        try await query(c, Self.statement(sql, arguments)).map { row in try row.map(Self.value) }
    }

    /// Runs one statement (its rows, if any, are not decoded).
    func execute(_ c: PostgresConnection, _ sql: String, _ arguments: [StoreValue] = []) async throws {
        _ = try await query(c, Self.statement(sql, arguments))
    }

    /// A ``StoreSQL`` statement with its `?` numbered and its arguments bound.
    static func statement(_ sql: String, _ arguments: [StoreValue]) -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for a in arguments {
            switch a {
            case .int(let i): binds.append(Int(i))
            case .real(let d): binds.append(d)
            case .text(let s): binds.append(s)
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: StoreSQL.numbered(sql), binds: binds)
    }

    /// Runs a query built with binds (the array-valued hot paths).
    func query(_ c: PostgresConnection, _ q: PostgresQuery) async throws -> [PostgresRow] {
        do {
            var out: [PostgresRow] = []
            for try await row in try await c.query(q, logger: logger) { out.append(row) }
            return out
        } catch {
            throw StoreError(.readFailed, "the store \(url): \(PostgresURL.describe(error))", underlying: error)
        }
    }

    static func value(_ cell: PostgresCell) throws -> StoreValue {
        switch cell.dataType {
        case .int8: return try cell.decode(Int?.self).map { .int(Int64($0)) } ?? .null
        case .int4: return try cell.decode(Int32?.self).map { .int(Int64($0)) } ?? .null
        case .int2: return try cell.decode(Int16?.self).map { .int(Int64($0)) } ?? .null
        case .bool: return try cell.decode(Bool?.self).map { .int($0 ? 1 : 0) } ?? .null
        case .float8, .float4: return try cell.decode(Double?.self).map { .real($0) } ?? .null
        case .text, .varchar, .name, .bpchar: return try cell.decode(String?.self).map { .text($0) } ?? .null
        default:
            throw StoreError(.unknownValue, "the store returned a column \(cell.columnName) of an unexpected type \(cell.dataType)")
        }
    }

    /// Runs `body` in one read-write transaction: committed when it returns, rolled back
    /// when it throws (or the process dies), so a write is all or nothing.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { c in try await body(c) }
        } catch let e as PostgresTransactionError {
            let inner = e.closureError ?? e.commitError ?? e.beginError ?? e
            if let s = inner as? StoreError {
                throw s.code == .readFailed ? StoreError(.writeFailed, s.message + " (nothing was written)", underlying: s.underlying) : s
            }
            throw StoreError(.writeFailed, "the store \(url): \(PostgresURL.describe(inner)) (nothing was written)", underlying: inner)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.writeFailed, "the store \(url): \(PostgresURL.describe(error)) (nothing was written)", underlying: error)
        }
    }

    /// Runs `body` in one REPEATABLE READ, READ ONLY transaction: every read in it sees the
    /// same committed state.
    func snapshot<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { c in
                try await execute(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    let result = try await body(c)
                    try await execute(c, "COMMIT")
                    return result
                } catch {
                    try? await execute(c, "ROLLBACK")
                    throw error
                }
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.readFailed, "the store \(url): \(PostgresURL.describe(error))", underlying: error)
        }
    }

    static func day(_ raw: Int) -> Day { Day(rawValue: Int32(truncatingIfNeeded: raw)) }

    /// `NaN` stands for "missing" in riskflow's columns and is stored as NULL.
    static let nanToNull = "'NaN'::float8"
}

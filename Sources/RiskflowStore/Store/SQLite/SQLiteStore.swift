import Foundation
import GRDB
import GRDBSQLite
import RiskflowCore

/// The store in a SQLite file, through a GRDB `DatabasePool` (WAL journal: readers keep
/// reading the previous data while a write is in progress; migrated on open by
/// ``StoreSchema``). Every write is one `pool.write` transaction, every multi-series read
/// one `pool.read` snapshot; both run on GRDB's own queues (`await`), never blocking a
/// caller's executor.
public final class SQLiteStore: RiskflowStore {
    public let path: String
    public var location: String { path }
    let pool: DatabasePool

    /// Opens (creating the file and its folder if needed) and migrates the store at `path`;
    /// `readOnly` opens an existing, migrated store for reading only (the server's API
    /// connection: it can never write).
    /// - Throws: ``StoreError`` (`cannotOpen`) naming the path.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !readOnly {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .cannotOpen, "cannot create the folder \(folder) for the store: \(error.localizedDescription)", underlying: error)
            }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readOnly
        config.prepareDatabase { db in
            if readOnly { return }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")  // 64 MiB: bulk writes stay in memory until commit
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            if readOnly {
                guard try pool.read({ try StoreSchema.migrator.hasCompletedMigrations($0) }) else {
                    throw StoreError(.cannotOpen, "the store \(path) is not migrated to this version; run any riskflow command on it first")
                }
            } else {
                try StoreSchema.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw StoreError(.cannotOpen, "cannot open the store \(path): \(error.message ?? error.description)", underlying: error)
        }
    }

    /// A read transaction; a GRDB failure becomes a ``StoreError`` (`readFailed`) naming the store.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError(.readFailed, "reading the store \(path): \(error.message ?? error.description)", underlying: error)
        }
    }

    /// A write transaction: all or nothing.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError(
                .writeFailed, "writing the store \(path): \(error.message ?? error.description) (nothing was written)", underlying: error)
        }
    }

    // MARK: - Statements of StoreSQL

    /// Runs one of ``StoreSQL``'s queries and returns its rows as ``StoreValue``s.
    static func rows(_ db: Database, _ sql: String, _ arguments: [StoreValue] = []) throws -> [[StoreValue]] {
        try Row.fetchAll(db, sql: sql, arguments: Self.arguments(arguments)).map { row in
            (0..<row.count).map { Self.value(row[$0] as DatabaseValue) }
        }
    }

    /// Runs one of ``StoreSQL``'s statements.
    static func execute(_ db: Database, _ sql: String, _ arguments: [StoreValue] = []) throws {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
    }

    static func arguments(_ values: [StoreValue]) -> StatementArguments {
        StatementArguments(
            values.map { v -> (any DatabaseValueConvertible)? in
                switch v {
                case .int(let i): i
                case .real(let d): d
                case .text(let s): s
                case .null: nil
                }
            })
    }

    static func value(_ v: DatabaseValue, as type: StoreColumnType? = nil) -> StoreValue {
        switch v.storage {
        case .int64(let x): type == .real ? .real(Double(x)) : .int(x)
        case .double(let x): .real(x)
        case .string(let s): .text(s)
        case .blob(let b): .text(String(decoding: b, as: UTF8.self))
        case .null: .null
        }
    }
}

import Foundation
import GRDB
import GRDBSQLite
import RiskflowCore

/// The point-in-time store: a SQLite file (the embedded default: WAL journal, migrated on
/// open) or a PostgreSQL database (`postgres://user@host:port/db`, shared by a team), with
/// the same schema meaning, migrations and answers on both.
///
/// Writes of a series are one transaction (all or nothing); readers keep reading the
/// previous data while a write is in progress (WAL on SQLite, MVCC on PostgreSQL). Every
/// read is *as of* a day: only observations with `available_at ≤ asOf` are returned, the
/// latest revision of each day.
public struct Store: Sendable {
    /// Where the store is, for messages: the database file, or the PostgreSQL URL
    /// without its password.
    public let path: String
    /// The location as given (a PostgreSQL URL keeps its password), to reopen it.
    public let location: String
    let backend: Backend

    enum Backend: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresStore)
    }

    /// The SQLite pool; only the SQLite code paths use it (each public method hands a
    /// PostgreSQL store to ``postgres`` first).
    /// - Throws: ``StoreError`` (`readFailed`) on a PostgreSQL store (a code path that
    ///   forgot to hand it over fails its request instead of trapping).
    var pool: DatabasePool {
        get throws {
            guard case .sqlite(let pool) = backend else {
                throw StoreError(.readFailed, "this operation needs a SQLite store; the store is on PostgreSQL")
            }
            return pool
        }
    }

    /// The PostgreSQL backend, `nil` for a SQLite store.
    var postgres: PostgresStore? {
        if case .postgres(let p) = backend { p } else { nil }
    }

    /// Opens (creating if needed) the store at `path` and applies pending migrations.
    ///
    /// `path` is a SQLite file, or a `postgres://user[:password]@host[:port]/database` URL
    /// (`postgresql://` too) for the PostgreSQL backend.
    /// - Throws: a `StoreError` naming the path when the folder cannot be created, the
    ///   file is not a riskflow database or the server cannot be reached.
    public init(path: String) throws { try self.init(path: path, readOnly: false) }

    /// Opens the store at `path`; `readOnly` opens an existing, migrated store for reading
    /// only (the server's API connection: it can never write, so a bug there cannot
    /// corrupt stored data).
    public init(path: String, readOnly: Bool) throws {
        location = path
        if PostgresURL.isPostgres(path) {
            let url = try PostgresURL(path)
            self.path = url.description
            backend = .postgres(try PostgresStore(url: url, readOnly: readOnly))
            return
        }
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .cannotOpen, "cannot create the folder \(folder) for the store: \(error.localizedDescription)",
                    underlying: error)
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
            let pool = try DatabasePool(path: path, configuration: config)
            backend = .sqlite(pool)
            if readOnly {
                guard try pool.read({ try StoreSchema.migrator.hasCompletedMigrations($0) }) else {
                    throw StoreError(.cannotOpen, "the store \(path) is not migrated to this version; run any riskflow command on it first")
                }
            } else {
                try StoreSchema.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw StoreError(
                .cannotOpen, "cannot open the store \(path): \(error.message ?? error.description)", underlying: error)
        }
    }

    /// The default store location: `$RISKFLOW_DB` (a SQLite file or a `postgres://` URL),
    /// else `$RISKFLOW_HOME/riskflow.sqlite`, else `~/.local/share/riskflow/riskflow.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let db = environment["RISKFLOW_DB"], !db.isEmpty { return db }
        if let home = environment["RISKFLOW_HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent("riskflow.sqlite")
        }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return (userHome as NSString).appendingPathComponent(".local/share/riskflow/riskflow.sqlite")
    }

    /// `true` when the store holds no series.
    public func isEmpty() throws -> Bool {
        if let postgres { return try postgres.isEmpty() }
        return try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM series") ?? 0 } == 0
    }

    /// Every series with its coverage, sorted by id.
    /// With `asOf`, coverage counts only observations published by that day
    /// (`available_at ≤ asOf`); a series with none then shows no first or last day.
    public func list(asOf: Day? = nil) throws -> [SeriesInfo] {
        if let postgres { return try postgres.list(asOf: asOf) }
        return try pool.read { db in
            guard let asOf else {
                return try Row.fetchAll(db, sql: Store.coverageSQL + " GROUP BY s.key ORDER BY s.id").map(Store.info(from:))
            }
            let sql = Store.coverageSQL + " AND o.available_at <= ? GROUP BY s.key ORDER BY s.id"
            return try Row.fetchAll(db, sql: sql, arguments: [asOf.rawValue]).map(Store.info(from:))
        }
    }

    /// The metadata and coverage of one series.
    /// - Throws: ``StoreError`` for an unknown id, listing the known ones.
    public func info(_ id: String) throws -> SeriesInfo {
        if let postgres { return try postgres.info(id) }
        let found = try pool.read { db in
            try Row.fetchOne(
                db, sql: Store.coverageSQL + " WHERE s.id = ? GROUP BY s.key", arguments: [id.uppercased()])
        }
        guard let found else { throw StoreError.unknownSeries(id, known: try ids()) }
        return try Store.info(from: found)
    }

    /// The metadata of one series (no scan of its observations).
    /// - Throws: ``StoreError`` for an unknown id, listing the known ones.
    public func metadata(_ id: String) throws -> SeriesMetadata {
        if let postgres { return try postgres.metadata(id) }
        let found = try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM series WHERE id = ?", arguments: [id.uppercased()])
        }
        guard let found else { throw StoreError.unknownSeries(id, known: try ids()) }
        return try Store.metadata(from: found)
    }

    /// Series metadata with coverage (first and last day, distinct days, any volume).
    static let coverageSQL = """
        SELECT s.*, MIN(o.day) AS first, MAX(o.day) AS last, COUNT(DISTINCT o.day) AS rows,
               COUNT(o.volume) > 0 AS has_volume
        FROM series s LEFT JOIN observation o ON o.series_key = s.key
        """

    /// Every series' metadata (no scan of observations), sorted by id.
    public func allMetadata() throws -> [SeriesMetadata] {
        if let postgres { return try postgres.allMetadata() }
        return try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM series ORDER BY id").map(Store.metadata(from:)) }
    }

    /// The latest observation day of any series (one index seek per series), `nil` when empty.
    public func latestDay() throws -> Day? {
        if let postgres { return try postgres.latestDay() }
        let v = try pool.read { db in
            try Int32.fetchOne(
                db, sql: "SELECT MAX((SELECT MAX(day) FROM observation o WHERE o.series_key = s.key)) FROM series s")
        }
        return v.map(Day.init(rawValue:))
    }

    /// The ids of all stored series, sorted.
    public func ids() throws -> [String] {
        if let postgres { return try postgres.ids() }
        return try pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM series ORDER BY id") }
    }

    static func info(from row: Row) throws -> SeriesInfo {
        let meta = try metadata(from: row)
        let first: Int32? = row["first"]
        let last: Int32? = row["last"]
        return SeriesInfo(
            metadata: meta, first: first.map(Day.init(rawValue:)), last: last.map(Day.init(rawValue:)),
            rows: row["rows"], hasVolume: row["has_volume"] ?? false)
    }

    static func metadata(from row: Row) throws -> SeriesMetadata {
        let id: String = row["id"], kind: String = row["kind"], unit: String = row["unit"], calendar: String = row["calendar"]
        let source: String = row["source"], licence: String = row["licence"], name: String = row["name"]
        let publication: String = row["publication"]
        return try SeriesMetadata.decoding(
            id: id, kind: kind, unit: unit, calendar: calendar, source: source, licence: licence, name: name, publication: publication)
    }
}

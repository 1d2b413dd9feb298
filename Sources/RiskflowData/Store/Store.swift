import Foundation
import GRDB
import GRDBSQLite
import RiskflowCore

/// The point-in-time SQLite store: one file, WAL journal, migrated on open.
///
/// Writes of a series are one transaction (all or nothing); readers keep reading the
/// previous data while a write is in progress (WAL). Every read is *as of* a day: only
/// observations with `available_at ≤ asOf` are returned, the latest revision of each day.
public struct Store: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the store at `path` and applies pending migrations.
    ///
    /// - Throws: a `StoreError` naming the path when the folder cannot be created or the
    ///   file is not a riskflow database; GRDB's `DatabaseError` for SQLite failures.
    public init(path: String) throws { try self.init(path: path, readOnly: false) }

    /// Opens the store at `path`; `readOnly` opens an existing, migrated store for reading
    /// only (the server's API connection: it can never write, so a bug there cannot
    /// corrupt stored data).
    public init(path: String, readOnly: Bool) throws {
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
            pool = try DatabasePool(path: path, configuration: config)
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

    /// The default store location: `$RISKFLOW_HOME/riskflow.sqlite`, else
    /// `~/.local/share/riskflow/riskflow.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["RISKFLOW_HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent("riskflow.sqlite")
        }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return (userHome as NSString).appendingPathComponent(".local/share/riskflow/riskflow.sqlite")
    }

    /// `true` when the store holds no series.
    public func isEmpty() throws -> Bool {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM series") ?? 0 } == 0
    }

    /// Every series with its coverage, sorted by id.
    /// With `asOf`, coverage counts only observations published by that day
    /// (`available_at ≤ asOf`); a series with none then shows no first or last day.
    public func list(asOf: Day? = nil) throws -> [SeriesInfo] {
        try pool.read { db in
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
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM series ORDER BY id").map(Store.metadata(from:)) }
    }

    /// The latest observation day of any series (one index seek per series), `nil` when empty.
    public func latestDay() throws -> Day? {
        let v = try pool.read { db in
            try Int32.fetchOne(
                db, sql: "SELECT MAX((SELECT MAX(day) FROM observation o WHERE o.series_key = s.key)) FROM series s")
        }
        return v.map(Day.init(rawValue:))
    }

    /// The ids of all stored series, sorted.
    public func ids() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM series ORDER BY id") }
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
        func decode<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
            let raw: String = row[column]
            guard let v = T(rawValue: raw) else {
                throw StoreError(.unknownValue, "the store has an unknown \(column) '\(raw)'; was it written by a newer riskflow?")
            }
            return v
        }
        return SeriesMetadata(
            id: row["id"], kind: try decode(SeriesKind.self, "kind"), unit: try decode(ValueUnit.self, "unit"),
            calendar: try decode(SeriesCalendar.self, "calendar"), source: row["source"], licence: row["licence"],
            name: row["name"], publication: try decode(PublicationRule.self, "publication"))
    }
}

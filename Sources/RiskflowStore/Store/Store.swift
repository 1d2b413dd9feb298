import Foundation
import RiskflowCore

/// Opens the point-in-time store at a location: a SQLite file (``SQLiteStore``) or a
/// `postgres://user[:password]@host[:port]/database` URL (``PostgresStore``), both behind
/// ``RiskflowStore``.
public enum Store {
    /// Opens (creating if needed) the store at `location` and applies pending migrations;
    /// `readOnly` opens an existing, migrated store for reading only (the server's API
    /// connection: it can never write, so a bug there cannot corrupt stored data).
    /// - Throws: a ``StoreError`` naming the location when the folder cannot be created,
    ///   the file is not a riskflow database or the server cannot be reached.
    public static func open(_ location: String, readOnly: Bool = false) async throws -> any RiskflowStore {
        if PostgresURL.isPostgres(location) {
            return try await PostgresStore(url: try PostgresURL(location), location: location, readOnly: readOnly)
        }
        return try SQLiteStore(path: location, readOnly: readOnly)
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
}

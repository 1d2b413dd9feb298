import Foundation
import GRDB
import GRDBSQLite
import RiskflowCore

/// Where a write came from, for the import log.
public struct ImportOrigin: Sendable {
    /// The file path, `snapshot:prices/RUT.csv`, or a provider name.
    public var origin: String
    public var format: String
    public var skipped: Int
    public var duplicates: Int

    public init(origin: String, format: String, skipped: Int = 0, duplicates: Int = 0) {
        self.origin = origin
        self.format = format
        self.skipped = skipped
        self.duplicates = duplicates
    }
}

extension Store {
    /// Replaces a series (metadata and every observation) in one transaction.
    ///
    /// `available_at` of each row comes from `metadata.publication`. Either the whole
    /// series is written or, on any error, the store is left exactly as it was.
    /// Expects `bars.days` strictly increasing and closes finite (what the importers produce).
    /// - Complexity: O(*n*) inserts through one prepared statement.
    public func replace(_ bars: Bars, metadata: SeriesMetadata, origin: ImportOrigin) throws {
        try replace([(bars, metadata, origin)])
    }

    /// Replaces several series in one transaction (the bundled snapshot load).
    public func replace(_ items: [(Bars, SeriesMetadata, ImportOrigin)]) throws {
        if let postgres { return try postgres.replace(items) }
        let stamp = ISO8601DateFormatter().string(from: Date())
        try pool.write { db in
            for (bars, metadata, origin) in items {
                try Store.write(bars, metadata: metadata, origin: origin, stamp: stamp, db: db)
            }
        }
    }

    static func write(_ bars: Bars, metadata: SeriesMetadata, origin: ImportOrigin, stamp: String, db: Database)
        throws
    {
        let id = metadata.id.uppercased()
        try db.execute(
            sql: """
                INSERT INTO series (id, kind, unit, calendar, source, licence, name, publication)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET has_revisions = 0, kind = excluded.kind, unit = excluded.unit,
                    calendar = excluded.calendar, source = excluded.source, licence = excluded.licence,
                    name = excluded.name, publication = excluded.publication
                """,
            arguments: [
                id, metadata.kind.rawValue, metadata.unit.rawValue, metadata.calendar.rawValue, metadata.source,
                metadata.licence, metadata.name, metadata.publication.rawValue,
            ])
        guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM series WHERE id = ?", arguments: [id]) else {
            throw StoreError(.writeFailed, "series \(id) vanished during its own write")
        }
        try db.execute(sql: "DELETE FROM observation WHERE series_key = ?", arguments: [key])
        // Rows go in batches of `batch` per INSERT (fewer statement steps), the tail one
        // by one; all through prepared statements bound with raw SQLite calls.
        let batch = 32
        let columns = "(series_key, day, available_at, open, high, low, close, volume, market_cap)"
        let one = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        let many = try db.makeStatement(
            sql: "INSERT INTO observation \(columns) VALUES " + Array(repeating: one, count: batch).joined(separator: ", "))
        let single = try db.makeStatement(sql: "INSERT INTO observation \(columns) VALUES \(one)")
        let rule = metadata.publication
        var i = 0
        while i < bars.count {
            let take = bars.count - i >= batch ? batch : 1
            let stmt = take == batch ? many.sqliteStatement : single.sqliteStatement
            for r in 0..<take {
                let row = i + r
                let base = Int32(r * 9)
                let day = bars.days[row]
                sqlite3_bind_int64(stmt, base + 1, key)
                sqlite3_bind_int64(stmt, base + 2, Int64(day.rawValue))
                sqlite3_bind_int64(stmt, base + 3, Int64(rule.availableAt(day).rawValue))
                bindOptional(stmt, base + 4, bars.open[row])
                bindOptional(stmt, base + 5, bars.high[row])
                bindOptional(stmt, base + 6, bars.low[row])
                sqlite3_bind_double(stmt, base + 7, bars.close[row])
                bindOptional(stmt, base + 8, bars.volume[row])
                bindOptional(stmt, base + 9, bars.marketCap[row])
            }
            let rc = sqlite3_step(stmt)
            sqlite3_reset(stmt)
            guard rc == SQLITE_DONE else {
                throw StoreError(
                    .writeFailed, "writing \(id) (rows from \(bars.days[i].iso)) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            i += take
        }
        try db.execute(
            sql: """
                INSERT INTO import_log (series_id, origin, format, rows, skipped, duplicates, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, origin.origin, origin.format, bars.count, origin.skipped, origin.duplicates, stamp])
    }

    @inline(__always)
    private static func bindOptional(_ stmt: SQLiteStatement, _ index: Int32, _ value: Double) {
        if value.isNaN { sqlite3_bind_null(stmt, index) } else { sqlite3_bind_double(stmt, index, value) }
    }
}

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
    /// - Precondition: `bars.days` strictly increasing and closes finite.
    /// - Complexity: O(*n*) inserts through one prepared statement.
    public func replace(_ bars: Bars, metadata: SeriesMetadata, origin: ImportOrigin) throws {
        try replace([(bars, metadata, origin)])
    }

    /// Replaces several series in one transaction (the bundled snapshot load).
    public func replace(_ items: [(Bars, SeriesMetadata, ImportOrigin)]) throws {
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
                ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, unit = excluded.unit,
                    calendar = excluded.calendar, source = excluded.source, licence = excluded.licence,
                    name = excluded.name, publication = excluded.publication
                """,
            arguments: [
                id, metadata.kind.rawValue, metadata.unit.rawValue, metadata.calendar.rawValue, metadata.source,
                metadata.licence, metadata.name, metadata.publication.rawValue,
            ])
        guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM series WHERE id = ?", arguments: [id]) else {
            throw StoreError("series \(id) vanished during its own write")
        }
        try db.execute(sql: "DELETE FROM observation WHERE series_key = ?", arguments: [key])
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO observation (series_key, day, available_at, open, high, low, close, volume, market_cap)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let stmt = insert.sqliteStatement
        let rule = metadata.publication
        for i in 0..<bars.count {
            let day = bars.days[i]
            sqlite3_bind_int64(stmt, 1, key)
            sqlite3_bind_int64(stmt, 2, Int64(day.rawValue))
            sqlite3_bind_int64(stmt, 3, Int64(rule.availableAt(day).rawValue))
            bindOptional(stmt, 4, bars.open[i])
            bindOptional(stmt, 5, bars.high[i])
            bindOptional(stmt, 6, bars.low[i])
            sqlite3_bind_double(stmt, 7, bars.close[i])
            bindOptional(stmt, 8, bars.volume[i])
            bindOptional(stmt, 9, bars.marketCap[i])
            let rc = sqlite3_step(stmt)
            sqlite3_reset(stmt)
            guard rc == SQLITE_DONE else {
                throw StoreError(
                    "writing \(id) on \(day.iso) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
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

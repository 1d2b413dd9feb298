import Crypto
import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO

/// `riskflow data migrate`: copies every table of a store between SQLite and PostgreSQL,
/// in one transaction on the target, and verifies the copy by row counts and a SHA-256
/// checksum of every row (doubles by their bits, so nothing is rounded on the way).
///
/// The tables and their columns are read from the SQLite schema (`PRAGMA table_info`), so
/// the PostgreSQL tables have the same names, columns and primary keys (INTEGER → bigint,
/// REAL → double precision, TEXT → text), created in the target when missing.
public enum StoreCopy {
    /// One table's outcome.
    public struct TableCopy: Sendable, Equatable, Codable {
        public var table: String
        public var rows: Int
        /// Hex SHA-256 of the rows in primary-key order, equal on both sides.
        public var checksum: String
    }

    /// The store's tables, parents before children (foreign keys).
    static let tables = [
        "series", "observation", "import_log", "ranking_table", "ranking_entry", "sync_state", "alert_rule_state", "alert_event",
        "alert_attempt",
    ]

    struct Column {
        var name: String
        /// `integer`, `real` or `text`.
        var type: String
        var primaryKey: Int
        var notNull: Bool
    }

    /// One value, typed as SQLite stores it.
    enum Value: Equatable {
        case int(Int64), real(Double), text(String), null

        /// The checksum's canonical bytes of the value.
        func feed(_ h: inout SHA256) {
            switch self {
            case .int(let i): h.update(data: Data("i\(i)|".utf8))
            case .real(let d): h.update(data: Data("d\(String(d.bitPattern, radix: 16))|".utf8))
            case .text(let s): h.update(data: Data("s\(s.utf8.count):\(s)|".utf8))
            case .null: h.update(data: Data("n|".utf8))
            }
        }
    }

    static func columns(_ store: Store) throws -> [String: [Column]] {
        try store.pool.read { db in
            var out: [String: [Column]] = [:]
            for t in tables {
                out[t] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(t))").map { r in
                    let declared = (r["type"] as String? ?? "").uppercased()
                    let type = declared.contains("INT") ? "integer" : declared.contains("REAL") ? "real" : "text"
                    return Column(name: r["name"], type: type, primaryKey: r["pk"], notNull: (r["notnull"] as Int? ?? 0) != 0)
                }
            }
            return out
        }
    }

    /// The columns of table `t` in `schema`.
    /// - Throws: ``StoreError`` (`readFailed`) when the schema has no such table.
    static func columns(of t: String, in schema: [String: [Column]]) throws -> [Column] {
        guard let cols = schema[t], !cols.isEmpty else { throw StoreError(.readFailed, "the store has no table \(t)") }
        return cols
    }

    static func orderBy(_ cols: [Column]) -> String {
        let keys = cols.filter { $0.primaryKey > 0 }.sorted { $0.primaryKey < $1.primaryKey }.map(\.name)
        return (keys.isEmpty ? cols.map(\.name) : keys).joined(separator: ", ")
    }

    static func checksum(_ rows: [[Value]]) -> String {
        var h = SHA256()
        for row in rows {
            for v in row { v.feed(&h) }
            h.update(data: Data("\n".utf8))
        }
        return h.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func readSQLite(_ store: Store, _ table: String, _ cols: [Column]) throws -> [[Value]] {
        try store.pool.read { db in try readRows(db, table, cols) }
    }

    static func readRows(_ db: Database, _ table: String, _ cols: [Column]) throws -> [[Value]] {
        let sql = "SELECT \(cols.map(\.name).joined(separator: ", ")) FROM \(table) ORDER BY \(orderBy(cols))"
        return try Row.fetchAll(db, sql: sql).map { r in
            cols.indices.map { i in
                let v: DatabaseValue = r[i]
                switch v.storage {
                case .int64(let x): return cols[i].type == "real" ? .real(Double(x)) : .int(x)
                case .double(let x): return .real(x)
                case .string(let s): return .text(s)
                case .blob(let b): return .text(String(decoding: b, as: UTF8.self))
                case .null: return .null
                }
            }
        }
    }

    // MARK: - SQLite → PostgreSQL

    /// Copies `store` into the PostgreSQL database at `url`. The target must hold none of
    /// the store's rows unless `replace` (then they are deleted first, in the same
    /// transaction). Returns each table's rows and checksum, read back from the target.
    /// - Throws: ``StoreError`` naming the table when the target is not empty or a count or
    ///   checksum differs after the copy (the transaction is then rolled back).
    public static func toPostgres(_ store: Store, url: PostgresURL, replace: Bool, logger: Logger = Logger(label: "riskflow.migrate"))
        async throws -> [TableCopy]
    {
        let schema = try columns(store)
        try await url.checkReachable()
        // The target becomes a riskflow store: its schema (identity keys, foreign keys,
        // indexes) comes from the PostgreSQL store's own migrations.
        _ = try PostgresStore(url: url, readOnly: false)
        let client = PostgresClient(configuration: url.configuration)
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        do {
            return try await client.withTransaction(logger: logger) { c in
                for t in tables {
                    let rows = try await c.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(t)"), logger: logger)
                    var n = 0
                    for try await (count) in rows.decode(Int.self) { n = count }
                    if n > 0 && !replace {
                        throw StoreError(.writeFailed, "the PostgreSQL database \(url) is not empty (\(t) has \(n) rows); pass --replace to overwrite it")
                    }
                }
                if replace {
                    try await c.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tables.joined(separator: ", "))"), logger: logger)
                }
                var out: [TableCopy] = []
                for t in tables {
                    let cols = try columns(of: t, in: schema)
                    let source = try readSQLite(store, t, cols)
                    try await insert(c, t, cols, source, logger: logger)
                    let copied = try await readPostgres(c, t, cols, logger: logger)
                    let (a, b) = (checksum(source), checksum(copied))
                    guard copied.count == source.count, a == b else {
                        throw StoreError(.writeFailed, "copying \(t): \(source.count) rows (checksum \(a.prefix(12))) became \(copied.count) (\(b.prefix(12)))")
                    }
                    out.append(TableCopy(table: t, rows: source.count, checksum: a))
                }
                for sql in PostgresStoreSchema.resetIdentities { try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
                return out
            }
        } catch let e as StoreError {
            throw e
        } catch let e as PostgresTransactionError {
            if let inner = e.closureError as? StoreError { throw inner }
            throw StoreError(.writeFailed, "cannot copy into \(url): \(JobQueue.describe(e.closureError ?? e.commitError ?? e.beginError ?? e))", underlying: e)
        } catch {
            throw StoreError(.writeFailed, "cannot copy into \(url): \(JobQueue.describe(error))", underlying: error)
        }
    }

    static func bind(_ v: Value, _ binds: inout PostgresBindings, _ col: Column) {
        switch v {
        case .int(let i): binds.append(Int(i))
        case .real(let d): binds.append(d)
        case .text(let s): binds.append(s)
        case .null:
            switch col.type {
            case "integer": binds.append(Int?.none)
            case "real": binds.append(Double?.none)
            default: binds.append(String?.none)
            }
        }
    }

    static func insert(_ c: PostgresConnection, _ t: String, _ cols: [Column], _ rows: [[Value]], logger: Logger) async throws {
        let perBatch = max(1, 30_000 / cols.count)  // under PostgreSQL's 65,535 parameters
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perBatch)
            var binds = PostgresBindings(capacity: (end - start) * cols.count)
            var tuples: [String] = []
            tuples.reserveCapacity(end - start)
            for row in rows[start..<end] {
                let base = binds.count
                tuples.append("(" + (1...cols.count).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                for (i, v) in row.enumerated() { bind(v, &binds, cols[i]) }
            }
            let sql = "INSERT INTO \(t) (\(cols.map(\.name).joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            try await c.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            start = end
        }
    }

    static func readPostgres(_ c: PostgresConnection, _ t: String, _ cols: [Column], logger: Logger) async throws -> [[Value]] {
        let sql = "SELECT \(cols.map(\.name).joined(separator: ", ")) FROM \(t) ORDER BY \(orderBy(cols))"
        let rows = try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        var out: [[Value]] = []
        for try await row in rows {
            var values: [Value] = []
            values.reserveCapacity(cols.count)
            for (i, cell) in row.enumerated() {
                switch cols[i].type {
                case "integer": values.append((try cell.decode(Int?.self)).map { .int(Int64($0)) } ?? .null)
                case "real": values.append((try cell.decode(Double?.self)).map { .real($0) } ?? .null)
                default: values.append((try cell.decode(String?.self)).map { .text($0) } ?? .null)
                }
            }
            out.append(values)
        }
        return out
    }

    // MARK: - PostgreSQL → SQLite

    /// Copies the PostgreSQL store at `url` into the SQLite store `target` (migrated, and
    /// empty unless `replace`), in one SQLite transaction, verified like ``toPostgres``.
    public static func fromPostgres(url: PostgresURL, into target: Store, replace: Bool, logger: Logger = Logger(label: "riskflow.migrate"))
        async throws -> [TableCopy]
    {
        let schema = try columns(target)
        if !replace {
            let counts = try await target.pool.read { db in try tables.map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 } }
            if let i = counts.firstIndex(where: { $0 > 0 }) {
                throw StoreError(.writeFailed, "the store \(target.path) is not empty (\(tables[i]) has \(counts[i]) rows); pass --replace to overwrite it")
            }
        }
        try await url.checkReachable()
        let client = PostgresClient(configuration: url.configuration)
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        var source: [String: [[Value]]] = [:]
        do {
            try await client.withConnection { c in
                for t in tables { source[t] = try await readPostgres(c, t, try columns(of: t, in: schema), logger: logger) }
            }
        } catch {
            throw StoreError(.readFailed, "cannot read the store in \(url): \(JobQueue.describe(error))", underlying: error)
        }
        let copied = source
        return try await target.pool.write { db in
            if replace { for t in tables.reversed() { try db.execute(sql: "DELETE FROM \(t)") } }
            var out: [TableCopy] = []
            for t in tables {
                let cols = try columns(of: t, in: schema)
                let sql = "INSERT INTO \(t) (\(cols.map(\.name).joined(separator: ", "))) VALUES (\(cols.map { _ in "?" }.joined(separator: ", ")))"
                let statement = try db.makeStatement(sql: sql)
                let rows = copied[t] ?? []
                for row in rows {
                    let args = row.map { v -> (any DatabaseValueConvertible)? in
                        switch v {
                        case .int(let i): i
                        case .real(let d): d
                        case .text(let s): s
                        case .null: nil
                        }
                    }
                    try statement.execute(arguments: StatementArguments(args))
                }
                // Verified inside the transaction: a mismatch rolls the whole copy back.
                let back = try readRows(db, t, cols)
                let (a, b) = (checksum(rows), checksum(back))
                guard back.count == rows.count, a == b else {
                    throw StoreError(.writeFailed, "copying \(t): \(rows.count) rows (checksum \(a.prefix(12))) became \(back.count) (\(b.prefix(12)))")
                }
                out.append(TableCopy(table: t, rows: back.count, checksum: a))
            }
            return out
        }
    }
}

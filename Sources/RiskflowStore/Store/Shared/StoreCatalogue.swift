import RiskflowCore

/// One value of a stored row, typed as the catalogue declares its column: what the
/// backend-free code (decoding, copying, checksums) sees of either backend's rows.
public enum StoreValue: Sendable, Equatable {
    case int(Int64), real(Double), text(String), null

    /// The value as an integer (`nil` for NULL or another type).
    var int: Int? { if case .int(let v) = self { Int(v) } else { nil } }
    /// The value as a double; an integer converts, NULL is `nil`.
    var real: Double? {
        switch self {
        case .real(let v): v
        case .int(let v): Double(v)
        default: nil
        }
    }
    /// The value as text (`nil` for NULL or another type).
    var text: String? { if case .text(let v) = self { v } else { nil } }
    /// A day number column.
    var day: Day? { int.map { Day(rawValue: Int32(truncatingIfNeeded: $0)) } }
}

/// A column's storage type: SQLite `INTEGER`/`REAL`/`TEXT`, PostgreSQL
/// `bigint`/`double precision`/`text`.
public enum StoreColumnType: String, Sendable {
    case integer, real, text

    var postgres: String {
        switch self {
        case .integer: "bigint"
        case .real: "double precision"
        case .text: "text"
        }
    }
}

/// One column of a store table.
public struct StoreColumn: Sendable, Equatable {
    public var name: String
    public var type: StoreColumnType
    public var notNull: Bool
}

/// One table of the store: its columns, its primary key, and whether that key is an
/// identity (assigned by the database, reset after a copy brings explicit keys).
public struct StoreTable: Sendable, Equatable {
    public var name: String
    public var columns: [StoreColumn]
    /// Primary-key columns, in key order (the order rows are read and checksummed in).
    public var primaryKey: [String]
    /// The identity column, `nil` when the key is natural.
    public var identity: String?

    /// `SELECT <columns> FROM <table> ORDER BY <key>`: every row in key order.
    var selectAll: String {
        "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(name) ORDER BY \(primaryKey.joined(separator: ", "))"
    }

    /// `INSERT INTO <table> (<columns>) VALUES (?, …)`.
    var insertOne: String {
        "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }
}

/// The one list of the store's tables, written once and used by the PostgreSQL schema,
/// `data migrate` (copy and verification) and a test that checks the SQLite migrations
/// create exactly these tables and columns. Parents come before children (foreign keys).
public enum StoreCatalogue {
    private static func col(_ name: String, _ type: StoreColumnType, null: Bool = false) -> StoreColumn {
        StoreColumn(name: name, type: type, notNull: !null)
    }

    public static let series = StoreTable(
        name: "series",
        columns: [
            col("key", .integer), col("id", .text), col("kind", .text), col("unit", .text), col("calendar", .text),
            col("source", .text), col("licence", .text), col("name", .text), col("publication", .text),
            col("has_revisions", .integer),
        ], primaryKey: ["key"], identity: "key")
    public static let observation = StoreTable(
        name: "observation",
        columns: [
            col("series_key", .integer), col("day", .integer), col("available_at", .integer), col("open", .real, null: true),
            col("high", .real, null: true), col("low", .real, null: true), col("close", .real), col("volume", .real, null: true),
            col("market_cap", .real, null: true), col("vintage", .integer, null: true),
        ], primaryKey: ["series_key", "day", "available_at"], identity: nil)
    public static let importLog = StoreTable(
        name: "import_log",
        columns: [
            col("id", .integer), col("series_id", .text), col("origin", .text), col("format", .text), col("rows", .integer),
            col("skipped", .integer), col("duplicates", .integer), col("imported_at", .text),
        ], primaryKey: ["id"], identity: "id")
    public static let rankingTable = StoreTable(
        name: "ranking_table", columns: [col("key", .integer), col("id", .text), col("source", .text)], primaryKey: ["key"],
        identity: "key")
    public static let rankingEntry = StoreTable(
        name: "ranking_entry",
        columns: [
            col("table_key", .integer), col("day", .integer), col("available_at", .integer), col("rank", .integer),
            col("symbol", .text), col("name", .text), col("price", .real, null: true), col("market_cap", .real, null: true),
            col("volume", .real, null: true),
        ], primaryKey: ["table_key", "day", "rank"], identity: nil)
    public static let syncState = StoreTable(
        name: "sync_state",
        columns: [
            col("series_id", .text), col("provider", .text), col("provider_id", .text), col("attempted_at", .text),
            col("succeeded_at", .text, null: true), col("status", .text), col("rows_added", .integer), col("revisions", .integer),
            col("error", .text, null: true),
        ], primaryKey: ["series_id"], identity: nil)
    public static let alertRuleState = StoreTable(
        name: "alert_rule_state", columns: [col("rule", .text), col("last_evaluated", .integer), col("evaluated_at", .text)],
        primaryKey: ["rule"], identity: nil)
    public static let alertEvent = StoreTable(
        name: "alert_event",
        columns: [
            col("id", .text), col("rule", .text), col("kind", .text), col("subject", .text), col("day", .integer),
            col("title", .text), col("details", .text), col("as_of", .integer), col("status", .text), col("attempts", .integer),
            col("next_attempt_at", .real), col("created_at", .text),
        ], primaryKey: ["id"], identity: nil)
    public static let alertAttempt = StoreTable(
        name: "alert_attempt",
        columns: [
            col("event_id", .text), col("n", .integer), col("at", .text), col("status_code", .integer, null: true),
            col("error", .text, null: true),
        ], primaryKey: ["event_id", "n"], identity: nil)

    public static let call = StoreTable(
        name: "call",
        columns: [
            col("id", .text), col("kind", .text), col("known_at", .integer), col("origin", .text), col("source", .text),
            col("subject", .text), col("supersedes", .text, null: true), col("body", .text), col("recorded_at", .text),
        ], primaryKey: ["id"], identity: nil)
    public static let callScore = StoreTable(
        name: "call_score",
        columns: [
            col("id", .integer), col("call_id", .text), col("follower", .text), col("horizon", .integer), col("entry", .integer),
            col("exit", .integer), col("entry_close", .real), col("exit_close", .real), col("forward_return", .real),
            col("percentile", .real, null: true), col("median", .real, null: true), col("outcome", .text),
            col("scored_as_of", .integer), col("recorded_at", .text),
        ], primaryKey: ["id"], identity: "id")

    /// Every table, parents before children.
    public static let tables = [
        series, observation, importLog, rankingTable, rankingEntry, syncState, alertRuleState, alertEvent, alertAttempt, call,
        callScore,
    ]
}

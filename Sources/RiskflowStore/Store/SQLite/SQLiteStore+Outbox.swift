import GRDB
import GRDBSQLite
import RiskflowCore

extension SQLiteStore {
    public func alertRuleStates() async throws -> [String: Day] {
        try StoreRows.ruleStates(await read { db in try Self.rows(db, StoreSQL.alertRuleStates) })
    }

    public func recordAlertEvaluation(rule: String, through day: Day, events: [AlertEventRecord], stamp: String) async throws
        -> [AlertEventRecord]
    {
        try await write { db in
            var added: [AlertEventRecord] = []
            for e in events where try !Self.rows(db, StoreSQL.insertAlertEvent, StoreSQL.eventArguments(e)).isEmpty { added.append(e) }
            try Self.execute(db, StoreSQL.upsertRuleState, [.text(rule), .day(day), .text(stamp)])
            return added
        }
    }

    public func pendingAlertEvents() async throws -> [AlertEventRecord] {
        try await read { db in try Self.rows(db, StoreSQL.pendingAlertEvents).map(StoreRows.alertEvent) }
    }

    public func alertHistory() async throws -> [(event: AlertEventRecord, attempts: [AlertAttemptRecord])] {
        let (events, attempts) = try await read { db in
            (try Self.rows(db, StoreSQL.alertEvents).map(StoreRows.alertEvent), try StoreRows.alertAttempts(Self.rows(db, StoreSQL.alertAttempts)))
        }
        return events.map { ($0, attempts[$0.id] ?? []) }
    }

    @discardableResult
    public func recordAlertAttempt(id: String, attempt: AlertAttemptRecord, outcome: AlertAttemptOutcome) async throws -> Bool {
        try await write { db in
            guard let n = try Self.rows(db, StoreSQL.pendingAttemptCount, [.text(id)]).first?.first?.int else { return false }
            try Self.execute(db, StoreSQL.insertAlertAttempt, AlertAttemptOutcome.attemptArguments(id: id, n: n + 1, attempt))
            try Self.execute(db, StoreSQL.updateAlertEvent, outcome.updateArguments(id: id, attempts: n + 1))
            return true
        }
    }

    // MARK: - Maintenance

    public func dataVersion() async throws -> String {
        try await read { db in try Self.rows(db, StoreSQL.dataVersion).first.map(StoreSQL.dataVersion) ?? "" }
    }

    /// SQLite's `PRAGMA integrity_check`.
    public func integrityCheck() async throws -> String {
        try await read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    public func rows(of table: StoreTable) async throws -> [[StoreValue]] {
        try await read { db in try Self.tableRows(db, table) }
    }

    /// Every row of `table` in key order, stepped with raw SQLite calls (the copy's hot path).
    static func tableRows(_ db: Database, _ table: StoreTable) throws -> [[StoreValue]] {
        let statement = try db.makeStatement(sql: table.selectAll)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        let types = table.columns.map(\.type)
        var out: [[StoreValue]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw StoreError(.readFailed, "reading \(table.name) failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            var row: [StoreValue] = []
            row.reserveCapacity(types.count)
            for (i, type) in types.enumerated() {
                let c = Int32(i)
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_NULL: row.append(.null)
                case SQLITE_INTEGER:
                    let x = sqlite3_column_int64(stmt, c)
                    row.append(type == .real ? .real(Double(x)) : .int(x))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(stmt, c)))
                default:
                    let bytes = sqlite3_column_text(stmt, c)
                    let n = Int(sqlite3_column_bytes(stmt, c))
                    row.append(.text(bytes.map { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) } ?? ""))
                }
            }
            out.append(row)
        }
        return out
    }

    public func load(_ tables: [(StoreTable, [[StoreValue]])], replace: Bool, verify: @escaping @Sendable ([(StoreTable, [[StoreValue]])]) throws -> Void)
        async throws
    {
        let counts = try await read { db in try StoreCatalogue.tables.map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0.name)") ?? 0 } }
        if !replace, let i = counts.firstIndex(where: { $0 > 0 }) {
            throw StoreError.notEmpty(path, table: StoreCatalogue.tables[i].name, rows: counts[i])
        }
        let tables = tables.map { TableRows(table: $0.0, rows: $0.1) }
        try await write { db in
            if replace { for t in StoreCatalogue.tables.reversed() { try db.execute(sql: "DELETE FROM \(t.name)") } }
            for t in tables {
                let statement = try db.makeStatement(sql: t.table.insertOne)
                for row in t.rows { try statement.execute(arguments: Self.arguments(row)) }
            }
            // Verified inside the transaction: a mismatch rolls the whole load back.
            try verify(try tables.map { ($0.table, try Self.tableRows(db, $0.table)) })
        }
    }

}

extension AlertAttemptOutcome {
    /// The stored status and next due time of this outcome, as ``StoreSQL/updateAlertEvent`` arguments.
    func updateArguments(id: String, attempts: Int) -> [StoreValue] {
        let (status, next) = stored
        return [.int(attempts), .text(status), next.map(StoreValue.real) ?? .null, .text(id)]
    }

    /// ``StoreSQL/insertAlertAttempt`` arguments.
    static func attemptArguments(id: String, n: Int, _ a: AlertAttemptRecord) -> [StoreValue] {
        [.text(id), .int(n), .text(a.at), a.statusCode.map { StoreValue.int($0) } ?? .null, a.error.map(StoreValue.text) ?? .null]
    }
}

extension CodedError where Code == StoreErrorCode {
    /// A copy target that already holds rows.
    static func notEmpty(_ store: String, table: String, rows: Int) -> StoreError {
        StoreError(.writeFailed, "the store \(store) is not empty (\(table) has \(rows) rows); pass --replace to overwrite it")
    }
}

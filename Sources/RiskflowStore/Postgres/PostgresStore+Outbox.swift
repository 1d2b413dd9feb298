import NIOCore
import PostgresNIO
import RiskflowCore

extension PostgresStore {
    public func alertRuleStates() async throws -> [String: Day] {
        try StoreRows.ruleStates(await client.withConnection { c in try await rows(c, StoreSQL.alertRuleStates) })
    }

    public func recordAlertEvaluation(rule: String, through day: Day, events: [AlertEventRecord], stamp: String) async throws
        -> [AlertEventRecord]
    {
        try await transaction { c in
            var added: [AlertEventRecord] = []
            for e in events where try await !rows(c, StoreSQL.insertAlertEvent, StoreSQL.eventArguments(e)).isEmpty { added.append(e) }
            try await execute(c, StoreSQL.upsertRuleState, [.text(rule), .day(day), .text(stamp)])
            return added
        }
    }

    public func pendingAlertEvents() async throws -> [AlertEventRecord] {
        try await client.withConnection { c in try await rows(c, StoreSQL.pendingAlertEvents).map(StoreRows.alertEvent) }
    }

    public func alertHistory() async throws -> [(event: AlertEventRecord, attempts: [AlertAttemptRecord])] {
        let (events, attempts) = try await snapshot { c in
            (try await rows(c, StoreSQL.alertEvents).map(StoreRows.alertEvent), try StoreRows.alertAttempts(await rows(c, StoreSQL.alertAttempts)))
        }
        return events.map { ($0, attempts[$0.id] ?? []) }
    }

    @discardableResult
    public func recordAlertAttempt(id: String, attempt: AlertAttemptRecord, outcome: AlertAttemptOutcome) async throws -> Bool {
        try await transaction { c in
            guard let n = try await rows(c, StoreSQL.pendingAttemptCount + " FOR UPDATE", [.text(id)]).first?.first?.int else { return false }
            try await execute(c, StoreSQL.insertAlertAttempt, AlertAttemptOutcome.attemptArguments(id: id, n: n + 1, attempt))
            try await execute(c, StoreSQL.updateAlertEvent, outcome.updateArguments(id: id, attempts: n + 1))
            return true
        }
    }

    // MARK: - Maintenance

    public func dataVersion() async throws -> String {
        try await snapshot { c in try await rows(c, StoreSQL.dataVersion).first.map(StoreSQL.dataVersion) ?? "" }
    }

    /// PostgreSQL checks its own pages; this checks what riskflow relies on beyond that:
    /// no observation, ranking entry, delivery attempt or call score points at a missing parent.
    /// `"ok"`, else what is wrong.
    public func integrityCheck() async throws -> String {
        try await snapshot { c in
            let orphans = try await rows(
                c,
                """
                SELECT (SELECT count(*) FROM observation o WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.key = o.series_key))
                     + (SELECT count(*) FROM ranking_entry e WHERE NOT EXISTS (SELECT 1 FROM ranking_table t WHERE t.key = e.table_key))
                     + (SELECT count(*) FROM alert_attempt a WHERE NOT EXISTS (SELECT 1 FROM alert_event v WHERE v.id = a.event_id))
                     + (SELECT count(*) FROM call_score s WHERE NOT EXISTS (SELECT 1 FROM call c WHERE c.id = s.call_id))
                """
            ).first?.first?.int ?? 0
            return orphans == 0 ? "ok" : "\(orphans) rows point at a missing parent"
        }
    }

    public func rows(of table: StoreTable) async throws -> [[StoreValue]] {
        try await snapshot { c in try await tableRows(c, table) }
    }

    /// Every row of `table` in key order, read as one row of binary arrays (one per column;
    /// a nullable text column also sends its NULL flags) from a key-ordered subquery: a few
    /// large cells instead of a cell per value.
    func tableRows(_ c: PostgresConnection, _ table: StoreTable) async throws -> [[StoreValue]] {
        let names = table.columns.map(\.name).joined(separator: ", ")
        let aggregates = table.columns.map { col in
            col.type == .text && !col.notNull
                ? "array_agg(COALESCE(\(col.name), '')), array_agg(\(col.name) IS NULL)" : "array_agg(\(col.name))"
        }.joined(separator: ", ")
        let sql = "SELECT count(*), \(aggregates) FROM (SELECT \(names) FROM \(table.name) ORDER BY \(table.primaryKey.joined(separator: ", "))) t"
        guard let row = try await query(c, PostgresQuery(unsafeSQL: sql)).first else { return [] }
        var cells = row.makeIterator()
        guard let countCell = cells.next(), let count = try countCell.decode(Int?.self), count > 0 else { return [] }
        var columns: [[StoreValue]] = []
        for column in table.columns {
            guard let cell = cells.next() else { throw StoreRows.malformed(table.name) }
            var values: [StoreValue]
            switch column.type {
            case .integer: values = try cell.decode(Int8Column.self).values.map { $0 == Int.min ? .null : .int(Int64($0)) }
            case .real: values = try cell.decode(Float8Column.self).values.map { $0.isNaN ? .null : .real($0) }
            case .text: values = try cell.decode([String].self).map(StoreValue.text)
            }
            if column.type == .text && !column.notNull {
                guard let flags = try cells.next()?.decode([Bool].self), flags.count == values.count else { throw StoreRows.malformed(table.name) }
                for i in flags.indices where flags[i] { values[i] = .null }
            }
            guard values.count == count else { throw StoreRows.malformed(table.name) }
            columns.append(values)
        }
        return (0..<count).map { i in columns.map { $0[i] } }
    }

    /// Loads tables with `COPY … FROM STDIN` (text format), in one transaction that also
    /// resets the identity sequences and reads every table back for `verify`.
    /// - Complexity: one pass over the rows; about 1 µs per row on a local server.
    public func load(_ tables: [(StoreTable, [[StoreValue]])], replace: Bool, verify: @escaping @Sendable ([(StoreTable, [[StoreValue]])]) throws -> Void)
        async throws
    {
        let tables = tables.map { TableRows(table: $0.0, rows: $0.1) }
        try await transaction { c in
            for t in StoreCatalogue.tables {
                let n = try await rows(c, "SELECT count(*) FROM \(t.name)").first?.first?.int ?? 0
                if n > 0 && !replace { throw StoreError.notEmpty(path, table: t.name, rows: n) }
            }
            if replace { try await execute(c, "TRUNCATE \(StoreCatalogue.tables.map(\.name).joined(separator: ", "))") }
            // As pg_restore does: the foreign keys are dropped for the load and added back
            // (checked once, by one join each) in the same transaction; checking them row by
            // row would take two thirds of the load.
            let foreignKeys = try await rows(
                c,
                """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2
                """)
            for fk in foreignKeys {
                try await execute(c, "ALTER TABLE \(try StoreRows.text(fk, 0, "pg_constraint")) DROP CONSTRAINT \(try StoreRows.text(fk, 1, "pg_constraint"))")
            }
            for t in tables where !t.rows.isEmpty {
                do {
                    try await c.copyFrom(table: t.table.name, columns: t.table.columns.map(\.name), logger: logger) { writer in
                        var buffer: [UInt8] = []
                        buffer.reserveCapacity(1 << 20 + 4096)
                        for row in t.rows {
                            Self.copyLine(row, into: &buffer)
                            if buffer.count > 1 << 20 {
                                try await writer.write(ByteBuffer(bytes: buffer))
                                buffer.removeAll(keepingCapacity: true)
                            }
                        }
                        if !buffer.isEmpty { try await writer.write(ByteBuffer(bytes: buffer)) }
                    }
                } catch {
                    throw StoreError(.writeFailed, "copying \(t.table.name) into \(url): \(PostgresURL.describe(error))", underlying: error)
                }
            }
            for fk in foreignKeys {
                try await execute(
                    c,
                    "ALTER TABLE \(try StoreRows.text(fk, 0, "pg_constraint")) ADD CONSTRAINT \(try StoreRows.text(fk, 1, "pg_constraint")) \(try StoreRows.text(fk, 2, "pg_constraint"))"
                )
            }
            for t in StoreCatalogue.tables {
                guard let column = t.identity else { continue }
                try await execute(
                    c,
                    "SELECT setval(pg_get_serial_sequence('\(t.name)', '\(column)'), COALESCE((SELECT MAX(\(column)) FROM \(t.name)), 0) + 1, false)"
                )
            }
            var back: [(StoreTable, [[StoreValue]])] = []
            for t in tables { back.append((t.table, try await tableRows(c, t.table))) }
            try verify(back)
        }
    }

    /// One row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes,
    /// doubles in their shortest round-tripping form (so no bit is lost).
    static func copyLine(_ row: [StoreValue], into buffer: inout [UInt8]) {
        for (i, v) in row.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: "\t")) }
            switch v {
            case .null: buffer.append(contentsOf: "\\N".utf8)
            case .int(let x): StoreCopy.appendDecimal(x, to: &buffer)
            case .real(let d):
                buffer.append(contentsOf: (d.isNaN ? "NaN" : d == .infinity ? "Infinity" : d == -.infinity ? "-Infinity" : "\(d)").utf8)
            case .text(let s):
                for byte in s.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                    case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                    case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                    case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                    default: buffer.append(byte)
                    }
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}

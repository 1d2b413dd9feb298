import RiskflowCore
import RiskflowFormats

/// The decoding of the rows ``StoreSQL``'s queries return, written once for both backends
/// (each hands over its rows as ``StoreValue``s).
enum StoreRows {
    /// A row that does not have the shape its query promises (a store written by another
    /// program, or a schema drift).
    static func malformed(_ what: String) -> StoreError {
        StoreError(.unknownValue, "the store returned a malformed \(what) row")
    }

    static func text(_ row: [StoreValue], _ i: Int, _ what: String) throws -> String {
        guard i < row.count, let v = row[i].text else { throw malformed(what) }
        return v
    }

    static func int(_ row: [StoreValue], _ i: Int, _ what: String) throws -> Int {
        guard i < row.count, let v = row[i].int else { throw malformed(what) }
        return v
    }

    static func day(_ row: [StoreValue], _ i: Int, _ what: String) throws -> Day {
        guard i < row.count, let v = row[i].day else { throw malformed(what) }
        return v
    }

    /// The eight ``StoreSQL/metadataColumns`` starting at `at`.
    static func metadata(_ row: [StoreValue], at i: Int = 0) throws -> SeriesMetadata {
        let t = { (k: Int) in try text(row, i + k, "series") }
        return try SeriesMetadata.decoding(
            id: t(0), kind: t(1), unit: t(2), calendar: t(3), source: t(4), licence: t(5), name: t(6), publication: t(7))
    }

    /// A ``StoreSQL/coverage`` row.
    static func info(_ row: [StoreValue]) throws -> SeriesInfo {
        SeriesInfo(
            metadata: try metadata(row), first: row.count > 8 ? row[8].day : nil, last: row.count > 9 ? row[9].day : nil,
            rows: try int(row, 10, "series coverage"), hasVolume: try int(row, 11, "series coverage") != 0)
    }

    /// A ``StoreSQL/syncStates`` row.
    static func syncState(_ row: [StoreValue]) throws -> SyncState {
        let what = "sync_state"
        let provider = try text(row, 1, what), status = try text(row, 5, what)
        guard let p = ProviderName(rawValue: provider) else {
            throw StoreError(.unknownValue, "the store has an unknown sync provider '\(provider)'; was it written by a newer riskflow?")
        }
        guard let s = SyncStatus(rawValue: status) else {
            throw StoreError(.unknownValue, "the store has an unknown sync status '\(status)'; was it written by a newer riskflow?")
        }
        return SyncState(
            seriesID: try text(row, 0, what), provider: p, providerID: try text(row, 2, what), attemptedAt: try text(row, 3, what),
            succeededAt: row.count > 4 ? row[4].text : nil, status: s, rowsAdded: try int(row, 6, what),
            revisions: try int(row, 7, what), error: row.count > 8 ? row[8].text : nil)
    }

    /// A ``StoreSQL/rankingList`` row.
    static func rankingInfo(_ row: [StoreValue]) throws -> RankingInfo {
        RankingInfo(
            id: try text(row, 0, "ranking_table"), source: try text(row, 1, "ranking_table"), first: row.count > 2 ? row[2].day : nil,
            last: row.count > 3 ? row[3].day : nil, days: try int(row, 4, "ranking_table"), rows: try int(row, 5, "ranking_table"))
    }

    /// The ``StoreSQL/rankingEntries`` rows of one table, grouped into its snapshots.
    static func rankTable(id: String, source: String, _ rows: [[StoreValue]]) throws -> RankTable {
        var table = RankTable(id: id, source: source)
        var day: Day? = nil
        var entries: [RankTable.Entry] = []
        for row in rows {
            let d = try Self.day(row, 0, "ranking_entry")
            if d != day {
                if let day { table.append(day: day, entries: entries) }
                day = d
                entries.removeAll(keepingCapacity: true)
            }
            entries.append(
                RankTable.Entry(
                    rank: try int(row, 1, "ranking_entry"), symbol: try text(row, 2, "ranking_entry"), name: try text(row, 3, "ranking_entry"),
                    price: row[4].real ?? .nan, marketCap: row[5].real ?? .nan, volume: row[6].real ?? .nan))
        }
        if let day { table.append(day: day, entries: entries) }
        return table
    }

    /// A row of ``StoreSQL/alertEventColumns``.
    static func alertEvent(_ row: [StoreValue]) throws -> AlertEventRecord {
        let what = "alert_event"
        let id = try text(row, 0, what), status = try text(row, 8, what), kind = try text(row, 2, what)
        guard let s = AlertEventRecord.Status(rawValue: status) else {
            throw StoreError(.unknownValue, "alert event \(id) has an unknown status '\(status)'")
        }
        guard let k = AlertKind(rawValue: kind) else {
            throw StoreError(.unknownValue, "alert event \(id) has an unknown kind '\(kind)'; was it written by a newer riskflow?")
        }
        guard let next = row[10].real else { throw malformed(what) }
        return AlertEventRecord(
            id: id, rule: try text(row, 1, what), kind: k, subject: try text(row, 3, what),
            day: try day(row, 4, what), title: try text(row, 5, what), details: try text(row, 6, what), asOf: try day(row, 7, what),
            status: s, attemptCount: try int(row, 9, what), nextAttemptAt: next, createdAt: try text(row, 11, what))
    }

    /// ``StoreSQL/alertRuleStates`` rows: each rule's last evaluated day.
    static func ruleStates(_ rows: [[StoreValue]]) throws -> [String: Day] {
        var out: [String: Day] = [:]
        for r in rows { out[try text(r, 0, "alert_rule_state")] = try day(r, 1, "alert_rule_state") }
        return out
    }

    /// ``StoreSQL/alertAttempts`` rows by event id.
    static func alertAttempts(_ rows: [[StoreValue]]) throws -> [String: [AlertAttemptRecord]] {
        var out: [String: [AlertAttemptRecord]] = [:]
        for row in rows {
            out[try text(row, 0, "alert_attempt"), default: []].append(
                AlertAttemptRecord(at: try text(row, 1, "alert_attempt"), statusCode: row[2].int, error: row[3].text))
        }
        return out
    }
}

extension SeriesMetadata {
    /// Metadata from the store's text columns.
    /// - Throws: ``StoreError`` (`unknownValue`) for a value this version does not know.
    static func decoding(
        id: String, kind: String, unit: String, calendar: String, source: String, licence: String, name: String, publication: String
    ) throws -> SeriesMetadata {
        func decode<T: RawRepresentable>(_ type: T.Type, _ column: String, _ raw: String) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: raw) else {
                throw StoreError(.unknownValue, "the store has an unknown \(column) '\(raw)'; was it written by a newer riskflow?")
            }
            return v
        }
        return SeriesMetadata(
            id: id, kind: try decode(SeriesKind.self, "kind", kind), unit: try decode(ValueUnit.self, "unit", unit),
            calendar: try decode(SeriesCalendar.self, "calendar", calendar), source: source, licence: licence, name: name,
            publication: try decode(PublicationRule.self, "publication", publication))
    }
}

import Foundation
import PostgresNIO
import RiskflowCore

/// The store on PostgreSQL: the same tables, columns and meaning as the SQLite store
/// (``StoreSchema``), so `data migrate` copies either way and every command reads the
/// same answers from both. Types map INTEGER → `bigint`, REAL → `double precision`,
/// TEXT → `text`; keys are identity columns.
///
/// Writes are one transaction each (a series replaced, a sync merged, an alert evaluated),
/// with the series row locked (`FOR UPDATE`) while its observations change, so two
/// machines syncing the same series queue up instead of interleaving. Reads of several
/// series run in one REPEATABLE READ snapshot. Reached through ``Store``, which picks this
/// backend for a `postgres://` location.
final class PostgresStore: Sendable {
    let session: PostgresSession

    /// Connects and applies pending migrations (under an advisory lock: several processes
    /// may start at once). A read-only store only checks that the schema is current.
    /// - Throws: ``StoreError`` (`cannotOpen`) naming the database.
    init(url: PostgresURL, readOnly: Bool) throws {
        session = PostgresSession(url: url, readOnly: readOnly)
        if readOnly {
            let version = try session.snapshot { c in try PostgresStoreSchema.version(session, c) }
            guard version == PostgresStoreSchema.migrations.count else {
                throw StoreError(.cannotOpen, "the store \(url) is not migrated to this version; run any riskflow command on it first")
            }
        } else {
            do {
                try session.transaction { c in try PostgresStoreSchema.migrate(session, c) }
            } catch let e as StoreError where e.code != .cannotOpen {
                throw StoreError(.cannotOpen, "cannot open the store \(url): \(e.message)", underlying: e)
            }
        }
    }

    var url: PostgresURL { session.url }

    // MARK: - Series

    func isEmpty() throws -> Bool {
        try session.withConnection { c in try count(c, "SELECT count(*) FROM series") } == 0
    }

    static let metadataColumns = "s.id, s.kind, s.unit, s.calendar, s.source, s.licence, s.name, s.publication"
    typealias MetadataRow = (String, String, String, String, String, String, String, String)

    static func metadata(_ r: MetadataRow) throws -> SeriesMetadata {
        try SeriesMetadata.decoding(
            id: r.0, kind: r.1, unit: r.2, calendar: r.3, source: r.4, licence: r.5, name: r.6, publication: r.7)
    }

    func list(asOf: Day?) throws -> [SeriesInfo] {
        try session.withConnection { c in
            try coverage(c, asOf: asOf, id: nil)
        }
    }

    /// Series with coverage; `asOf` counts only observations published by then.
    private func coverage(_ c: PostgresConnection, asOf: Day?, id: String?) throws -> [SeriesInfo] {
        let at = Int(asOf?.rawValue ?? Int32.max)
        let rows = try session.query(
            c,
            """
            SELECT \(unescaped: Self.metadataColumns), MIN(o.day), MAX(o.day), COUNT(DISTINCT o.day), COUNT(o.volume) > 0
            FROM series s LEFT JOIN observation o ON o.series_key = s.key AND o.available_at <= \(at)
            WHERE \(id == nil) OR s.id = \(id ?? "")
            GROUP BY s.key ORDER BY s.id
            """)
        return try rows.map { row in
            let r = try row.decode((String, String, String, String, String, String, String, String, Int?, Int?, Int, Bool).self)
            return SeriesInfo(
                metadata: try Self.metadata((r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7)), first: r.8.map(Self.day),
                last: r.9.map(Self.day), rows: r.10, hasVolume: r.11)
        }
    }

    func info(_ id: String) throws -> SeriesInfo {
        let found = try session.withConnection { c in try coverage(c, asOf: nil, id: id.uppercased()).first }
        guard let found else { throw StoreError.unknownSeries(id, known: try ids()) }
        return found
    }

    func metadata(_ id: String) throws -> SeriesMetadata {
        let found = try session.withConnection { c in try allMetadata(c, id: id.uppercased()).first }
        guard let found else { throw StoreError.unknownSeries(id, known: try ids()) }
        return found
    }

    func allMetadata() throws -> [SeriesMetadata] {
        try session.withConnection { c in try allMetadata(c, id: nil) }
    }

    func allMetadata(_ c: PostgresConnection, id: String?) throws -> [SeriesMetadata] {
        try session.query(
            c, "SELECT \(unescaped: Self.metadataColumns) FROM series s WHERE \(id == nil) OR s.id = \(id ?? "") ORDER BY s.id"
        ).map { try Self.metadata(try $0.decode(MetadataRow.self)) }
    }

    func latestDay() throws -> Day? {
        try session.withConnection { c in
            try session.query(c, "SELECT MAX((SELECT MAX(day) FROM observation o WHERE o.series_key = s.key)) FROM series s")
                .first.flatMap { try $0.decode(Int?.self) }.map(Self.day)
        }
    }

    func ids() throws -> [String] {
        try session.withConnection { c in try session.query(c, "SELECT id FROM series ORDER BY id").map { try $0.decode(String.self) } }
    }

    // MARK: - Observations

    func bars(_ id: String, asOf: Day?, from: Day?, to: Day?) throws -> Bars {
        let meta = try metadata(id)
        return try session.withConnection { c in try readBars(c, meta: meta, asOf: asOf, from: from, to: to) }
    }

    func marketData(_ symbols: [String], asOf: Day) throws -> MarketData {
        let bars = try session.snapshot { c in
            let all = try allMetadata(c, id: nil)
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            return try symbols.map { s in
                guard let m = byID[s.uppercased()] else { throw StoreError.unknownSeries(s, known: byID.keys.sorted()) }
                return try readBars(c, meta: m, asOf: asOf, from: nil, to: nil)
            }
        }
        return MarketData(asOf: asOf, bars: Dictionary(uniqueKeysWithValues: bars.map { ($0.id, $0) }))
    }

    func marketData(for request: DataRequest, asOf: Day) throws -> MarketData {
        let (bars, kinds, rankings) = try session.snapshot { c in
            let all = try allMetadata(c, id: nil)
            let ids = Set(request.resolve(in: all.map { ($0.id, $0.kind) }))
            let wanted = all.filter { ids.contains($0.id) }
            let bars = try wanted.map { try readBars(c, meta: $0, asOf: asOf, from: nil, to: nil) }
            let rankings = request.rankings ? try self.rankings(c, asOf: asOf) : [:]
            return (bars, wanted.map { ($0.id, $0.kind) }, rankings)
        }
        return MarketData(
            asOf: asOf, bars: Dictionary(uniqueKeysWithValues: bars.map { ($0.id, $0) }),
            kinds: Dictionary(uniqueKeysWithValues: kinds), rankings: rankings)
    }

    /// The latest revision of each day known on `asOf` (`DISTINCT ON (day)` over
    /// `available_at DESC`), in day order: one row of eight arrays (NULL → NaN), decoded
    /// column by column.
    func readBars(_ c: PostgresConnection, meta: SeriesMetadata, asOf: Day?, from: Day?, to: Day?) throws -> Bars {
        let (at, lo, hi) = (Int(asOf?.rawValue ?? Int32.max), Int(from?.rawValue ?? Int32.min), Int(to?.rawValue ?? Int32.max))
        let n = Self.nanToNull
        let rows = try session.query(
            c,
            """
            SELECT array_agg(day ORDER BY day), array_agg(COALESCE(open, \(unescaped: n)) ORDER BY day),
                   array_agg(COALESCE(high, \(unescaped: n)) ORDER BY day), array_agg(COALESCE(low, \(unescaped: n)) ORDER BY day),
                   array_agg(close ORDER BY day), array_agg(COALESCE(volume, \(unescaped: n)) ORDER BY day),
                   array_agg(COALESCE(market_cap, \(unescaped: n)) ORDER BY day), array_agg(available_at ORDER BY day)
            FROM (SELECT DISTINCT ON (o.day) o.day, o.open, o.high, o.low, o.close, o.volume, o.market_cap, o.available_at
                  FROM observation o JOIN series s ON s.key = o.series_key
                  WHERE s.id = \(meta.id) AND o.available_at <= \(at) AND o.day >= \(lo) AND o.day <= \(hi)
                  ORDER BY o.day, o.available_at DESC) latest
            """)
        guard let row = rows.first else { throw StoreError(.readFailed, "reading \(meta.id) from \(url) returned nothing") }
        let r = try row.decode((Int8Column?, Float8Column?, Float8Column?, Float8Column?, Float8Column?, Float8Column?, Float8Column?, Int8Column?).self)
        let days = (r.0?.values ?? []).map(Self.day)
        func column(_ c: Float8Column?) -> [Double] { c?.values ?? [] }
        var bars = Bars(
            id: meta.id, unit: meta.unit, calendar: meta.calendar, days: days, open: column(r.1), high: column(r.2), low: column(r.3),
            close: column(r.4), volume: column(r.5), marketCap: column(r.6))
        bars.availableAt = (r.7?.values ?? []).map(Self.day)
        return bars
    }

    // MARK: - Helpers

    static func day(_ raw: Int) -> Day { Day(rawValue: Int32(truncatingIfNeeded: raw)) }

    func count(_ c: PostgresConnection, _ q: PostgresQuery) throws -> Int {
        try session.query(c, q).first.map { try $0.decode(Int.self) } ?? 0
    }

    /// `NaN` stands for "missing" in riskflow's columns and is stored as NULL.
    static let nanToNull = "'NaN'::float8"
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

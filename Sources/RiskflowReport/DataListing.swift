import RiskflowCore

/// One row of `riskflow data list`. JSON keys: `id, kind, unit, calendar, first, last,
/// rows, source, synced_at, stale` (a public interface: scripts read them). `synced_at` is
/// the last successful `data sync` of the series (ISO 8601 UTC, `null` if never);
/// `stale` is `true` when the last observation is older than its calendar allows today
/// (``Freshness``).
public struct DataListRow: Sendable, Codable, Equatable {
    public var id: String
    public var kind: String
    public var unit: String
    public var calendar: String
    public var first: Day?
    public var last: Day?
    public var rows: Int
    public var source: String
    @NullEncoded public var syncedAt: String?
    public var stale: Bool

    public init(
        id: String, kind: String, unit: String, calendar: String, first: Day?, last: Day?, rows: Int, source: String,
        syncedAt: String? = nil, stale: Bool = false
    ) {
        self.syncedAt = syncedAt
        self.stale = stale
        self.id = id
        self.kind = kind
        self.unit = unit
        self.calendar = calendar
        self.first = first
        self.last = last
        self.rows = rows
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, unit, calendar, first, last, rows, source, stale
        case syncedAt = "synced_at"
    }

    static let header = ["id", "kind", "unit", "calendar", "first", "last", "rows", "source", "synced_at", "stale"]

    /// A ranking table's calendar from the spacing of its snapshots: daily, weekly or monthly.
    public static func rankingCalendar(days: Int, first: Day?, last: Day?) -> String {
        guard let first, let last, days > 1 else { return "daily" }
        let gap = Double(last - first) / Double(days - 1)
        return gap < 3 ? "daily" : gap < 15 ? "weekly" : "monthly"
    }
    var cells: [String] {
        [id, kind, unit, calendar, first?.iso ?? "", last?.iso ?? "", String(rows), source, syncedAt ?? "", stale ? "stale" : "fresh"]
    }
}

/// Renders `data list`.
public enum DataListing {
    public static func table(_ rows: [DataListRow], style: TerminalStyle) -> String {
        var t = TextTable(columns: [
            .init("id"), .init("kind"), .init("unit"), .init("calendar"), .init("first"), .init("last"),
            .init("rows", .right), .init("fresh"), .init("synced"), .init("source"),
        ])
        t.rows = rows.map { r in
            let source = r.source.count > 60 ? String(r.source.prefix(59)) + "…" : r.source
            return [
                r.id, r.kind, r.unit, r.calendar, r.first?.iso ?? "", r.last?.iso ?? "", String(r.rows),
                r.stale ? "stale" : "fresh", r.syncedAt.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "–",
                source,
            ]
        }
        return t.render(style: style)
    }

    public static func csv(_ rows: [DataListRow]) -> String {
        CSVText.render(header: DataListRow.header, rows: rows.map(\.cells))
    }
}

import RiskflowCore

/// One row of `riskflow data list`. JSON keys: `id, kind, unit, calendar, first, last,
/// rows, source` (a public interface: scripts read them).
public struct DataListRow: Sendable, Codable, Equatable {
    public var id: String
    public var kind: String
    public var unit: String
    public var calendar: String
    public var first: Day?
    public var last: Day?
    public var rows: Int
    public var source: String

    public init(
        id: String, kind: String, unit: String, calendar: String, first: Day?, last: Day?, rows: Int, source: String
    ) {
        self.id = id
        self.kind = kind
        self.unit = unit
        self.calendar = calendar
        self.first = first
        self.last = last
        self.rows = rows
        self.source = source
    }

    static let header = ["id", "kind", "unit", "calendar", "first", "last", "rows", "source"]

    /// A ranking table's calendar from the spacing of its snapshots: daily, weekly or monthly.
    public static func rankingCalendar(days: Int, first: Day?, last: Day?) -> String {
        guard let first, let last, days > 1 else { return "daily" }
        let gap = Double(last - first) / Double(days - 1)
        return gap < 3 ? "daily" : gap < 15 ? "weekly" : "monthly"
    }
    var cells: [String] {
        [id, kind, unit, calendar, first?.iso ?? "", last?.iso ?? "", String(rows), source]
    }
}

/// Renders `data list`.
public enum DataListing {
    public static func table(_ rows: [DataListRow], style: TerminalStyle) -> String {
        var t = TextTable(columns: [
            .init("id"), .init("kind"), .init("unit"), .init("calendar"), .init("first"), .init("last"),
            .init("rows", .right), .init("source"),
        ])
        t.rows = rows.map { r in
            var c = r.cells
            c[1] = r.kind
            c[7] = r.source.count > 70 ? String(r.source.prefix(69)) + "…" : r.source
            return c
        }
        return t.render(style: style)
    }

    public static func csv(_ rows: [DataListRow]) -> String {
        CSVText.render(header: DataListRow.header, rows: rows.map(\.cells))
    }
}

/// Comma-separated text (RFC 4180): fields quoted only when they contain a comma, a
/// quote or a line break; lines end with `\n`.
public enum CSVText {
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        out.reserveCapacity(rows.count * 48)
        for r in rows { out += line(r) }
        return out
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

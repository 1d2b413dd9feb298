/// An aligned plain-text table, optionally with ANSI styling for a terminal.
///
/// ```
/// id    rows  first
/// ────  ────  ──────────
/// RUT   9811  1987-09-10
/// ```
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as lines joined by `\n` (no trailing newline). Column widths count
    /// Unicode characters, not bytes.
    public func render(style: TerminalStyle = .plain) -> String {
        var widths = columns.map { $0.title.count }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String], header: Bool) -> String {
            var parts: [String] = []
            for (i, column) in columns.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let isLast = i == columns.count - 1
                let text: String
                switch column.alignment {
                case .left: text = cell + (isLast ? "" : pad)
                case .right: text = pad + cell
                }
                parts.append(header ? style.bold(text) : text)
            }
            return parts.joined(separator: "  ")
        }
        var out = [line(columns.map(\.title), header: true)]
        out.append(style.dim(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")))
        for row in rows { out.append(line(row, header: false)) }
        return out.joined(separator: "\n")
    }
}

/// ANSI styling that is switched off when output is not a terminal or `NO_COLOR` is set.
public struct TerminalStyle: Sendable {
    public var isColored: Bool

    public static let plain = TerminalStyle(isColored: false)
    public static let colored = TerminalStyle(isColored: true)

    public init(isColored: Bool) { self.isColored = isColored }

    func wrap(_ s: String, _ code: String) -> String { isColored ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
}

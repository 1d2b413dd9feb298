/// The three outputs of every command: a terminal table, JSON and CSV.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case table, json, csv
}

/// A result value that renders itself in each ``OutputFormat``: the terminal table and the
/// CSV from the value alone, the JSON by its `Encodable` conformance (``JSONText``:
/// snake_case keys, sorted, full precision). Every command is `render(run(job), format)`,
/// so its three outputs — and the API's JSON, which encodes the same value — always agree.
public protocol Renderable: Encodable {
    /// The terminal table (styled for a terminal, or plain).
    func table(style: TerminalStyle) -> String
    /// The CSV text, with a header row.
    var csv: String { get }
}

extension Renderable {
    /// The value in `format`.
    /// - Throws: an `EncodingError` when a value cannot be written as JSON.
    public func rendered(as format: OutputFormat, style: TerminalStyle) throws -> String {
        switch format {
        case .table: table(style: style)
        case .json: try JSONText.encode(self)
        case .csv: csv
        }
    }
}

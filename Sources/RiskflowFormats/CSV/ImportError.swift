/// A CSV file that cannot be imported, naming the file, the line (1-based) and the field.
///
/// Printed as `IWM.csv:1203: column 'close': "12,3x" is not a number`.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name as given (or `<input>` for in-memory text).
    public var file: String
    /// The 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int
    /// The column, when one field is at fault.
    public var field: String?
    /// What is wrong and what was expected.
    public var reason: String

    public init(file: String, line: Int, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(field.map { "column '\($0)': " } ?? "")\(reason)"
    }
}

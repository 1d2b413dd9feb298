import Foundation

/// JSON output: pretty-printed, keys sorted, numbers in full double precision (the
/// shortest text that reads back as the same `Double`).
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

import Foundation

/// JSON output: pretty-printed, keys sorted, numbers in full double precision (the
/// shortest text that reads back as the same `Double`). Missing values are `null`; a
/// non-finite number that reaches the encoder (which the result types avoid) is written
/// as the string "NaN" or "±Infinity" rather than failing the whole output.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

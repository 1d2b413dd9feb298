/// ISO 8601 calendar dates (`YYYY-MM-DD`), parsed and printed by hand: no
/// `DateFormatter`, no allocation beyond the result string.
extension Day {
    /// Parses an ISO date `YYYY-MM-DD` (exactly four, two and two digits).
    ///
    /// - Throws: ``DayParseError`` naming the text when it is not a real calendar date.
    public init(iso text: some StringProtocol) throws(DayParseError) {
        var copy = String(text)
        let parsed: Day? = copy.withUTF8 { Day.parseISO($0) }
        guard let parsed else { throw DayParseError(text: String(text)) }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` from the first 10 bytes of `bytes`; `nil` when malformed or
    /// not a real date. Bytes after the tenth are ignored only when `allowTrailing`.
    @inlinable
    public static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>, allowTrailing: Bool = false) -> Day? {
        guard bytes.count == 10 || (allowTrailing && bytes.count > 10) else { return nil }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var year = 0
        for i in 0..<4 {
            let d = Int(bytes[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            year = year * 10 + d
        }
        let m1 = Int(bytes[5]) &- 48, m2 = Int(bytes[6]) &- 48
        let d1 = Int(bytes[8]) &- 48, d2 = Int(bytes[9]) &- 48
        guard m1 >= 0, m1 <= 9, m2 >= 0, m2 <= 9, d1 >= 0, d1 <= 9, d2 >= 0, d2 <= 9 else { return nil }
        return Day(year: year, month: m1 * 10 + m2, day: d1 * 10 + d2)
    }

    /// The ISO 8601 text `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        var bytes: [UInt8] = []
        bytes.reserveCapacity(11)
        if y < 0 { bytes.append(UInt8(ascii: "-")) }
        let ay = abs(y)
        bytes.append(UInt8(48 + (ay / 1000) % 10))
        bytes.append(UInt8(48 + (ay / 100) % 10))
        bytes.append(UInt8(48 + (ay / 10) % 10))
        bytes.append(UInt8(48 + ay % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(48 + m / 10))
        bytes.append(UInt8(48 + m % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(48 + d / 10))
        bytes.append(UInt8(48 + d % 10))
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Day: CustomStringConvertible, LosslessStringConvertible {
    public var description: String { iso }

    public init?(_ description: String) {
        guard let d = try? Day(iso: description) else { return nil }
        self = d
    }
}

extension Day: Codable {
    /// Decodes from an ISO `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Day(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a date in the form YYYY-MM-DD")
        }
    }

    /// Encodes as an ISO `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A text that is not an ISO `YYYY-MM-DD` calendar date.
public struct DayParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending text.
    public var text: String
    public var description: String { "\"\(text)\" is not a date in the form YYYY-MM-DD" }
}

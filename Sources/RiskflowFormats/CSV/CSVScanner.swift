/// Splits UTF-8 CSV bytes into lines and fields without copying: handles a UTF-8 BOM,
/// LF and CRLF endings, quoted fields with `""` escapes, and trailing blank lines.
package struct CSVScanner {
    package let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the next unread byte.
    private(set) var position: Int
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            position = 3
        } else {
            position = 0
        }
    }

    /// A line: its byte range (without the line ending) and whether it ended with a
    /// newline (the last line of a file may not).
    package struct Line {
        var start: Int
        var end: Int
        var number: Int
        var terminated: Bool
        var isBlank: Bool { end == start }
    }

    /// The next line, or `nil` at the end of the input. Newlines inside quoted fields
    /// do not end a line.
    package mutating func nextLine() -> Line? {
        guard position < bytes.count else { return nil }
        let start = position
        var i = position
        var inQuotes = false
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 10 && !inQuotes { break }
            if b == 34 { inQuotes.toggle() }
            i += 1
        }
        lineNumber += 1
        let terminated = i < n
        position = terminated ? i + 1 : n
        var end = i
        if end > start && bytes[end - 1] == 13 { end -= 1 }
        return Line(start: start, end: end, number: lineNumber, terminated: terminated)
    }

    /// Splits `line` into fields, writing each field's content range (inside quotes,
    /// for quoted fields) to `fields`. Returns the number of fields.
    package func split(_ line: Line, into fields: inout [FieldRange]) -> Int {
        fields.removeAll(keepingCapacity: true)
        var i = line.start
        let end = line.end
        while true {
            if i < end && bytes[i] == 34 {
                // Quoted field: up to the closing quote not followed by another quote.
                var j = i + 1
                var hasEscapes = false
                while j < end {
                    if bytes[j] == 34 {
                        if j + 1 < end && bytes[j + 1] == 34 {
                            hasEscapes = true
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                fields.append(FieldRange(start: i + 1, end: min(j, end), quoted: true, hasEscapes: hasEscapes))
                // Skip to the next comma.
                var k = j + 1
                while k < end && bytes[k] != 44 { k += 1 }
                if k >= end { break }
                i = k + 1
            } else {
                var j = i
                while j < end && bytes[j] != 44 { j += 1 }
                fields.append(FieldRange(start: i, end: j, quoted: false, hasEscapes: false))
                if j >= end { break }
                i = j + 1
            }
        }
        return fields.count
    }

    /// The text of a field (unescaping `""`).
    package func text(_ f: FieldRange) -> String {
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
        return f.hasEscapes ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}

/// The byte range of one field's content.
package struct FieldRange {
    package var start: Int
    package var end: Int
    package var quoted: Bool
    package var hasEscapes: Bool
    package var isEmpty: Bool { end <= start }
}

extension String {
    /// `replacingOccurrences` without Foundation.
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        result += rest
        return result
    }
}

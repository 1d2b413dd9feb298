import ArgumentParser
import TOMLKit

/// Parses `riskflow.toml` text with TOMLKit after refusing what would trap inside it.
///
/// toml++ (the C++ parser under TOMLKit) assumes, without checking, that a table header's
/// first character after `[` or `[[` and any blanks starts a key (a bare-key character
/// `A–Z a–z 0–9 _ -` or a quote); anything else (`[.symbols.RUT]`, found by
/// `scripts/fuzz.sh`) fails an `assert` and aborts the process — in release builds too.
/// So every line that starts with `[` is checked first, wherever it is: the check is
/// conservative (a line inside a multi-line array that starts with a nested `[ [` or
/// `[{`, or is a lone `[`, is refused too; riskflow's config has no such values) and names
/// the line.
package enum TOMLText {
    /// - Throws: `ValidationError` naming `file` and the line, for a header that does not
    ///   start with a key or for text TOMLKit refuses.
    package static func table(_ text: String, file: String) throws -> TOMLTable {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var chars = line.unicodeScalars.drop { $0 == " " || $0 == "\t" }
            guard chars.first == "[" else { continue }
            chars = chars.dropFirst()
            if chars.first == "[" { chars = chars.dropFirst() }
            chars = chars.drop { $0 == " " || $0 == "\t" }
            if let c = chars.first, c == "]" || c == "\"" || c == "'" || isBareKeyCharacter(c) { continue }
            let found = chars.first.map { $0 == "\r" ? "the end of the line" : "'\(String($0))'" } ?? "the end of the line"
            throw ValidationError("\(file): line \(number + 1): a table header must start with a key (letters, digits, _ or -, or a quoted key), not \(found)")
        }
        do {
            return try TOMLTable(string: text)
        } catch {
            throw ValidationError("\(file): not valid TOML: \(error)")
        }
    }

    static func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
}

import Foundation

/// The regular expressions of the API's query values, shared by the OpenAPI document (its
/// `pattern`s) and the server's checks, so a value the document admits is a value the
/// server accepts and the reverse.
///
/// They use the common subset of ECMA-262 (JSON Schema), Python `re` and ICU
/// (`NSRegularExpression`): classes, groups `(?:…)`, alternation and bounded repeats.
public enum APIPattern {
    /// A valid Gregorian calendar day `YYYY-MM-DD`, years 0000–9999 (February 29 only
    /// in leap years), without anchors.
    public static let day: String = {
        let anyYear = "[0-9]{4}"
        let monthDay = "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
        let leapYear = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
        return "(?:\(anyYear)-\(monthDay)|\(leapYear)-02-29)"
    }()

    /// A whole number of days 1…3650, without a sign or leading zeros, without anchors.
    public static let horizonDays = "(?:[1-9][0-9]{0,2}|[1-2][0-9]{3}|3[0-5][0-9]{2}|36[0-4][0-9]|3650)"

    /// A comma-separated list of one or more `item`s, spaces allowed around each.
    public static func list(of item: String) -> String { "^ *\(item) *(?:, *\(item) *)*$" }

    /// At least one character that is neither a comma nor a space: a list with at least
    /// one non-empty item (unanchored).
    public static let nonEmptyList = "[^, ]"

    /// Whether `value` matches `pattern` (a search, as JSON Schema's `pattern` is; the
    /// patterns above anchor themselves). A pattern that does not compile matches nothing.
    /// Cost: compiles the pattern once per call (the server's patterns are few and short).
    public static func matches(_ value: String, _ pattern: String) -> Bool {
        guard let rx = try? NSRegularExpression(pattern: pattern) else { return false }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return rx.firstMatch(in: value, options: [], range: range) != nil
    }
}

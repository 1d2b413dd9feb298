import Foundation
import RiskflowCore

/// Helpers the providers share.
package enum ProviderSupport {
    /// Unix seconds of 00:00 UTC of `day`.
    package static func unix(_ day: Day) -> Int64 { Int64(day.rawValue) * 86_400 }

    /// The UTC day of a Unix time in seconds.
    /// A time that is not finite or lies outside years ±9999 is read as the nearest end
    /// of that range (only the sync's own clock comes here; parsed times use ``day(unixDays:)``).
    package static func day(unix seconds: Double) -> Day {
        day(unixDays: (seconds / 86_400).rounded(.down)) ?? (seconds < 0 ? earliest : latest)
    }

    /// The day `days` after 1970-01-01 when it is a whole number within years ±9999
    /// (what a ``Day`` holds), else `nil`: a provider's timestamp is input and may be anything.
    package static func day(unixDays days: Double) -> Day? {
        guard days.isFinite, days == days.rounded(.down), days >= Double(earliest.rawValue), days <= Double(latest.rawValue)
        else { return nil }
        return Day(rawValue: Int32(days))
    }

    /// -9999-01-01 and 9999-12-31, the range of ``Day``.
    package static let earliest = Day(year: -9999, month: 1, day: 1) ?? Day(rawValue: -4_371_587)
    package static let latest = Day.latestPossible

    /// `YYYYMMDD`.
    package static func compact(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    /// Percent-encodes a path or query component (`^RUT` → `%5ERUT`).
    package static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Checks the status and the body's kind before a parser sees it: HTML pages and
    /// empty bodies are `malformed`, other non-2xx statuses `http` (with the body's first
    /// line, which is where providers put their message).
    package static func check(_ r: ProviderResponse, _ c: RequestContext, expecting what: String) throws {
        if r.isHTML {
            throw c.error(.malformed, "HTTP \(r.status): an HTML page instead of \(what)")
        }
        guard (200...299).contains(r.status) else {
            throw c.error(.http, "HTTP \(r.status): \(snippet(r.text))")
        }
        if r.body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) {
            throw c.error(.empty, "an empty body instead of \(what)")
        }
    }

    /// A CSV body of `format` through the importer's parser: HTML, bad statuses and empty
    /// bodies first (``check``), then `malformed` for a bad line, `empty` for no row.
    package static func csv(_ r: ProviderResponse, _ c: RequestContext, format: CSVFormat, name: String) throws -> ParsedCSV {
        try check(r, c, expecting: "CSV")
        let parsed: ParsedCSV
        do {
            parsed = try CSVParser.parse(r.body, file: c.url, options: .init(format: format))
        } catch {
            throw c.error(.malformed, "not \(name) CSV: \(error.reason)")
        }
        guard parsed.rowCount > 0 else { throw c.error(.empty, "no observation in the range asked") }
        return parsed
    }

    /// The first 160 characters of a body, on one line.
    package static func snippet(_ text: String) -> String {
        let one = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return one.count > 160 ? String(one.prefix(160)) + "…" : one
    }

    /// Decodes JSON, turning decoding errors into `malformed` errors that say what was
    /// wrong (truncated, a missing key, a wrong type) at which path.
    package static func decode<T: Decodable>(_ type: T.Type, _ r: ProviderResponse, _ c: RequestContext) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(r.body))
        } catch let DecodingError.dataCorrupted(ctx) where ctx.codingPath.isEmpty {
            throw c.error(.malformed, "not valid JSON (truncated or corrupted body of \(r.body.count) bytes)")
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw c.error(.malformed, "malformed JSON: no '\(key.stringValue)' at \(path(ctx.codingPath))")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw c.error(.malformed, "malformed JSON: unexpected type at \(path(ctx.codingPath))")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw c.error(.malformed, "malformed JSON: null at \(path(ctx.codingPath))")
        } catch {
            throw c.error(.malformed, "malformed JSON: \(error)")
        }
    }

    package static func path(_ p: [any CodingKey]) -> String {
        p.isEmpty ? "the top level" : p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

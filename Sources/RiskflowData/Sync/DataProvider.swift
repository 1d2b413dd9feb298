import Foundation
import RiskflowCore

/// What one fetch asks for: the symbol, where it maps, and the window of days.
public struct FetchWindow: Sendable, Equatable {
    /// First day wanted; `nil` means the provider's whole history.
    public var from: Day?
    /// Last day wanted (today, UTC).
    public var to: Day
    /// The moment of the sync, seconds since 1970 UTC: bars not final by then (today's
    /// session still trading, Binance's open kline) are dropped.
    public var now: Double

    public init(from: Day?, to: Day, now: Double) {
        self.from = from
        self.to = to
        self.now = now
    }
}

/// One live data source. Each provider builds the documented request for a symbol and
/// turns the documented response into a ``FetchedSeries``; the parsing is a pure static
/// function of the body, tested on recorded shapes.
public protocol DataProvider: Sendable {
    var name: ProviderName { get }
    /// The first request a fetch makes (what `--dry-run` prints).
    func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest
    /// Fetches and parses every page of the symbol's data in the window.
    /// - Throws: ``SyncError`` naming the provider, the symbol and the URL.
    func fetch(symbol: String, mapping: SymbolMapping, window: FetchWindow, client: ProviderClient) async throws
        -> FetchedSeries
}

/// Helpers the providers share.
enum ProviderSupport {
    /// Unix seconds of 00:00 UTC of `day`.
    static func unix(_ day: Day) -> Int64 { Int64(day.rawValue) * 86_400 }

    /// The UTC day of a Unix time in seconds.
    static func day(unix seconds: Double) -> Day { Day(rawValue: Int32((seconds / 86_400).rounded(.down))) }

    /// `YYYYMMDD`.
    static func compact(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    /// Percent-encodes a path or query component (`^RUT` → `%5ERUT`).
    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Checks the status and the body's kind before a parser sees it: HTML pages and
    /// empty bodies are `malformed`, other non-2xx statuses `http` (with the body's first
    /// line, which is where providers put their message).
    static func check(_ r: ProviderResponse, _ c: RequestContext, expecting what: String) throws {
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
    static func csv(_ r: ProviderResponse, _ c: RequestContext, format: CSVFormat, name: String) throws -> ParsedCSV {
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
    static func snippet(_ text: String) -> String {
        let one = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return one.count > 160 ? String(one.prefix(160)) + "…" : one
    }

    /// Decodes JSON, turning decoding errors into `malformed` errors that say what was
    /// wrong (truncated, a missing key, a wrong type) at which path.
    static func decode<T: Decodable>(_ type: T.Type, _ r: ProviderResponse, _ c: RequestContext) throws -> T {
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

    static func path(_ p: [any CodingKey]) -> String {
        p.isEmpty ? "the top level" : p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

import Foundation
import RiskflowCore

/// FRED, the St. Louis Fed's data service.
///
/// - Without a key: the CSV download `graph/fredgraph.csv?id=ID&cosd=START` (on
///   `graph_url`), `observation_date,ID` (or the older `DATE,ID`), missing values empty
///   or `.`; each value's `available_at` follows the series' publication rule.
/// - With `FRED_API_KEY` (32 lower-case letters and digits; never printed, logged or
///   stored): the JSON API `fred/series/observations?series_id=ID&api_key=…&file_type=json`
///   asked for **ALFRED vintages** (`realtime_start=START&realtime_end=9999-12-31`): every
///   value comes with the day it was published (`realtime_start`), which becomes its
///   `available_at`, and each revision is a vintage. A vintage that began before
///   `START` comes back with `realtime_start = START` (ALFRED clips it to the window):
///   those values are already stored, so the clip can only make a value known later than
///   it was, never earlier. `.` means missing. Pages of 100,000 rows follow `offset`.
public struct FREDProvider: Sendable {
    public let name = ProviderName.fred
    package let settings: ProviderSettings
    package let apiKey: String?

    /// - Throws: ``SyncError`` (`config`) when `apiKey` is not 32 lower-case letters or
    ///   digits; the message does not contain the key.
    public init(settings: ProviderSettings, apiKey: String?) throws {
        self.settings = settings
        if let apiKey, !apiKey.isEmpty {
            guard FREDProvider.isValidKey(apiKey) else {
                throw SyncError(.config, "FRED_API_KEY is set but is not a FRED API key (32 lower-case letters and digits)")
            }
            self.apiKey = apiKey
        } else {
            self.apiKey = nil
        }
    }

    package static func isValidKey(_ k: String) -> Bool {
        k.utf8.count == 32 && k.utf8.allSatisfy { (48...57).contains($0) || (97...122).contains($0) }
    }

    /// The earliest realtime day ALFRED knows.
    package static let realtimeOrigin = "1776-07-04"

    public func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest {
        request(id: mapping.id, window: window, offset: 0)
    }

    package func request(id: String, window: FetchWindow, offset: Int) -> ProviderRequest {
        let series = ProviderSupport.encode(id)
        guard let apiKey else {
            var url = settings.url("graph/fredgraph.csv", base: settings.graphURL) + "?id=\(series)"
            if let from = window.from { url += "&cosd=\(from.iso)" }
            return ProviderRequest(url: url)
        }
        let start = window.from?.iso ?? FREDProvider.realtimeOrigin
        var url = settings.url("fred/series/observations")
            + "?series_id=\(series)&api_key=\(apiKey)&file_type=json&realtime_start=\(start)&realtime_end=9999-12-31"
        if let from = window.from { url += "&observation_start=\(from.iso)" }
        if offset > 0 { url += "&offset=\(offset)" }
        return ProviderRequest(url: url, secrets: [apiKey])
    }

    package func firstRequestShown(_ m: SymbolMapping, _ w: FetchWindow) -> String {
        request(id: m.id, window: w, offset: 0).shownURL
    }

    // MARK: - Parsing (pure)

    /// The `fredgraph.csv` body as rows on the series' own days (publication rule applies).
    package static func parseGraphCSV(_ r: ProviderResponse, context c: RequestContext) throws -> FetchedSeries {
        if r.status == 404 || r.status == 400 { throw c.error(.unknownSymbol, "FRED has no series '\(c.symbol)' (HTTP \(r.status))") }
        let parsed = try ProviderSupport.csv(r, c, format: .fred, name: "FRED")
        var out = FetchedSeries()
        for i in 0..<parsed.rowCount { out.append(day: parsed.days[i], close: parsed.close[i]) }
        out.kind = .macro
        return out
    }

    package struct Observation: Decodable, Sendable {
        package var realtime_start: String
        package var realtime_end: String?
        package var date: String
        package var value: String
    }

    package struct Page: Decodable {
        package var count: Int
        package var offset: Int?
        package var observations: [Observation]
    }

    package struct APIError: Decodable {
        package var error_code: Int?
        package var error_message: String
    }

    /// One page of `fred/series/observations` JSON; FRED's `{"error_code","error_message"}`
    /// becomes an `unknown_symbol` error when the series does not exist, else `http`.
    package static func parseObservations(_ r: ProviderResponse, context c: RequestContext) throws -> Page {
        if !(200...299).contains(r.status), !r.isHTML, let e = try? JSONDecoder().decode(APIError.self, from: Data(r.body)) {
            if e.error_message.lowercased().contains("does not exist") {
                throw c.error(.unknownSymbol, "FRED has no series '\(c.symbol)': \(e.error_message)")
            }
            throw c.error(.http, "HTTP \(r.status): \(e.error_message)")
        }
        try ProviderSupport.check(r, c, expecting: "JSON")
        return try ProviderSupport.decode(Page.self, r, c)
    }

    /// Observations (possibly several vintages per date) as rows in (day, vintage)
    /// order, each known on its `realtime_start`; `.` values are skipped.
    package static func vintages(_ rows: [Observation], context c: RequestContext) throws -> FetchedSeries {
        var parsed: [(Day, Day, Double)] = []
        parsed.reserveCapacity(rows.count)
        for o in rows {
            guard let day = Day(o.date), let start = Day(o.realtime_start) else {
                throw c.error(.malformed, "bad date '\(o.date)' or realtime_start '\(o.realtime_start)'")
            }
            if o.value == "." || o.value.isEmpty { continue }
            guard let v = Double(o.value), v.isFinite else {
                throw c.error(.malformed, "value '\(o.value)' on \(o.date) is not a number")
            }
            parsed.append((day, start, v))
        }
        guard !parsed.isEmpty else { throw c.error(.empty, "no observation in the range asked") }
        parsed.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var out = FetchedSeries()
        for (day, start, v) in parsed { out.append(day: day, close: v, availableAt: start) }
        out.kind = .macro
        return out
    }
}

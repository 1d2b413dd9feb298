import Foundation
import RiskflowCore
import RiskflowFormats

/// Choices for `data import`; `nil` means "infer".
public struct ImportRequest: Sendable {
    public var path: String
    public var symbol: String?
    public var format: CSVFormat?
    public var kind: SeriesKind?
    public var unit: ValueUnit?
    public var calendar: SeriesCalendar?
    public var publication: PublicationRule?
    public var adjustYahoo: Bool

    public init(
        path: String, symbol: String? = nil, format: CSVFormat? = nil, kind: SeriesKind? = nil, unit: ValueUnit? = nil,
        calendar: SeriesCalendar? = nil, publication: PublicationRule? = nil, adjustYahoo: Bool = true
    ) {
        self.path = path
        self.symbol = symbol
        self.format = format
        self.kind = kind
        self.unit = unit
        self.calendar = calendar
        self.publication = publication
        self.adjustYahoo = adjustYahoo
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var id: String
    public var file: String
    public var format: String
    public var kind: String
    public var unit: String
    public var calendar: String
    public var rows: Int
    public var first: Day
    public var last: Day
    /// Rows without a close/value that were skipped.
    public var skipped: Int
    /// Exact duplicate rows dropped.
    public var duplicates: Int
    /// `true` when the file was newest-first.
    public var reversed: Bool
    /// Rows the series had before (0 for a new series).
    public var replacedRows: Int

    /// JSON keys in snake case (a public interface); the Swift names are camelCase.
    enum CodingKeys: String, CodingKey {
        case id
        case file
        case format
        case kind
        case unit
        case calendar
        case rows
        case first
        case last
        case skipped
        case duplicates
        case reversed
        case replacedRows = "replaced_rows"
    }
}

/// Imports CSV files into the store: parse everything first, then write in one
/// transaction, so a bad file changes nothing.
public enum CSVImport {
    /// Imports `request.path` into `store`, replacing the series if it exists.
    ///
    /// Metadata: explicit choices win; then the existing series' metadata; then the
    /// bundled catalogue (for known ids such as `WALCL`); then the format (crypto
    /// exports: crypto, USD, daily; FRED: macro, with `--unit` required for unknown
    /// ids); else an ETF in USD on the NYSE calendar. The calendar of a new series is
    /// inferred from its days (weekend rows: daily; ~weekly or ~monthly spacing).
    /// - Throws: ``ImportError`` for the file, ``StoreError`` for a missing symbol or unit.
    public static func run(_ request: ImportRequest, into store: any RiskflowStore) async throws -> ImportSummary {
        let url = URL(fileURLWithPath: request.path)
        let name = url.lastPathComponent
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: url))
        } catch {
            throw ImportError(file: request.path, line: 0, reason: "cannot read the file: \(error.localizedDescription)")
        }
        let parsed = try CSVParser.parse(
            bytes, file: name, options: .init(format: request.format, adjustYahoo: request.adjustYahoo))
        guard let rawID = request.symbol ?? parsed.seriesHint, !rawID.isEmpty else {
            throw StoreError(.missingSymbol, "\(name): the file does not name its series")
        }
        let id = normalizedID(rawID)
        let existing = try? await store.info(id)
        let metadata = try resolveMetadata(
            id: id, request: request, parsed: parsed, existing: existing?.metadata, fileName: name)
        let bars = parsed.bars(id: id, unit: metadata.unit, calendar: metadata.calendar)
        try await store.replace(
            bars, metadata: metadata,
            origin: ImportOrigin(
                origin: url.path, format: parsed.format.rawValue, skipped: parsed.skippedMissing,
                duplicates: parsed.droppedDuplicates))
        return ImportSummary(
            id: id, file: url.path, format: parsed.format.rawValue, kind: metadata.kind.rawValue,
            unit: metadata.unit.rawValue, calendar: metadata.calendar.rawValue, rows: parsed.rowCount,
            first: parsed.days[0], last: parsed.days[parsed.rowCount - 1], skipped: parsed.skippedMissing,
            duplicates: parsed.droppedDuplicates, reversed: parsed.wasReversed, replacedRows: existing?.rows ?? 0)
    }

    /// `^RUT` → `RUT`, `BTC-USD` stays; upper case.
    static func normalizedID(_ raw: String) -> String {
        var s = raw.trimmed.uppercased()
        if s.hasPrefix("^") { s.removeFirst() }
        return s
    }

    static func resolveMetadata(
        id: String, request: ImportRequest, parsed: ParsedCSV, existing: SeriesMetadata?, fileName: String
    ) throws -> SeriesMetadata {
        let catalogued = SnapshotCatalog.known(id)
        let base: SeriesMetadata? = existing ?? catalogued
        let cryptoFormats: Set<CSVFormat> = [.coingecko, .coinmarketcap, .binance, .cryptodatadownload]
        let kind =
            request.kind ?? base?.kind
            ?? (parsed.format == .fred || parsed.holdsValues ? .macro : cryptoFormats.contains(parsed.format) ? .crypto : .etf)
        let unit: ValueUnit
        if let u = request.unit ?? base?.unit {
            unit = u
        } else if kind == .macro {
            throw StoreError(.missingUnit, "\(fileName): \(id) is a new macro series and its unit is unknown")
        } else {
            unit = kind == .index ? .indexPoints : .usd
        }
        let calendar = request.calendar ?? base?.calendar ?? inferCalendar(parsed.days)
        let source = "import: \(fileName) (\(parsed.format.rawValue))"
        return SeriesMetadata(
            id: id, kind: kind, unit: unit, calendar: calendar, source: source,
            licence: base?.licence ?? "as stated by the file's provider", name: base?.name ?? id,
            publication: request.publication ?? (existing?.publication ?? .default(for: id, kind: kind, calendar: calendar)))
    }

    /// Daily when any row falls on a weekend; weekly or monthly by the median spacing;
    /// else NYSE.
    package static func inferCalendar(_ days: [Day]) -> SeriesCalendar {
        guard days.count >= 3 else { return .nyse }
        if days.contains(where: \.isWeekend) {
            let gaps = zip(days.dropFirst(), days).map { $0 - $1 }.sorted()
            let median = gaps[gaps.count / 2]
            return median >= 25 ? .monthly : median >= 6 ? .weekly : .daily
        }
        let gaps = zip(days.dropFirst(), days).map { $0 - $1 }.sorted()
        let median = gaps[gaps.count / 2]
        return median >= 25 ? .monthly : median >= 6 ? .weekly : .nyse
    }
}

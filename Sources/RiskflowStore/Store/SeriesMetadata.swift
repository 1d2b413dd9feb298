import RiskflowCore

/// What the store knows about a series besides its observations.
public struct SeriesMetadata: Sendable, Codable, Equatable {
    /// Symbol or FRED id, upper case (`RUT`, `WALCL`).
    public var id: String
    public var kind: SeriesKind
    public var unit: ValueUnit
    public var calendar: SeriesCalendar
    /// Where the data came from (provider, file, repository).
    public var source: String
    /// The licence or terms of use, as far as known.
    public var licence: String
    /// A one-line description ("Russell 2000 index").
    public var name: String
    /// How `available_at` is derived from each observation's day.
    public var publication: PublicationRule

    public init(
        id: String, kind: SeriesKind, unit: ValueUnit, calendar: SeriesCalendar, source: String,
        licence: String = "", name: String = "", publication: PublicationRule? = nil
    ) {
        self.id = id
        self.kind = kind
        self.unit = unit
        self.calendar = calendar
        self.source = source
        self.licence = licence
        self.name = name
        self.publication = publication ?? .default(for: id, kind: kind, calendar: calendar)
    }
}

/// A stored series' metadata with its coverage (as of the latest data).
public struct SeriesInfo: Sendable, Codable, Equatable {
    public var metadata: SeriesMetadata
    /// First and last observation day, `nil` when the series has no observation.
    public var first: Day?
    public var last: Day?
    /// Number of observation days.
    public var rows: Int
    /// `true` when any row has a volume.
    public var hasVolume: Bool
}

/// A failure of the store, with a code scripts and the command line can act on, the
/// message in words, and the underlying error (GRDB's, the file system's) when there is one.
public typealias StoreError = CodedError<StoreErrorCode>

public enum StoreErrorCode: String, Sendable {
    /// A series id the store does not have.
    case unknownSeries = "unknown_series"
    /// An imported file names no series and none was given.
    case missingSymbol = "missing_symbol"
    /// A new series whose unit cannot be inferred and was not given.
    case missingUnit = "missing_unit"
    /// The store's folder cannot be created or its file cannot be opened as a store.
    case cannotOpen = "cannot_open"
    /// SQLite failed while reading or writing.
    case readFailed = "read_failed"
    case writeFailed = "write_failed"
    /// The store holds a value this version does not know (written by a newer one).
    case unknownValue = "unknown_value"
}

extension CodedError where Code == StoreErrorCode {
    /// An unknown series id, listing the known ones.
    static func unknownSeries(_ id: String, known: [String]) -> StoreError {
        StoreError(.unknownSeries, "unknown series '\(id)'; the store has: \(known.joined(separator: ", "))")
    }
}

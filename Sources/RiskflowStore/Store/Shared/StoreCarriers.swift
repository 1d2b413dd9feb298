import RiskflowCore

/// One series of a replace (`Bars`, metadata, where it came from), as a `Sendable` value
/// both backends hand to their write transaction.
struct ReplaceItem: Sendable {
    var bars: Bars
    var metadata: SeriesMetadata
    var origin: ImportOrigin
}

/// One table's rows, for a bulk load and its read-back.
struct TableRows: Sendable {
    var table: StoreTable
    var rows: [[StoreValue]]
}

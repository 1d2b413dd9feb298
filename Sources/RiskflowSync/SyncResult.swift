import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// The outcome of syncing one series: one element of `data sync --format json`.
///
/// JSON keys: `symbol`, `provider`, `status`, `rows_added` (new days), `revisions`
/// (changed values of known days), `first_new` / `last_new` (the first and last new day,
/// `null` when none), `error` (provider, symbol and URL without keys; `null` on success).
public struct SyncSeriesResult: Sendable, Codable, Equatable {
    public var symbol: String
    public var provider: ProviderName
    public var status: SyncStatus
    public var rowsAdded: Int
    public var revisions: Int
    @NullEncoded public var firstNew: Day?
    @NullEncoded public var lastNew: Day?
    @NullEncoded public var error: String?

    public init(
        symbol: String, provider: ProviderName, status: SyncStatus, rowsAdded: Int = 0, revisions: Int = 0,
        firstNew: Day? = nil, lastNew: Day? = nil, error: String? = nil
    ) {
        self.symbol = symbol
        self.provider = provider
        self.status = status
        self.rowsAdded = rowsAdded
        self.revisions = revisions
        self.firstNew = firstNew
        self.lastNew = lastNew
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case symbol, provider, status, revisions, error
        case rowsAdded = "rows_added"
        case firstNew = "first_new"
        case lastNew = "last_new"
    }
}

/// One request `data sync --dry-run` would make. JSON keys: `symbol`, `provider`, `id`
/// (the provider's), `from` (`null` = whole history), `to`, `url` (keys redacted).
public struct SyncPreview: Sendable, Codable, Equatable {
    public var symbol: String
    public var provider: ProviderName
    public var id: String
    @NullEncoded public var from: Day?
    public var to: Day
    public var url: String
}

/// Progress of a running sync, for the command's progress line.
public struct SyncProgress: Sendable {
    public var done: Int
    public var total: Int
    /// Rows written so far (new days and revisions).
    public var rows: Int
    /// The series that just finished.
    public var last: SyncSeriesResult
}

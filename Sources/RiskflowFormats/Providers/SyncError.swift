import RiskflowCore

/// A failure of a provider request or of a synced series, with a code scripts can act on
/// and a message that names the provider, the symbol and the URL (never an API key).
public typealias SyncError = CodedError<SyncErrorCode>

public enum SyncErrorCode: String, Sendable {
    /// The provider does not know the symbol (FRED 400 "does not exist", Yahoo 404,
    /// Stooq "No data", CoinGecko 404, Binance -1121).
    case unknownSymbol = "unknown_symbol"
    /// An HTTP status that is not retried (4xx other than 429), or retries ran out.
    case http
    /// No answer within `timeout_seconds` (after every attempt).
    case timeout
    /// The connection failed (refused, reset, closed early) after every attempt.
    case network
    /// The body is not what the provider documents: an HTML page, malformed or truncated
    /// JSON/CSV, missing fields.
    case malformed
    /// The provider answered with no observation in the range asked.
    case empty
    /// The parsed series failed validation (duplicates, non-positive prices, wrong calendar
    /// or unit) and was not written.
    case invalid
    /// A configuration problem (unknown provider, bad base URL, bad API key format).
    case config
}

/// Who asked what, for error messages: provider, symbol, and the URL with keys redacted.
public struct RequestContext: Sendable {
    public var provider: ProviderName
    public var symbol: String
    public var url: String

    public init(provider: ProviderName, symbol: String, url: String) {
        self.provider = provider
        self.symbol = symbol
        self.url = url
    }

    /// An error whose message reads `PROVIDER SYMBOL: what (URL)`.
    public func error(_ code: SyncErrorCode, _ what: String, underlying: (any Error & Sendable)? = nil) -> SyncError {
        SyncError(code, "\(provider.displayName) \(symbol): \(what) (\(url))", underlying: underlying)
    }
}

import RiskflowCore

/// How to reach one provider: its endpoint, timeouts, retries and rate limit
/// (`[providers.NAME]` in `riskflow.toml`).
///
/// `baseURL` is everything before the provider's documented path (scheme, host, port and an
/// optional path prefix): riskflow appends `fred/series/observations`, `v8/finance/chart/…`,
/// `q/d/l/`, `api/v3/…`. FRED's no-key CSV download lives on another host, `graphURL`
/// (riskflow appends `graph/fredgraph.csv`).
public struct ProviderSettings: Sendable, Equatable {
    public var baseURL: String
    /// FRED only: the host of `graph/fredgraph.csv`.
    public var graphURL: String?
    /// CoinGecko only: the environment variable holding an API key (sent as
    /// `x-cg-pro-api-key` when the base URL is the pro API, else `x-cg-demo-api-key`).
    public var apiKeyEnv: String?
    /// Seconds to wait for each request (connect, and between bytes). Default 30.
    public var timeoutSeconds: Double
    /// Attempts per request, the first included, on 429, 5xx, timeouts and connection
    /// errors. Default 3.
    public var maxAttempts: Int
    /// Requests per minute, shared by every concurrent fetch from this provider; 0 means
    /// no limit.
    public var ratePerMinute: Double
    /// The first retry waits about this long (then doubling, with full jitter, at most
    /// `backoffMaxSeconds`); a `Retry-After` header overrides it.
    public var backoffInitialSeconds: Double
    public var backoffMaxSeconds: Double

    public init(
        baseURL: String, graphURL: String? = nil, apiKeyEnv: String? = nil, timeoutSeconds: Double = 30,
        maxAttempts: Int = 3, ratePerMinute: Double, backoffInitialSeconds: Double = 1, backoffMaxSeconds: Double = 60
    ) {
        self.baseURL = baseURL
        self.graphURL = graphURL
        self.apiKeyEnv = apiKeyEnv
        self.timeoutSeconds = timeoutSeconds
        self.maxAttempts = maxAttempts
        self.ratePerMinute = ratePerMinute
        self.backoffInitialSeconds = backoffInitialSeconds
        self.backoffMaxSeconds = backoffMaxSeconds
    }

    /// The public endpoints and their documented free-tier limits: FRED 120 requests per
    /// minute, Yahoo (undocumented) 60, Stooq 30, CoinGecko's free tier about 30, Binance
    /// 1,200 request weight per minute (a kline request of 1,000 rows weighs 2: 600).
    public static func defaults(for provider: ProviderName) -> ProviderSettings {
        switch provider {
        case .fred:
            ProviderSettings(baseURL: "https://api.stlouisfed.org", graphURL: "https://fred.stlouisfed.org", ratePerMinute: 120)
        case .yahoo: ProviderSettings(baseURL: "https://query1.finance.yahoo.com", ratePerMinute: 60)
        case .stooq: ProviderSettings(baseURL: "https://stooq.com", ratePerMinute: 30)
        case .coingecko: ProviderSettings(baseURL: "https://api.coingecko.com", apiKeyEnv: "COINGECKO_API_KEY", ratePerMinute: 30)
        case .binance: ProviderSettings(baseURL: "https://api.binance.com", ratePerMinute: 600)
        }
    }

    /// `baseURL` joined with a documented path (one slash between them).
    package func url(_ path: String, base: String? = nil) -> String {
        var b = base ?? baseURL
        while b.hasSuffix("/") { b.removeLast() }
        return b + "/" + path
    }
}

/// Where one symbol comes from (`[sync.symbols] RUT = { provider = "yahoo", id = "^RUT" }`),
/// with the metadata to give the series when the store does not have it yet.
public struct SymbolMapping: Sendable, Equatable {
    public var provider: ProviderName
    /// The provider's id: `^RUT`, `WALCL`, `bitcoin`, `BTCUSDT`, `^spx`.
    public var id: String
    public var kind: SeriesKind?
    public var unit: ValueUnit?
    public var calendar: SeriesCalendar?
    public var name: String?

    public init(
        provider: ProviderName, id: String, kind: SeriesKind? = nil, unit: ValueUnit? = nil,
        calendar: SeriesCalendar? = nil, name: String? = nil
    ) {
        self.provider = provider
        self.id = id
        self.kind = kind
        self.unit = unit
        self.calendar = calendar
        self.name = name
    }
}

/// Everything `data sync` needs to know besides the store: each provider's settings, the
/// symbol map (defaults, then `[sync.symbols]`), and the overlap window.
public struct SyncSettings: Sendable {
    public var providers: [ProviderName: ProviderSettings]
    /// The user's `[sync.symbols]`, over ``DefaultSymbolMap``.
    public var symbols: [String: SymbolMapping]
    /// Days before the last stored day that are fetched again to detect revisions
    /// (`[sync] overlap_days`, default 10).
    public var overlapDays: Int
    /// Series synced at once (`[sync] concurrency`, default 8); each provider's rate limit
    /// still applies.
    public var concurrency: Int

    public init(
        providers: [ProviderName: ProviderSettings] = [:], symbols: [String: SymbolMapping] = [:], overlapDays: Int = 10,
        concurrency: Int = 8
    ) {
        var all = Dictionary(uniqueKeysWithValues: ProviderName.allCases.map { ($0, ProviderSettings.defaults(for: $0)) })
        all.merge(providers) { _, user in user }
        self.providers = all
        self.symbols = symbols
        self.overlapDays = overlapDays
        self.concurrency = concurrency
    }

    public func settings(_ p: ProviderName) -> ProviderSettings { providers[p] ?? .defaults(for: p) }

    /// The mapping of every symbol: defaults for the bundled universe, then the user's.
    public var symbolMap: [String: SymbolMapping] {
        DefaultSymbolMap.mappings.merging(symbols.map { ($0.key.uppercased(), $0.value) }) { _, user in user }
    }
}

/// The live data providers `riskflow data sync` knows.
public enum ProviderName: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case fred, yahoo, stooq, coingecko, binance

    /// The provider as people write it ("FRED", "Yahoo Finance").
    public var displayName: String {
        switch self {
        case .fred: "FRED"
        case .yahoo: "Yahoo Finance"
        case .stooq: "Stooq"
        case .coingecko: "CoinGecko"
        case .binance: "Binance"
        }
    }

    public static func < (a: ProviderName, b: ProviderName) -> Bool { a.rawValue < b.rawValue }
}

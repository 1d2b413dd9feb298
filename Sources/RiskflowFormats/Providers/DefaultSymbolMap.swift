/// Where each series of the bundled universe comes from by default, and the Binance pair
/// of each crypto symbol that has one (`--provider binance` syncs those from Binance).
///
/// Indices come from Yahoo (`^RUT`), ETFs from Yahoo under their ticker, FRED series from
/// FRED under their id, crypto from CoinGecko under its coin id. Coins whose token was
/// retired or swapped (`VEN` became VeChain's `VET` in 2018, `RHOC`, `DGD`) are not
/// synced by default: their history stays as bundled; map them in `[sync.symbols]` to
/// sync them anyway.
public enum DefaultSymbolMap {
    public static let mappings: [String: SymbolMapping] = {
        var m: [String: SymbolMapping] = [:]
        for (s, id) in indices { m[s] = SymbolMapping(provider: .yahoo, id: id) }
        for s in etfs { m[s] = SymbolMapping(provider: .yahoo, id: s) }
        for s in fred { m[s] = SymbolMapping(provider: .fred, id: s) }
        for (s, id) in coingecko { m[s] = SymbolMapping(provider: .coingecko, id: id) }
        return m
    }()

    /// The Binance USDT pair of a crypto symbol (`BTC` → `BTCUSDT`), `nil` when Binance has
    /// none (stablecoins, coins never listed there).
    public static func binancePair(_ symbol: String) -> String? {
        binanceListed.contains(symbol) ? symbol + "USDT" : nil
    }

    package static let indices: [(String, String)] = [
        ("RUT", "^RUT"), ("GSPC", "^GSPC"), ("IXIC", "^IXIC"), ("NDX", "^NDX"), ("VIX", "^VIX"),
    ]
    package static let etfs = [
        "IWM", "SPY", "TLT", "HYG", "MDY", "IWD", "IWF", "IWN", "XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY",
    ]
    package static let fred = [
        "WALCL", "WTREGEN", "WRESBAL", "RRPONTSYD", "NFCI", "M2SL", "DGS10", "DGS2", "T10Y2Y", "BAMLH0A0HYM2", "DTWEXBGS",
    ]
    package static let coingecko: [(String, String)] = [
        ("BTC", "bitcoin"), ("ETH", "ethereum"), ("XRP", "ripple"), ("LTC", "litecoin"), ("DOGE", "dogecoin"),
        ("DASH", "dash"), ("XMR", "monero"), ("BCN", "bytecoin"), ("BTS", "bitshares"), ("XLM", "stellar"),
        ("XVG", "verge"), ("USDT", "tether"), ("XEM", "nem"), ("SC", "siacoin"), ("REP", "augur"), ("DCR", "decred"),
        ("LSK", "lisk"), ("STEEM", "steem"), ("WAVES", "waves"), ("ETC", "ethereum-classic"), ("STRAT", "stratis"),
        ("NEO", "neo"), ("ZEC", "zcash"), ("MKR", "maker"), ("NANO", "nano"), ("QTUM", "qtum"), ("AE", "aeternity"),
        ("VERI", "veritaseum"), ("OMG", "omisego"), ("MIOTA", "iota"), ("BCH", "bitcoin-cash"), ("EOS", "eos"),
        ("ADA", "cardano"), ("TRX", "tron"), ("XTZ", "tezos"), ("LINK", "chainlink"), ("BNB", "binancecoin"),
        ("ICX", "icon"), ("ONT", "ontology"), ("BTG", "bitcoin-gold"), ("BTM", "bytom"), ("PPT", "populous"),
        ("CRO", "crypto-com-chain"), ("ZRX", "0x"), ("OXT", "orchid-protocol"), ("ALGO", "algorand"),
        ("ATOM", "cosmos"), ("AVAX", "avalanche-2"), ("DOT", "polkadot"), ("UNI", "uniswap"), ("AAVE", "aave"),
        ("NEAR", "near"), ("MATIC", "matic-network"), ("SOL", "solana"), ("SHIB", "shiba-inu"), ("PEPE", "pepe"),
        ("SUI", "sui"), ("USDC", "usd-coin"), ("WBTC", "wrapped-bitcoin"), ("BCD", "bitcoin-diamond"),
    ]
    package static let binanceListed: Set<String> = [
        "BTC", "ETH", "XRP", "LTC", "DOGE", "DASH", "XMR", "XLM", "XEM", "SC", "DCR", "LSK", "STEEM", "WAVES", "ETC",
        "NEO", "ZEC", "MKR", "NANO", "QTUM", "OMG", "BCH", "EOS", "ADA", "TRX", "XTZ", "LINK", "BNB", "ICX", "ONT",
        "BTG", "ZRX", "OXT", "ALGO", "ATOM", "AVAX", "DOT", "UNI", "AAVE", "NEAR", "MATIC", "SOL", "SHIB", "PEPE",
        "SUI", "WBTC", "CRO",
    ]
}

/// Every signal parameter in one place. The defaults are the definitions in the README
/// and SPEC §4; a TOML file (`riskflow.toml`, sections named like the properties) and
/// command-line flags override them, and every output states the values it used.
public struct SignalConfig: Sendable, Codable, Equatable {
    public struct BreakoutConfig: Sendable, Codable, Equatable {
        /// The index whose breakouts are found.
        public var symbol = "RUT"
        /// Where volume comes from when the index has none (RUT has none: IWM).
        public var volumeFrom: String? = "IWM"
        /// Sessions the prior all-time closing high must be old at the break.
        public var baseSessions = 63
        /// Sessions of recent volume, and of the comparison volume before them.
        public var volumeRecent = 5
        public var volumeBase = 50
        /// Recent / base mean volume needed.
        public var volumeRatio = 1.2
        /// Participation basket; members without data on the break day are left out.
        public var basket = ["MDY", "IJH", "XLF", "XLK", "XLE", "XLI", "XLY", "XLP", "XLV", "XLU", "XLB"]
        /// Sessions of the basket members' moving average.
        public var breadthAverage = 50
        /// Share of members above their average needed.
        public var breadthShare = 0.6
        /// Fewer available members than this means "no breadth".
        public var breadthMinimumMembers = 3
        /// Closes after the break that must all stay above the broken level.
        public var sustainSessions = 5
        /// Round-number level whose first crossing is reported (e.g. 2600).
        public var threshold: Double? = nil
        public init() {}
    }

    public struct LiquidityConfig: Sendable, Codable, Equatable {
        public var assets = "WALCL"
        public var treasuryAccount = "WTREGEN"
        public var reverseRepo = "RRPONTSYD"
        public var creditSpread = "BAMLH0A0HYM2"
        /// The change the regime is read from, in weeks.
        public var changeWeeks = 13
        /// Trailing weeks the change is z-scored against.
        public var zWindowWeeks = 156
        /// |z| above this is expanding / contracting.
        public var zThreshold = 0.5
        public init() {}
    }

    public struct StageConfig: Sendable, Codable, Equatable {
        public var rates = "DGS10"
        public var creditSpread = "BAMLH0A0HYM2"
        public var broadEquity = "GSPC"
        public var smallCaps = "RUT"
        /// The crypto pair of condition 4 (ETH/BTC).
        public var ethereum = "ETH"
        public var bitcoin = "BTC"
        public var rateVolatilityWindow = 20
        public var rateVolatilityMedianWindow = 252
        public var spreadLookback = 63
        public var trendAverage = 200
        public var momentumSessions = 63
        public var relativeSessions = 63
        public var breakoutInForceSessions = 63
        public var cryptoLookbackDays = 30
        public var altSeasonLevel = 50.0
        public init() {}
    }

    public struct AltSeasonConfig: Sendable, Codable, Equatable {
        /// Top-N altcoins by market cap on each day.
        public var top = Declared.top.defaultValue
        /// Return window in calendar days.
        public var window = Declared.window.defaultValue
        public var altcoinSeason = 75.0
        public var bitcoinSeason = 25.0
        /// Excluded from the altcoins, as Blockchaincenter does (every symbol of the three
        /// bundled ranking tables was classified): Bitcoin itself; stablecoins of every
        /// kind (fiat-backed, synthetic and yield-bearing dollars, euros and others);
        /// asset-backed tokens (gold, tokenised funds and treasuries, LP tokens); wrapped,
        /// bridged and liquid-staking versions of other coins. Exchange tokens (BNB, LEO,
        /// OKB, BGB…) are altcoins and stay in.
        public var excluded = [
            // Bitcoin
            "BTC",
            // Stablecoins
            "USDT", "USDT0", "USDC", "USDC.E", "BSC-USD", "DAI", "SAI", "USDS", "SUSDS", "USDE", "SUSDE", "USD1", "FDUSD",
            "PYUSD", "BFUSD", "USDF", "USDTB", "RLUSD", "USDD", "USDG", "GHO", "BUSD", "TUSD", "USDP", "PAX", "GUSD", "HUSD",
            "USDK", "USDN", "UST", "USTC", "FEI", "LUSD", "SUSD", "USD0", "USDAI", "VAI", "C1USD", "USNBT", "KRT", "U",
            "SYRUPUSDC", "SYRUPUSDT", "A7A5", "YLDS", "EURC", "EURS", "EURT", "CUSD", "USDX",
            // Asset-backed: gold, tokenised funds and treasuries, LP tokens
            "XAUT", "PAXG", "KBC", "TMTG", "BUIDL", "USYC", "USDY", "OUSG", "USTB", "EUTBL", "JAAA", "JTRSY", "FIGR_HELOC",
            "JLP",
            // Wrapped, bridged and liquid-staking versions of other coins
            "WBTC", "WETH", "WBNB", "WBETH", "WEETH", "EETH", "CBBTC", "CBETH", "STETH", "WSTETH", "RETH", "METH", "OSETH",
            "LSETH", "EZETH", "RSETH", "JITOSOL", "JUPSOL", "BNSOL", "MSOL", "KHYPE", "LBTC", "BTCB", "RENBTC", "TBTC",
            "HBTC", "SOLVBTC", "FBTC", "WNXM",
        ]
        /// A coin whose name contains one of these words (any case) is a wrapped, bridged
        /// or staked version of another coin and is excluded too.
        public var excludedNameWords = ["wrapped", "bridged", "staked"]
        /// The ranking table whose snapshot prices are used for every coin it lists on
        /// its days (one snapshot time for all, Bitcoin included).
        public var snapshotPrices = "COINGECKO-DAILY"
        /// Days with fewer eligible altcoins have no value; fewer than `thinBelow` are
        /// flagged thin.
        public var minimumEligible = 5
        public var thinBelow = 20
        /// A day whose eligible count is below `thinDropShare` × the median count of the
        /// `thinDropDays` index days before it is flagged thin too (a source missing some
        /// coins that day: 48 → 19 → 48). Thin days are shown but not used for a verdict,
        /// an alert, the stage or the monitor's current value.
        public var thinDropShare = 0.8
        public var thinDropDays = 7
        /// Basket weighting: by market cap or equal.
        public var basketWeighting = Weighting.cap
        /// The coin the altcoins are measured against.
        public var bitcoin = "BTC"
        public init() {}

        public enum Weighting: String, Sendable, Codable, CaseIterable {
            case cap, equal
        }
    }

    /// The supercycle diagnostics' inputs and windows.
    public struct SupercycleConfig: Sendable, Codable, Equatable {
        /// Series whose run above their `trendAverage`-session mean is measured.
        public var trendSymbols = ["GSPC", "RUT"]
        public var trendAverage = 200
        /// Assets whose `rotationDays` returns are compared each session of `rotationCalendar`.
        public var rotationAssets = ["GSPC", "RUT", "IXIC", "BTC", "ETH"]
        public var rotationCalendar = "GSPC"
        public var rotationSessions = 63
        public var rotationDays = 91
        /// Share of assets down that makes a negative aggregate an exit.
        public var exitShare = 0.8
        /// Series whose drawdown from their high is measured; "ALTS" is the alt basket.
        public var runwaySymbols = ["RUT", "ALTS"]
        public init() {}
    }

    public var breakout = BreakoutConfig()
    public var liquidity = LiquidityConfig()
    public var stage = StageConfig()
    public var altseason = AltSeasonConfig()
    public var supercycle = SupercycleConfig()
    public var staleness = StalenessConfig()
    /// The scorecard's smallest effects of interest (`[scorecard]`).
    public var scorecard = ScorecardConfig()

    public init() {}
}

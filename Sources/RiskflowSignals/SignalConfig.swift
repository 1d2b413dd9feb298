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
        public var top = 50
        /// Return window in calendar days.
        public var window = 90
        public var altcoinSeason = 75.0
        public var bitcoinSeason = 25.0
        /// Excluded from the altcoins: BTC itself, stablecoins, wrapped and staked tokens.
        public var excluded = [
            "BTC", "USDT", "USDC", "BUSD", "DAI", "TUSD", "USDP", "PAX", "GUSD", "FDUSD", "USDE", "PYUSD", "USDD",
            "FRAX", "LUSD", "UST", "USTC", "USDS", "WBTC", "WETH", "STETH", "WSTETH", "CBETH", "RETH", "WBETH",
            "WEETH", "BTCB", "HBTC", "RENBTC", "TBTC", "CBBTC", "JITOSOL", "MSOL", "BNSOL", "LEO",
        ]
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

    public init() {}
}

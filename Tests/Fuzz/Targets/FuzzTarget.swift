import RiskflowConfig
import RiskflowCore
import RiskflowFormats

/// One parser under fuzzing: every format riskflow reads from outside — the CSV importer
/// (every layout), each provider's response parser and the `riskflow.toml` reader.
///
/// ``run(_:)`` feeds it arbitrary bytes. A parser may refuse them (it throws, which is
/// the point); it must never trap, hang or leak, and what it accepts must hold its
/// invariants (one value per day in every column, days strictly increasing, finite
/// closes) — a broken invariant is reported as a crash so the fuzzer keeps the input.
/// `scripts/fuzz.sh` runs each target under libFuzzer; the test suite replays the saved
/// crashing inputs (`Tests/Fuzz/crashes/TARGET/`) through the same function.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `data import`: the layout inferred, then each layout forced.
    case csv
    /// Ranking snapshots (`crypto/snapshots*.csv`).
    case rankTableCSV = "rank-table-csv"
    /// FRED's `fredgraph.csv` download.
    case fredCSV = "fred-csv"
    /// FRED/ALFRED's `series/observations` JSON, with the vintages built from it.
    case fredJSON = "fred-json"
    /// Yahoo's `v8/finance/chart` JSON.
    case yahoo
    /// Stooq's daily CSV.
    case stooq
    /// CoinGecko's `market_chart/range` JSON.
    case coingeckoChart = "coingecko-chart"
    /// CoinGecko's `coins/markets` JSON.
    case coingeckoMarkets = "coingecko-markets"
    /// Binance's `api/v3/klines` JSON.
    case binance
    /// `riskflow.toml`: the signal sections, then `[sync]` and `[providers.*]`.
    case config

    /// A broken invariant in what a parser accepted.
    public struct Violation: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `bytes`; throws ``Violation`` only when a parser accepted the input and broke
    /// an invariant (its own refusals are swallowed: refusing bad input is correct).
    public func run(_ bytes: [UInt8]) throws(Violation) {
        let context = RequestContext(provider: .fred, symbol: "FUZZ", url: "fuzz://input")
        let response = ProviderResponse(status: 200, body: bytes)
        switch self {
        case .csv:
            try Self.check(try? CSVParser.parse(bytes, file: "fuzz.csv"))
            for format in CSVFormat.allCases {
                try Self.check(try? CSVParser.parse(bytes, file: "fuzz.csv", options: .init(format: format)))
            }
        case .rankTableCSV:
            if let t = try? RankTableCSV.parse(bytes, file: "fuzz.csv", id: "FUZZ", source: "fuzz") {
                try Self.require(Self.increasing(t.days), "ranking snapshot days are not increasing")
                try Self.require(t.offsets.count == t.days.count + 1 || t.offsets.count == t.days.count, "snapshot offsets do not match the days")
                try Self.require([t.symbol.count, t.name.count, t.price.count, t.marketCap.count, t.volume.count].allSatisfy { $0 == t.rank.count }, "ranking columns differ in length")
            }
        case .fredCSV: try Self.check(try? FREDProvider.parseGraphCSV(response, context: context))
        case .fredJSON:
            if let page = try? FREDProvider.parseObservations(response, context: context) {
                try Self.check(try? FREDProvider.vintages(page.observations, context: context))
            }
        case .yahoo: try Self.check(try? YahooProvider.parse(response, now: 1.8e9, context: context))
        case .stooq:
            try Self.check(try? StooqProvider.parse(response, isIndex: true, context: context))
            try Self.check(try? StooqProvider.parse(response, isIndex: false, context: context))
        case .coingeckoChart: try Self.check(try? CoinGeckoProvider.parseChart(response, context: context))
        case .coingeckoMarkets:
            if let entries = try? CoinGeckoProvider.parseMarkets(response, context: context) {
                try Self.require(entries.allSatisfy { $0.rank >= 1 }, "a market entry without a rank")
            }
        case .binance:
            if let klines = try? BinanceProvider.parse(response, context: context) {
                try Self.require(klines.allSatisfy { $0.day >= ProviderSupport.earliest && $0.day <= ProviderSupport.latest }, "a kline outside the calendar")
            }
        case .config:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? ConfigFile.parse(text, file: "fuzz.toml")
            _ = try? SyncConfigFile.parse(text, file: "fuzz.toml")
        }
    }

    static func require(_ ok: Bool, _ what: String) throws(Violation) {
        if !ok { throw Violation(description: what) }
    }

    static func increasing(_ days: [Day]) -> Bool { zip(days, days.dropFirst()).allSatisfy { $0 < $1 } }

    static func check(_ p: ParsedCSV?) throws(Violation) {
        guard let p else { return }
        let n = p.days.count
        try require([p.open.count, p.high.count, p.low.count, p.close.count, p.volume.count, p.marketCap.count].allSatisfy { $0 == n }, "CSV columns differ in length")
        try require(increasing(p.days), "CSV days are not strictly increasing")
        try require(p.close.allSatisfy(\.isFinite), "a CSV close is not finite")
    }

    static func check(_ s: FetchedSeries?) throws(Violation) {
        guard let s else { return }
        let n = s.days.count
        try require([s.open.count, s.high.count, s.low.count, s.close.count, s.volume.count, s.marketCap.count].allSatisfy { $0 == n }, "fetched columns differ in length")
        try require(s.availableAt.map { $0.count == n } ?? true, "publication days differ in length")
        try require(s.close.allSatisfy { !$0.isInfinite }, "a fetched close is infinite")
    }
}

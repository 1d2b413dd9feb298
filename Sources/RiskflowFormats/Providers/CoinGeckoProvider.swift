import Foundation
import RiskflowCore

/// CoinGecko's public API.
///
/// - Prices: `api/v3/coins/ID/market_chart/range?vs_currency=usd&from=…&to=…`, with
///   `prices`, `market_caps` and `total_volumes` as `[ms, value]` pairs. The 00:00 UTC
///   snapshot of day D+1 is the close of D (as the CSV importer reads CoinGecko exports).
///   Ranges of 90 days or less come back hourly, and the last point is the current price:
///   only points at exactly 00:00 UTC are kept, and an incremental request always spans
///   more than 90 days so the points are daily. Volume and market cap are stored.
/// - Ranking: `api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250`,
///   stored as the day's snapshot of `COINGECKO-DAILY` (the first snapshot of a UTC day
///   is kept), so the altcoin universe stays current.
/// - An API key, when `api_key_env` names a set variable, goes in `x-cg-demo-api-key`
///   (`x-cg-pro-api-key` on the pro API); it is never printed.
public struct CoinGeckoProvider: Sendable {
    public let name = ProviderName.coingecko
    package let settings: ProviderSettings
    package let apiKey: String?

    public init(settings: ProviderSettings, apiKey: String?) {
        self.settings = settings
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The id of the ranking table the markets endpoint feeds.
    public static let rankingID = "COINGECKO-DAILY"

    package var headers: [String: String] {
        guard let apiKey else { return [:] }
        return [settings.baseURL.contains("pro-api") ? "x-cg-pro-api-key" : "x-cg-demo-api-key": apiKey]
    }

    public func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest {
        if symbol == CoinGeckoProvider.rankingID {
            return ProviderRequest(
                url: settings.url("api/v3/coins/markets") + "?vs_currency=usd&order=market_cap_desc&per_page=250&page=1",
                headers: headers, secrets: [apiKey ?? ""])
        }
        // The close of `to − 1` is the snapshot at 00:00 of `to`; ask past it. Spans of
        // more than 90 days come back daily.
        let to = ProviderSupport.unix(window.to + 1)
        let from = min(window.from.map { ProviderSupport.unix($0 + 1) } ?? 1_230_768_000, to - 92 * 86_400)
        return ProviderRequest(
            url: settings.url("api/v3/coins/\(ProviderSupport.encode(mapping.id))/market_chart/range")
                + "?vs_currency=usd&from=\(from)&to=\(to)",
            headers: headers, secrets: [apiKey ?? ""])
    }

    package struct Chart: Decodable {
        package var prices: [[Double?]]
        package var market_caps: [[Double?]]?
        package var total_volumes: [[Double?]]?
    }

    package struct APIError: Decodable { var error: String }

    package static func failure(_ r: ProviderResponse, _ c: RequestContext) throws {
        if r.status == 404 {
            let message = (try? JSONDecoder().decode(APIError.self, from: Data(r.body)))?.error ?? "HTTP 404"
            throw c.error(.unknownSymbol, "CoinGecko has no coin '\(c.symbol)': \(message)")
        }
        try ProviderSupport.check(r, c, expecting: "JSON")
    }

    /// Parses a `market_chart/range` body (pure): 00:00 UTC points only, each the close
    /// of the day before.
    package static func parseChart(_ r: ProviderResponse, context c: RequestContext) throws -> FetchedSeries {
        try failure(r, c)
        let chart = try ProviderSupport.decode(Chart.self, r, c)
        let dayMS = 86_400_000.0
        func midnight(_ pairs: [[Double?]]?, _ name: String) throws -> [Day: Double] {
            var out: [Day: Double] = [:]
            for (i, p) in (pairs ?? []).enumerated() {
                guard p.count == 2, let t = p[0] else { throw c.error(.malformed, "malformed JSON: \(name)[\(i)] is not [ms, value]") }
                guard t.truncatingRemainder(dividingBy: dayMS) == 0 else { continue }
                // The value stamped at 00:00 UTC of day d is the close of the day before.
                guard let day = ProviderSupport.day(unixDays: t / dayMS - 1) else {
                    throw c.error(.malformed, "malformed JSON: \(name)[\(i)] is stamped \(t) ms, not a day")
                }
                out[day] = p[1] ?? .nan
            }
            return out
        }
        let prices = try midnight(chart.prices, "prices")
        let caps = try midnight(chart.market_caps, "market_caps")
        let volumes = try midnight(chart.total_volumes, "total_volumes")
        guard !chart.prices.isEmpty else { throw c.error(.empty, "no price in the range asked") }
        var out = FetchedSeries()
        for d in prices.keys.sorted() {
            guard let p = prices[d], p.isFinite else { continue }
            let cap = caps[d] ?? .nan, vol = volumes[d] ?? .nan
            out.append(
                day: d, close: p, volume: vol > 0 ? vol : .nan, marketCap: cap > 0 ? cap : .nan)
        }
        out.kind = .crypto
        out.unit = .usd
        out.calendar = .daily
        return out
    }

    package struct Market: Decodable {
        package var id: String
        package var symbol: String
        package var name: String
        package var current_price: Double?
        package var market_cap: Double?
        package var market_cap_rank: Int?
        package var total_volume: Double?
    }

    /// The largest market-cap rank taken as given (CoinGecko lists about 17,000 coins).
    static let maximumRank = 10_000_000

    /// Parses a `coins/markets` body (pure) into ranking entries, ranked by
    /// `market_cap_rank` (coins without one, or with a rank below 1 or above
    /// ``maximumRank``, follow in the order given).
    package static func parseMarkets(_ r: ProviderResponse, context c: RequestContext) throws -> [RankTable.Entry] {
        try ProviderSupport.check(r, c, expecting: "JSON")
        let markets = try ProviderSupport.decode([Market].self, r, c)
        guard !markets.isEmpty else { throw c.error(.empty, "no coin in the markets list") }
        // A rank is a position in a list of at most `maximumRank` coins; anything else
        // (negative, zero, or so large that the next free rank would overflow) is treated
        // as missing and the coin takes the next rank after the largest valid one.
        let valid = markets.compactMap(\.market_cap_rank).filter { $0 >= 1 && $0 <= Self.maximumRank }
        var seen = Set<Int>()
        var next = (valid.max() ?? 0) + 1
        return markets.map { m in
            var rank = m.market_cap_rank ?? 0
            if rank < 1 || rank > Self.maximumRank || seen.contains(rank) {
                rank = next
                next += 1
            }
            seen.insert(rank)
            return RankTable.Entry(
                rank: rank, symbol: m.symbol.uppercased(), name: m.name, price: m.current_price ?? .nan,
                marketCap: m.market_cap ?? .nan, volume: m.total_volume ?? .nan)
        }
    }
}

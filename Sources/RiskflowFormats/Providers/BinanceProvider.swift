import Foundation
import RiskflowCore

/// Binance spot klines: `api/v3/klines?symbol=BTCUSDT&interval=1d&startTime=…&limit=1000`,
/// paginated from the last open time. Open times are Unix milliseconds; the kline of day D
/// opens at 00:00 UTC of D and closes at the end of D, so its close is D's close; a kline
/// not closed yet (today's) is dropped. Volume is the quote-asset (USDT) volume, as the CSV
/// importer reads Binance files; prices are in USDT, stored as USD.
public struct BinanceProvider: Sendable {
    public let name = ProviderName.binance
    package let settings: ProviderSettings
    package static let pageSize = 1000

    public init(settings: ProviderSettings) { self.settings = settings }

    public func firstRequest(symbol: String, mapping: SymbolMapping, window: FetchWindow) throws -> ProviderRequest {
        request(pair: mapping.id, startMS: window.from.map { ProviderSupport.unix($0) * 1000 } ?? 0)
    }

    package func request(pair: String, startMS: Int64) -> ProviderRequest {
        ProviderRequest(
            url: settings.url("api/v3/klines")
                + "?symbol=\(ProviderSupport.encode(pair.uppercased()))&interval=1d&startTime=\(startMS)&limit=\(BinanceProvider.pageSize)")
    }

    package struct Kline {
        package var day: Day
        package var open, high, low, close, quoteVolume: Double
        package var closeMS: Double
    }

    package struct APIError: Decodable {
        package var code: Int
        package var msg: String
    }

    /// Parses one page of klines (pure): 12-element arrays, numbers as strings.
    package static func parse(_ r: ProviderResponse, context c: RequestContext) throws -> [Kline] {
        if !(200...299).contains(r.status), !r.isHTML, let e = try? JSONDecoder().decode(APIError.self, from: Data(r.body)) {
            if e.code == -1121 { throw c.error(.unknownSymbol, "Binance has no pair '\(c.symbol)': \(e.msg)") }
            throw c.error(.http, "HTTP \(r.status): \(e.msg) (code \(e.code))")
        }
        try ProviderSupport.check(r, c, expecting: "JSON")
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(r.body)) } catch {
            throw c.error(.malformed, "not valid JSON (truncated or corrupted body of \(r.body.count) bytes)")
        }
        guard let rows = json as? [[Any]] else { throw c.error(.malformed, "malformed JSON: not an array of klines") }
        return try rows.enumerated().map { i, k in
            guard k.count >= 8 else { throw c.error(.malformed, "malformed JSON: kline [\(i)] has \(k.count) fields, not 12") }
            func number(_ j: Int) throws -> Double {
                if let s = k[j] as? String, let v = Double(s) { return v }
                if let v = k[j] as? NSNumber { return v.doubleValue }
                throw c.error(.malformed, "malformed JSON: kline [\(i)] field \(j) is not a number")
            }
            let openMS = try number(0)
            guard openMS.truncatingRemainder(dividingBy: 86_400_000) == 0, let day = ProviderSupport.day(unixDays: openMS / 86_400_000) else {
                throw c.error(.malformed, "kline [\(i)] opens at \(openMS) ms, not at 00:00 UTC of a day")
            }
            return Kline(
                day: day, open: try number(1), high: try number(2), low: try number(3),
                close: try number(4), quoteVolume: try number(7), closeMS: try number(6))
        }
    }
}

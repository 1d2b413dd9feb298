import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import RiskflowCore

/// A loopback server that speaks each provider's real format (FRED's CSV download and
/// JSON API with ALFRED vintages, Yahoo's chart API, Stooq's CSV, CoinGecko's
/// market_chart/range and markets, Binance klines), serving scripted series and failures.
///
/// The response shapes follow the providers' documentation and public clients (fredapi,
/// yfinance, pycoingecko, python-binance): field names, nesting, number encodings
/// (Binance strings, FRED strings with `.` for missing), time stamps (Yahoo in seconds at
/// the exchange's session, CoinGecko and Binance in milliseconds).
public final class MockProviders: Sendable {
    /// A failure mode served for one provider id.
    public enum Behaviour: Sendable, Equatable {
        /// 429 with `Retry-After: seconds` for the first `times` requests, then data.
        case rateLimited(times: Int, retryAfter: Int)
        /// 500 for the first `times` requests, then data.
        case serverError(times: Int)
        /// The data cut in the middle (a truncated body).
        case truncated
        /// A 200 HTML page instead of data.
        case html
        /// JSON with a missing bracket (or CSV with a broken line).
        case malformed
        /// A valid response with no observation.
        case empty
        /// The provider's own "unknown symbol" answer.
        case unknown
        /// The answer after `seconds`.
        case slow(seconds: Double)
    }

    /// One scripted series: days and closes (volumes and market caps derived from them).
    public struct Series: Sendable {
        public var days: [Day]
        public var close: [Double]
        /// FRED: extra vintages, `(day, realtime_start, value)`.
        public var vintages: [(Day, Day, Double)] = []
        /// Yahoo: adjclose = close × factor for days before `dividendDay`.
        public var dividendDay: Day? = nil
        public var dividendFactor: Double = 1

        public init(days: [Day], close: [Double]) {
            self.days = days
            self.close = close
        }
    }

    struct State {
        var series: [String: Series] = [:]
        var behaviours: [String: Behaviour] = [:]
        var attempts: [String: Int] = [:]
        var requests: [String] = []
        var instrumentTypes: [String: String] = [:]
        var markets: [(String, String, Double)] = []
    }

    private let state: NIOLockedValueBox<State> = .init(State())

    public init() {}

    /// Serves `series` under the provider id `id` (`^RUT`, `WALCL`, `bitcoin`, `BTCUSDT`, `^spx`).
    public func set(_ id: String, _ series: Series, instrumentType: String = "ETF") {
        state.withLockedValue {
            $0.series[id] = series
            $0.instrumentTypes[id] = instrumentType
        }
    }

    public func series(_ id: String) -> Series? { state.withLockedValue { $0.series[id] } }

    /// Changes the close of one day (a revision the next sync should see).
    public func revise(_ id: String, day: Day, close: Double) {
        state.withLockedValue { s in
            guard var x = s.series[id], let i = x.days.firstIndex(of: day) else { return }
            x.close[i] = close
            s.series[id] = x
        }
    }

    public func setBehaviour(_ id: String, _ b: Behaviour?) {
        state.withLockedValue {
            $0.behaviours[id] = b
            $0.attempts[id] = 0
        }
    }

    /// The coins of the markets endpoint: (id, symbol, market cap), ranked by cap.
    public func setMarkets(_ m: [(String, String, Double)]) { state.withLockedValue { $0.markets = m } }

    func instrumentType(_ id: String) -> String { state.withLockedValue { $0.instrumentTypes[id] ?? "ETF" } }
    func marketsList() -> [(String, String, Double)] { state.withLockedValue { $0.markets } }

    /// Every request received, as `path?query`.
    public var requests: [String] { state.withLockedValue { $0.requests } }

    /// Requests received for a provider id.
    public func attempts(_ id: String) -> Int { state.withLockedValue { $0.attempts[id] ?? 0 } }

    // MARK: - Serving

    /// Runs the server on 127.0.0.1 (an ephemeral port unless given) until the task is
    /// cancelled; `ready` gets the port.
    public func run(port: Int = 0, ready: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.get("graph/fredgraph.csv") { req, _ in try await self.answer(req, id: self.q(req, "id")) { self.fredCSV($0, req) } }
        router.get("fred/series/observations") { req, _ in
            try await self.answer(req, id: self.q(req, "series_id")) { self.fredJSON($0, req) }
        }
        router.get("v8/finance/chart/{symbol}") { req, ctx in
            try await self.answer(req, id: ctx.parameters.get("symbol")?.removingPercentEncoding ?? "") { self.yahoo($0, req) }
        }
        router.get("q/d/l/") { req, _ in try await self.answer(req, id: self.q(req, "s")) { self.stooq($0, req) } }
        router.get("api/v3/coins/markets") { req, _ in try await self.answer(req, id: "markets") { _ in self.markets() } }
        router.get("api/v3/coins/{id}/market_chart/range") { req, ctx in
            try await self.answer(req, id: ctx.parameters.get("id") ?? "") { self.coingecko($0, req) }
        }
        router.get("api/v3/klines") { req, _ in try await self.answer(req, id: self.q(req, "symbol")) { self.binance($0, req) } }
        var logger = Logger(label: "mock-providers")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }

    func q(_ req: Request, _ name: String) -> String { req.uri.queryParameters.get(name) ?? "" }
    func qi(_ req: Request, _ name: String) -> Int64? { req.uri.queryParameters.get(name).flatMap { Int64($0) } }

    /// The kind of body a provider's format uses.
    enum Format { case json, csv }

    func format(of req: Request) -> Format {
        let p = req.uri.path
        return p.hasSuffix("fredgraph.csv") || p.contains("/q/d/l") ? .csv : .json
    }

    private func answer(_ req: Request, id: String, body: @escaping @Sendable (Series) -> String?) async throws -> Response {
        let (behaviour, attempt, series) = state.withLockedValue { s -> (Behaviour?, Int, Series?) in
            s.requests.append(req.uri.description)
            s.attempts[id, default: 0] += 1
            return (s.behaviours[id], s.attempts[id]!, s.series[id])
        }
        let fmt = format(of: req)
        switch behaviour {
        case .rateLimited(let times, let after) where attempt <= times:
            return text(#"{"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit."}}"#, status: .tooManyRequests, headers: [.retryAfter: String(after)])
        case .serverError(let times) where attempt <= times:
            return text("Internal Server Error", status: .internalServerError)
        case .html:
            return text("<!DOCTYPE html><html><head><title>Oops</title></head><body>Service unavailable</body></html>", type: "text/html; charset=utf-8")
        case .slow(let seconds):
            try await Task.sleep(for: .seconds(seconds))
        case .unknown:
            return unknown(req, id: id)
        case .empty:
            return emptyAnswer(req)
        default: break
        }
        guard let full = body(series ?? Series(days: [], close: [])), series != nil || id == "markets" else { return unknown(req, id: id) }
        switch behaviour {
        case .truncated: return text(String(full.prefix(full.count / 2)), type: fmt == .json ? "application/json" : "text/csv")
        case .malformed:
            return text(fmt == .json ? String(full.dropLast()) + "}}" : full + "2026-13-45,1,2\n", type: fmt == .json ? "application/json" : "text/csv")
        default: return text(full, type: fmt == .json ? "application/json" : "text/csv")
        }
    }

    func text(_ s: String, status: HTTPResponse.Status = .ok, type: String = "application/json", headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = type
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    func unknown(_ req: Request, id: String) -> Response {
        let p = req.uri.path
        if p.contains("fred/series") {
            return text(#"{"error_code":400,"error_message":"Bad Request.  The series does not exist."}"#, status: .badRequest)
        }
        if p.contains("fredgraph") { return text("<!DOCTYPE html><html><body>Series not found</body></html>", status: .notFound, type: "text/html") }
        if p.contains("finance/chart") {
            return text(#"{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}"#, status: .notFound)
        }
        if p.contains("/q/d/l") { return text("No data", type: "text/csv") }
        if p.contains("klines") { return text(#"{"code":-1121,"msg":"Invalid symbol."}"#, status: .badRequest) }
        return text(#"{"error":"coin not found"}"#, status: .notFound)
    }

    func emptyAnswer(_ req: Request) -> Response {
        let p = req.uri.path
        if p.contains("fred/series") {
            return text(#"{"realtime_start":"2026-01-01","realtime_end":"9999-12-31","count":0,"offset":0,"limit":100000,"observations":[]}"#)
        }
        if p.contains("fredgraph") { return text("observation_date,X\n", type: "text/csv") }
        if p.contains("finance/chart") {
            return text(#"{"chart":{"result":[{"meta":{"currency":"USD","symbol":"X","instrumentType":"ETF","gmtoffset":-18000,"exchangeTimezoneName":"America/New_York"},"indicators":{"quote":[{}]}}],"error":null}}"#)
        }
        if p.contains("/q/d/l") { return text("Date,Open,High,Low,Close,Volume\n", type: "text/csv") }
        if p.contains("klines") { return text("[]") }
        return text(#"{"prices":[],"market_caps":[],"total_volumes":[]}"#)
    }
}

import Foundation
import Hummingbird
import ServiceLifecycle
import Logging
import NIOPosix
import RiskflowCore
import RiskflowRuntime
import RiskflowStore
import RiskflowReport
import RiskflowResearch

/// The HTTP side of `riskflow serve`: the dashboard, the report page, the JSON API, the
/// OpenAPI document, health and metrics, over one read-only store.
///
/// Every answer that depends on the data is computed once per (route, parameters, data
/// version, day) in ``cache``; the cache is dropped when the data version changes (a
/// sync wrote), checked at most once a second by ``probe``.
public final class RiskflowHTTP: Sendable {
    public let env: APIEnvironment
    public let cache: ResultCache
    public let probe: StoreProbe
    public let metrics: ServerMetrics
    public let logger: Logger
    /// The dashboard's reload interval in seconds (0: no reload).
    public let refreshSeconds: Int
    let openAPI: ByteBuffer

    /// - Throws: when the OpenAPI document cannot be encoded (see ``OpenAPIDocument/json(version:)``).
    public init(env: APIEnvironment, metrics: ServerMetrics = ServerMetrics(), logger: Logger, refreshSeconds: Int = 300) throws {
        self.env = env
        self.cache = ResultCache()
        self.probe = StoreProbe(store: env.store)
        self.metrics = metrics
        self.logger = logger
        self.refreshSeconds = refreshSeconds
        self.openAPI = ByteBuffer(string: try OpenAPIDocument.json(version: env.version))
    }

    /// Drops every cached answer and makes the next request look at the store again
    /// (called after a sync in this process wrote new data).
    public func dataDidChange() {
        cache.removeAll()
        probe.invalidate()
    }

    /// The router with every route and the request middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(RequestObserver(
            metrics: metrics, logger: logger,
            routes: ["/", "/report.html", "/health", "/metrics", "/openapi.json"] + APICatalogue.endpoints.map(\.path)))
        /// Every route answers GET and HEAD (the observer drops HEAD's body).
        func serve(_ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
            router.get(path, use: handler)
            router.head(path, use: handler)
        }
        serve("/") { request, _ in try await self.page(request, key: "dashboard") { q, env in try await self.dashboard(q, env) } }
        serve("/report.html") { request, _ in
            try await self.page(request, key: "report.html") { q, env in HTMLReport.render(try await APICatalogue.reportResult(q, env)) }
        }
        serve("/health") { _, _ in await self.health() }
        serve("/metrics") { _, _ in await self.metricsPage() }
        serve("/openapi.json") { _, _ in Self.response(CachedAnswer(status: 200, contentType: "application/json; charset=utf-8", body: self.openAPI)) }
        for endpoint in APICatalogue.endpoints {
            serve(RouterPath(endpoint.path)) { request, context in
                let id = context.parameters.get("id").map { $0.removingPercentEncoding ?? $0 }
                return try await self.api(endpoint, request, id: id)
            }
        }
        return router
    }

    /// The application on `host:port` with extra services (the sync and alert timers)
    /// run beside the server and shut down with it.
    public func application(
        host: String, port: Int, services: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "riskflow"),
            services: services, onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    // MARK: - Handlers

    func api(_ endpoint: APIEndpoint, _ request: Request, id: String?) async throws -> Response {
        let query = try QueryParameters(query: request.uri.query)
        let snapshot = await probe.snapshot()
        guard let version = snapshot.version else {
            return Self.response(CachedAnswer(APIError(status: 503, code: "store_unavailable", message: snapshot.error ?? "the store cannot be read")))
        }
        let env = withReportMemo(version: version)
        let key = "\(endpoint.path)|\(id ?? "")|\(query.canonical)|\(env.today().rawValue)"
        let answer = await cache.answer(key: key, version: version) {
            do {
                return CachedAnswer(text: try await endpoint.respond(query: query, pathID: id, env: env))
            } catch {
                return CachedAnswer(APIError.from(error))
            }
        }
        return Self.response(answer)
    }

    func page(_ request: Request, key: String, render: @escaping @Sendable (QueryParameters, APIEnvironment) async throws -> String) async throws
        -> Response
    {
        let query = try QueryParameters(query: request.uri.query)
        try query.check(allowed: ["as_of"])
        try query.validate(APIParameter.asOf)
        let snapshot = await probe.snapshot()
        guard let version = snapshot.version else {
            return Self.response(CachedAnswer(APIError(status: 503, code: "store_unavailable", message: snapshot.error ?? "the store cannot be read")))
        }
        let env = withReportMemo(version: version)
        let answer = await cache.answer(key: "\(key)|\(query.canonical)|\(env.today().rawValue)", version: version) {
            do {
                return CachedAnswer(contentType: "text/html; charset=utf-8", text: try await render(query, env))
            } catch {
                return CachedAnswer(APIError.from(error))
            }
        }
        return Self.response(answer)
    }

    /// The environment with the report shared through the cache under `version`.
    func withReportMemo(version: String) -> APIEnvironment {
        var env = self.env
        let cache = self.cache
        env.reportMemo = { key, compute in try await cache.memo(key: "report|" + key, version: version, compute: compute) }
        return env
    }

    func dashboard(_ q: QueryParameters, _ env: APIEnvironment) async throws -> String {
        let report = try await APICatalogue.reportResult(q, env)
        let asOf = try q.day("as_of")
        let series = try await env.store.dataListRows(asOf: asOf, today: env.today())
        let alerts = try await env.store.alertHistory().suffix(10).reversed().map {
            DashboardAlert(day: $0.event.day, rule: $0.event.rule, title: $0.event.title, status: $0.event.status.rawValue)
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        return HTMLDashboard.render(report, series: series, alerts: Array(alerts), generatedAt: stamp, refreshSeconds: refreshSeconds)
    }

    func health() async -> Response {
        let s = await probe.snapshot()
        let checked = s.checkedAtISO
        if s.version != nil {
            let day = s.lastDay.map { "\"\($0.iso)\"" } ?? "null"
            return Self.response(CachedAnswer(text: "{\"status\":\"ok\",\"last_data_day\":\(day),\"checked_at\":\"\(checked)\"}\n"))
        }
        let error = APIError(status: 503, code: "store_unavailable", message: s.error ?? "the store cannot be read").message
        let escaped = error.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ")
        return Self.response(
            CachedAnswer(status: 503, text: "{\"status\":\"unavailable\",\"last_data_day\":null,\"checked_at\":\"\(checked)\",\"error\":\"\(escaped)\"}\n"))
    }

    func metricsPage() async -> Response {
        let store = env.store
        if let states = try? await store.syncStates() {
            metrics.updateSync(states)
        }
        metrics.updateCache(entries: cache.count)
        var buffer = ByteBuffer()
        buffer.writeBytes(metrics.render())
        return Self.response(CachedAnswer(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: buffer))
    }

    static func response(_ a: CachedAnswer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = a.contentType
        return Response(status: .init(code: a.status), headers: headers, body: .init(byteBuffer: a.body))
    }
}

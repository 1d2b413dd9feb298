import Hummingbird
import Logging

/// The middleware every request passes through:
/// - refuses a request line over 8 KiB (414) and headers over 16 KiB (431) before any work;
/// - turns every failure into a JSON answer naming what was wrong (an unknown route 404,
///   a bad parameter 400, a store that cannot be read 503), so bad input never crashes
///   the server or earns a 5xx;
/// - answers a method other than GET or HEAD on a known route with 405 and `Allow: GET,
///   HEAD` (an unknown route stays 404);
/// - logs one line per request (method, path, status, duration) and counts it in the
///   metrics by route and status.
struct RequestObserver<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    let logger: Logger
    /// The served routes ("/api/v1/series/{id}": a `{…}` segment matches any one segment).
    var routes: [String] = []

    static var maxRequestLine: Int { 8 * 1024 }
    static var maxHeaderBytes: Int { 16 * 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let path = request.uri.path
        var response: Response
        var route: String
        if let refused = Self.limits(request) {
            response = Self.json(refused)
            route = "refused"
        } else if request.method != .get && request.method != .head, let known = Self.match(path, routes) {
            response = Self.json(APIError(
                status: 405, code: "method_not_allowed",
                message: "\(request.method.rawValue) \(path): only GET and HEAD are served (the API is read-only)"))
            response.headers[.allow] = "GET, HEAD"
            route = known
        } else {
            route = "unmatched"
            do {
                response = try await next(request, context)
                // HEAD is GET without the body (the routes answer both).
                if request.method == .head { response.body = .init() }
                route = context.endpointPath ?? "unmatched"
            } catch {
                let e = Self.apiError(error, request: request)
                response = Self.json(e)
                if e.code != "not_found" && e.code != "method_not_allowed" { route = context.endpointPath ?? "unmatched" }
            }
        }
        let status = Int(response.status.code)
        if route != "unmatched" && route.hasPrefix("/") == false { route = "/" + route }
        let elapsed = ContinuousClock.now - start
        metrics.record(route: route, method: request.method.rawValue, status: status, duration: elapsed)
        logger.info("\(request.method.rawValue) \(path) \(status) \(Self.milliseconds(elapsed)) ms")
        return response
    }

    /// A duration in milliseconds with two decimals ("0.21"), without Foundation's
    /// formatter (this runs once per request).
    static func milliseconds(_ d: Duration) -> String {
        let hundredths = d.components.seconds * 100_000 + d.components.attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The route pattern `path` matches, if any.
    static func match(_ path: String, _ routes: [String]) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.first { route in
            let pattern = route.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == parts.count else { return false }
            return zip(pattern, parts).allSatisfy { p, s in (p.hasPrefix("{") && p.hasSuffix("}") && !s.isEmpty) || p == s }
        }
    }

    /// 414 or 431 when the request is too large, else `nil`.
    static func limits(_ request: Request) -> APIError? {
        let line = request.method.rawValue.utf8.count + (request.head.path?.utf8.count ?? 0) + " HTTP/1.1\r\n".utf8.count + 1
        if line > maxRequestLine {
            return APIError(status: 414, code: "uri_too_long", message: "the request line is \(line) bytes; the limit is \(maxRequestLine)")
        }
        var headers = 0
        for field in request.headers { headers += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        if headers > maxHeaderBytes {
            return APIError(status: 431, code: "headers_too_large", message: "the headers are \(headers) bytes; the limit is \(maxHeaderBytes)")
        }
        return nil
    }

    static func apiError(_ error: any Error, request: Request) -> APIError {
        if let e = error as? any HTTPResponseError {
            if e.status == .notFound {
                return APIError(status: 404, code: "not_found", message: "no route \(request.method.rawValue) \(request.uri.path); see /openapi.json")
            }
            if e.status == .methodNotAllowed {
                return APIError(status: 405, code: "method_not_allowed", message: "\(request.method.rawValue) \(request.uri.path): the API is read-only (GET)")
            }
            return APIError(status: Int(e.status.code), code: "bad_request", message: "\(e)")
        }
        return APIError.from(error)
    }

    static func json(_ e: APIError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .init(code: e.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: e.body)))
    }
}

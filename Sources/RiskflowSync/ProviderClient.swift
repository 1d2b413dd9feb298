import RiskflowStore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RiskflowFormats

/// The HTTP edge of `data sync`: one AsyncHTTPClient shared by every fetch, with each
/// provider's timeout, retries and rate limit.
///
/// Retried: 429 (waiting `Retry-After` when given), 5xx, timeouts and connection errors,
/// with exponential backoff and full jitter (attempt *k* waits a uniform draw in
/// `0…min(max, initial · 2^(k−1))` seconds). Not retried: other statuses, which the
/// providers interpret (a 404 is an unknown symbol). A `Retry-After` longer than
/// `backoff_max_seconds` fails the request rather than stalling the sync.
public final class ProviderClient: Sendable {
    let http: HTTPClient
    let settings: [ProviderName: ProviderSettings]
    let limiters: [ProviderName: RateLimiter]
    /// Bodies larger than this are refused (64 MiB; a daily series is a few MB at most).
    static let maxBody = 64 << 20

    public init(settings: SyncSettings) {
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .follow(max: 5, allowCycles: false)
        config.decompression = .enabled(limit: .ratio(100))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        self.settings = settings.providers
        limiters = Dictionary(
            uniqueKeysWithValues: ProviderName.allCases.map { ($0, RateLimiter(perMinute: settings.settings($0).ratePerMinute)) })
    }

    /// Closes the connections. Call once, after the last request.
    public func shutdown() async throws { try await http.shutdown() }

    /// GETs `request` for `symbol` from `provider`, retrying as described above.
    ///
    /// - Returns: the final response, whatever its status (2xx or a non-retried 4xx).
    /// - Throws: ``SyncError`` (`timeout`, `network`, `http` after the last attempt),
    ///   naming the provider, the symbol and the URL without keys; `CancellationError`.
    public func get(_ request: ProviderRequest, provider: ProviderName, symbol: String) async throws -> ProviderResponse {
        let s = settings[provider] ?? .defaults(for: provider)
        let context = RequestContext(provider: provider, symbol: symbol, url: request.shownURL)
        let attempts = max(1, s.maxAttempts)
        var last: SyncError = context.error(.network, "no attempt was made")
        for attempt in 1...attempts {
            try await limiters[provider]?.acquire()
            var wait: Double? = nil
            do {
                let response = try await once(request, timeout: s.timeoutSeconds)
                if response.status == 429 || (500...599).contains(response.status) {
                    let detail = response.status == 429 ? "rate limited (HTTP 429)" : "HTTP \(response.status)"
                    last = context.error(.http, "\(detail) after \(attempt) attempt\(attempt == 1 ? "" : "s")")
                    if let after = response.retryAfter {
                        guard after <= s.backoffMaxSeconds else {
                            throw context.error(
                                .http, "\(detail); the provider asks to retry after \(Int(after)) s, more than backoff_max_seconds")
                        }
                        wait = after
                    }
                } else {
                    return response.value
                }
            } catch let e as SyncError {
                throw e
            } catch is CancellationError {
                throw CancellationError()
            } catch let e as HTTPClientError where [.readTimeout, .connectTimeout, .deadlineExceeded].contains(e) {
                last = context.error(.timeout, "no answer within \(format(s.timeoutSeconds)) s (\(attempt) attempt\(attempt == 1 ? "" : "s"))", underlying: e)
            } catch let e as HTTPClientError where [.bodyLengthMismatch, .remoteConnectionClosed].contains(e) {
                last = context.error(.malformed, "the body was truncated (the connection closed before its end)", underlying: e)
            } catch {
                last = context.error(.network, "connection failed: \(request.redact(String(describing: error)))")
            }
            if attempt < attempts {
                let backoff = min(s.backoffMaxSeconds, s.backoffInitialSeconds * pow(2, Double(attempt - 1)))
                let delay = wait ?? Double.random(in: 0...max(0, backoff))
                if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
            }
        }
        throw last
    }

    private struct Answer {
        var value: ProviderResponse
        var status: Int { value.status }
        var retryAfter: Double?
    }

    private func once(_ request: ProviderRequest, timeout: Double) async throws -> Answer {
        var r = HTTPClientRequest(url: request.url)
        r.method = .GET
        r.headers.add(name: "User-Agent", value: "riskflow/0.1 (+data sync)")
        r.headers.add(name: "Accept", value: "application/json, text/csv, */*")
        for (k, v) in request.headers.sorted(by: { $0.key < $1.key }) { r.headers.add(name: k, value: v) }
        let response = try await http.collect(r, deadline: timeout, maxBody: ProviderClient.maxBody)
        return Answer(
            value: ProviderResponse(
                status: response.status, body: Array(response.body.readableBytesView), contentType: response.headers.first(name: "Content-Type")),
            retryAfter: response.retryAfter)
    }

    /// `Retry-After` as seconds: a number of seconds or an HTTP date.
    public static func retryAfter(_ value: String) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let s = Double(v) { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let d = f.date(from: v) else { return nil }
        return max(0, d.timeIntervalSinceNow)
    }

    private func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

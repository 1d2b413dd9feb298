import AsyncHTTPClient
import Foundation
import RiskflowConfig
import NIOCore
import NIOHTTP1
import RiskflowStore
import RiskflowSync

/// What one POST to a webhook came to.
public struct WebhookAnswer: Sendable, Equatable {
    /// The HTTP status; on the e-mail channel the SMTP reply code (250 when sent, the
    /// refusing reply's code otherwise); `nil` when no answer came.
    public var statusCode: Int?
    public var error: String?
    /// Seconds asked by a `Retry-After` header (or Telegram's `retry_after`).
    public var retryAfter: Double?
    /// A failure no retry can fix without a change of configuration (a missing secret, an
    /// SMTP 5xx reply).
    public var permanent = false
    /// A failure worth retrying whatever its code (an SMTP 4xx reply).
    public var transient = false

    public init(statusCode: Int?, error: String?, retryAfter: Double? = nil, permanent: Bool = false, transient: Bool = false) {
        self.statusCode = statusCode
        self.error = error
        self.retryAfter = retryAfter
        self.permanent = permanent
        self.transient = transient
    }

    /// 2xx.
    public var isSuccess: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
    /// Worth retrying: no response (timeout, connection error), 408, 429 or 5xx.
    public var isRetryable: Bool {
        if permanent { return false }
        if transient { return true }
        guard let s = statusCode else { return true }
        return s == 408 || s == 429 || s >= 500
    }
}

/// POSTs alert bodies (webhooks, Telegram, ntfy) with AsyncHTTPClient: one attempt per call (the engine decides on
/// retries, so each attempt is recorded), a deadline covering head and body.
public final class WebhookSender: Sendable {
    let http: HTTPClient

    public init() {
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async throws { try await http.shutdown() }

    /// One POST of `body` to `url` with `headers`, within `timeout` seconds.
    public func post(url: String, body: Data, headers: [(String, String)], timeout: Double) async -> WebhookAnswer {
        await send(ChannelRequest(url: url, contentType: "application/json", headers: headers, body: body), timeout: timeout)
    }

    /// One POST of `request` within `timeout` seconds. Errors never quote the URL (a
    /// Telegram URL holds the bot token); `redacting` strings are removed from them too.
    public func send(_ request: ChannelRequest, timeout: Double, redacting secrets: [String] = []) async -> WebhookAnswer {
        var http = HTTPClientRequest(url: request.url)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: request.contentType)
        http.headers.add(name: "User-Agent", value: "riskflow-alerts/1")
        for (k, v) in request.headers { http.headers.add(name: k, value: v) }
        http.body = .bytes(ByteBuffer(data: request.body))
        do {
            let response = try await self.http.collect(http, deadline: timeout, maxBody: 1 << 20)
            return WebhookAnswer(
                statusCode: response.status, error: nil, retryAfter: response.retryAfter
                    ?? (response.status == 429 ? ChannelRequest.telegramRetryAfter(Array(response.body.readableBytesView)) : nil))
        } catch let e as HTTPClientError where e == .deadlineExceeded || e == .readTimeout || e == .connectTimeout {
            return WebhookAnswer(statusCode: nil, error: "no answer within \(String(format: "%g", timeout)) s")
        } catch {
            var text = "\(error)"
            for s in secrets where !s.isEmpty { text = text.replacingOccurrences(of: s, with: "<redacted>") }
            return WebhookAnswer(statusCode: nil, error: "connection failed: \(text)")
        }
    }
}

import AsyncHTTPClient
import Foundation
import RiskflowConfig
import NIOCore
import NIOHTTP1
import RiskflowStore
import RiskflowSync

/// What one POST to a webhook came to.
public struct WebhookAnswer: Sendable, Equatable {
    /// `nil` when no response came.
    public var statusCode: Int?
    public var error: String?
    /// Seconds asked by a `Retry-After` header.
    public var retryAfter: Double?

    /// 2xx.
    public var isSuccess: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
    /// Worth retrying: no response (timeout, connection error), 408, 429 or 5xx.
    public var isRetryable: Bool {
        guard let s = statusCode else { return true }
        return s == 408 || s == 429 || s >= 500
    }
}

/// POSTs alert bodies with AsyncHTTPClient: one attempt per call (the engine decides on
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
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "riskflow-alerts/1")
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await http.collect(request, deadline: timeout, maxBody: 1 << 20)
            return WebhookAnswer(statusCode: response.status, error: nil, retryAfter: response.retryAfter)
        } catch let e as HTTPClientError where e == .deadlineExceeded || e == .readTimeout || e == .connectTimeout {
            return WebhookAnswer(statusCode: nil, error: "no answer within \(String(format: "%g", timeout)) s")
        } catch {
            return WebhookAnswer(statusCode: nil, error: "connection failed: \(error)")
        }
    }
}

import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A webhook receiver on 127.0.0.1 for the alert tests: it records every POST to any path
/// (its path, headers — `Idempotency-Key`, `X-Riskflow-Signature` — and body) and answers
/// each by a script — fail, stall, rate-limit, drop the connection — then accepts. It
/// stands in for a webhook, Telegram's Bot API and an ntfy server alike.
public final class WebhookReceiver: Sendable {
    public enum Answer: Sendable, Equatable {
        case accept
        /// Answer this status (500, 429, 410…), with an optional `Retry-After` in seconds.
        case status(Int, retryAfter: Int? = nil)
        /// Wait this long before accepting (longer than the sender's timeout: a timeout).
        case stall(seconds: Double)
        /// Wait this long, then accept (and count it as accepted, whether or not the
        /// sender is still there to hear it).
        case slowAccept(seconds: Double)
        /// Read the request, then close the connection without a complete answer.
        case drop
        /// Telegram's rate limit: 429 with `{"ok":false,"parameters":{"retry_after":N}}`
        /// in the body and no `Retry-After` header.
        case telegramRateLimit(retryAfter: Int)
    }

    struct Dropped: Error {}

    public struct Arrival: Sendable, Equatable {
        public var idempotencyKey: String?
        public var signature: String?
        public var body: String
        /// The status answered; 0 when the sender never saw an answer (stalled, dropped).
        public var answered: Int
        /// The request's path, e.g. `/hook` or `/bot<token>/sendMessage`.
        public var path: String = ""
        /// Every header, names lower-cased.
        public var headers: [String: String] = [:]
    }

    struct State {
        var script: [Answer] = []
        var arrivals: [Arrival] = []
        var defaultAnswer: Answer = .accept
    }

    let state = NIOLockedValueBox(State())

    public init() {}

    /// The answers to the next requests, in order; afterwards every request gets `then`.
    public func script(_ answers: [Answer], then: Answer = .accept) {
        state.withLockedValue {
            $0.script = answers
            $0.defaultAnswer = then
        }
    }

    /// Every request received so far.
    public var arrivals: [Arrival] { state.withLockedValue { $0.arrivals } }

    /// Ids of the requests that were accepted (answered 2xx), in order.
    public var accepted: [String] { arrivals.filter { (200..<300).contains($0.answered) }.compactMap(\.idempotencyKey) }

    func next() -> Answer {
        state.withLockedValue { s in s.script.isEmpty ? s.defaultAnswer : s.script.removeFirst() }
    }

    func record(_ request: Request, body: String, answered: Int) {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let a = Arrival(
            idempotencyKey: request.headers[.init("Idempotency-Key")!], signature: request.headers[.init("X-Riskflow-Signature")!], body: body,
            answered: answered, path: request.uri.path, headers: headers)
        state.withLockedValue { $0.arrivals.append(a) }
    }

    /// Runs on 127.0.0.1 (an ephemeral port) until the task is cancelled; `ready` gets the port.
    public func run(ready: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = String(buffer: buffer)
            switch self.next() {
            case .accept:
                self.record(request, body: body, answered: 200)
                return Response(status: .ok)
            case .status(let code, let retryAfter):
                self.record(request, body: body, answered: code)
                var headers = HTTPFields()
                if let retryAfter { headers[.retryAfter] = String(retryAfter) }
                return Response(status: .init(code: code), headers: headers)
            case .stall(let seconds):
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                // The sender gave up long ago; whatever we answer now is not seen.
                self.record(request, body: body, answered: 0)
                return Response(status: .ok)
            case .slowAccept(let seconds):
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                self.record(request, body: body, answered: 200)
                return Response(status: .ok)
            case .drop:
                self.record(request, body: body, answered: 0)
                // A head promising a body that never comes: the server closes the connection.
                return Response(
                    status: .ok, headers: [.contentLength: "1000"], body: ResponseBody { _ in throw Dropped() })
            case .telegramRateLimit(let seconds):
                self.record(request, body: body, answered: 429)
                return Response(
                    status: .tooManyRequests, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after \#(seconds)","parameters":{"retry_after":\#(seconds)}}"#)))
            }
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await ready(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService()
    }

    /// Runs `body` with a receiver listening; stops it afterwards.
    public static func with<T: Sendable>(_ body: (WebhookReceiver, Int) async throws -> T) async throws -> T {
        let receiver = WebhookReceiver()
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let server = Task { try await receiver.run { port in continuation.yield(port) } }
        var it = stream.makeAsyncIterator()
        guard let port = await it.next() else { throw CancellationError() }
        defer { server.cancel() }
        return try await body(receiver, port)
    }
}

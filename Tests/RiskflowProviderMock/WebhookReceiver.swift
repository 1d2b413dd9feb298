import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A webhook receiver on 127.0.0.1 for the alert tests: it records every POST (its
/// `Idempotency-Key`, `X-Riskflow-Signature` and body) and answers each by a script —
/// fail, stall, rate-limit — then accepts.
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
    }

    public struct Arrival: Sendable, Equatable {
        public var idempotencyKey: String?
        public var signature: String?
        public var body: String
        public var answered: Int
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
        let a = Arrival(
            idempotencyKey: request.headers[.init("Idempotency-Key")!], signature: request.headers[.init("X-Riskflow-Signature")!], body: body,
            answered: answered)
        state.withLockedValue { $0.arrivals.append(a) }
    }

    /// Runs on 127.0.0.1 (an ephemeral port) until the task is cancelled; `ready` gets the port.
    public func run(ready: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.post("hook") { request, _ -> Response in
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

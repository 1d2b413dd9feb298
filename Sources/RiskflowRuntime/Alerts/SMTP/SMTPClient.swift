import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import RiskflowConfig

/// A minimal SMTP submission client on SwiftNIO (RFC 5321; STARTTLS, RFC 3207; AUTH PLAIN
/// and LOGIN, RFC 4954): one connection per message, a deadline on every step (connect,
/// greeting, each command, the TLS handshake, the message), `QUIT` at the end.
///
/// The answer maps onto the outbox's rules: `250` after the message is a success; a `4xx`
/// reply, a timeout or a lost connection is worth retrying; a `5xx` reply (or a server
/// that cannot do what the configuration demands: STARTTLS, an AUTH mechanism) is
/// permanent. The password is sent only inside TLS (unless `starttls = "off"`) and never
/// appears in an error.
struct SMTPClient: Sendable {
    let settings: AlertChannel.Email
    let password: String?
    /// Seconds per step.
    let timeout: Double
    /// The name given in EHLO.
    var clientName = "riskflow.localhost"

    /// What went wrong, and whether a retry can help.
    struct Failure: Error {
        var code: Int?
        var message: String
        var permanent: Bool
    }

    /// Sends `message` (CRLF lines, not yet dot-stuffed). Returns the final reply's code.
    func send(_ message: String) async -> WebhookAnswer {
        do {
            let code = try await conversation(message)
            return WebhookAnswer(statusCode: code, error: nil)
        } catch let f as Failure {
            return WebhookAnswer(statusCode: f.code, error: f.message, permanent: f.permanent, transient: !f.permanent)
        } catch {
            return WebhookAnswer(statusCode: nil, error: "connection failed: \(error)", transient: true)
        }
    }

    func conversation(_ message: String) async throws -> Int {
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(Int64(max(0.001, timeout) * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyDecoder(continuation: continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
        } catch {
            throw Failure(code: nil, message: "cannot connect to \(settings.host):\(settings.port): \(error)", permanent: false)
        }
        defer { channel.close(promise: nil) }
        var session = Session(channel: channel, continuation: continuation, replies: stream.makeAsyncIterator(), timeout: timeout)

        try await session.expect("the greeting", 220)
        var extensions = try await session.command("EHLO \(clientName)", "EHLO", 250).lines.dropFirst().map { $0.uppercased() }
        var secure = false
        let offersTLS = extensions.contains { $0 == "STARTTLS" || $0.hasPrefix("STARTTLS ") }
        if settings.startTLS != .off {
            if offersTLS {
                try await session.command("STARTTLS", "STARTTLS", 220)
                try await session.startTLS(host: settings.host, caFile: settings.caFile)
                extensions = try await session.command("EHLO \(clientName)", "EHLO after STARTTLS", 250).lines.dropFirst().map { $0.uppercased() }
                secure = true
            } else if settings.startTLS == .required {
                await session.quit()
                throw Failure(code: nil, message: "\(settings.host) does not offer STARTTLS (starttls = \"required\")", permanent: true)
            }
        }
        if let username = settings.username {
            guard secure || settings.startTLS == .off else {
                await session.quit()
                throw Failure(
                    code: nil, message: "\(settings.host) offers no STARTTLS: the password is not sent in clear (set starttls = \"off\" for a trusted relay)",
                    permanent: true)
            }
            let mechanisms = Set(extensions.filter { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }.flatMap { $0.dropFirst(5).split(separator: " ").map(String.init) })
            let mechanism: AlertChannel.Email.Auth
            switch settings.auth {
            case .auto: mechanism = mechanisms.contains("PLAIN") ? .plain : mechanisms.contains("LOGIN") ? .login : .auto
            case .plain, .login: mechanism = settings.auth
            }
            let secret = password ?? ""
            switch mechanism {
            case .plain:
                let token = Data(([0] + Array(username.utf8) + [0] + Array(secret.utf8))).base64EncodedString()
                try await session.command("AUTH PLAIN \(token)", "AUTH PLAIN", 235)
            case .login:
                try await session.command("AUTH LOGIN", "AUTH LOGIN", 334)
                try await session.command(Data(username.utf8).base64EncodedString(), "AUTH LOGIN (user name)", 334)
                try await session.command(Data(secret.utf8).base64EncodedString(), "AUTH LOGIN (password)", 235)
            case .auto:
                await session.quit()
                throw Failure(code: nil, message: "\(settings.host) offers no AUTH PLAIN or LOGIN (offered: \(mechanisms.sorted().joined(separator: " ")))", permanent: true)
            }
        }
        try await session.command("MAIL FROM:<\(settings.fromAddress)>", "MAIL FROM", 250)
        for rcpt in settings.to { try await session.command("RCPT TO:<\(rcpt)>", "RCPT TO \(rcpt)", 250, 251) }
        try await session.command("DATA", "DATA", 354)
        var body = EmailMessage.dotStuffed(message)
        if !body.hasSuffix("\r\n") { body += "\r\n" }
        let done = try await session.command(body + ".", "the message", 250)
        await session.quit()
        return done.code
    }

    /// One connection's command/reply exchange, each step under the deadline.
    struct Session {
        let channel: any Channel
        let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
        var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
        let timeout: Double

        /// Reads the next reply within the deadline; a code outside `codes` is a failure
        /// (4xx worth retrying, 5xx permanent).
        @discardableResult
        mutating func expect(_ step: String, _ codes: Int...) async throws -> SMTPReply { try await next(step, codes) }

        /// Sends one line (CRLF added) and reads its reply.
        @discardableResult
        mutating func command(_ line: String, _ step: String, _ codes: Int...) async throws -> SMTPReply {
            do {
                try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            } catch {
                throw Failure(code: nil, message: "the connection broke sending \(step)", permanent: false)
            }
            return try await next(step, codes)
        }

        mutating func next(_ step: String, _ codes: [Int]) async throws -> SMTPReply {
            let continuation = self.continuation
            let channel = self.channel
            let seconds = timeout
            let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(max(0.001, seconds) * 1000))) {
                continuation.finish(throwing: Failure(code: nil, message: "no answer to \(step) within \(String(format: "%g", seconds)) s", permanent: false))
                channel.close(promise: nil)
            }
            defer { timer.cancel() }
            let reply: SMTPReply?
            do {
                reply = try await replies.next()
            } catch let f as Failure {
                throw f
            } catch SMTPReplyDecoder.Failure.closed {
                throw Failure(code: nil, message: "the server closed the connection at \(step)", permanent: false)
            } catch {
                throw Failure(code: nil, message: "\(step): \(error)", permanent: false)
            }
            guard let reply else { throw Failure(code: nil, message: "the server closed the connection at \(step)", permanent: false) }
            guard codes.contains(reply.code) else {
                throw Failure(code: reply.code, message: "SMTP \(reply.code) at \(step): \(reply.text.prefix(200))", permanent: reply.code >= 500)
            }
            return reply
        }

        /// Puts TLS under the conversation (after the server's `220` to STARTTLS) and waits
        /// for the handshake within the deadline.
        func startTLS(host: String, caFile: String?) async throws {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile { tls.trustRoots = .file(caFile) }
            let context: NIOSSLContext
            do {
                context = try NIOSSLContext(configuration: tls)
            } catch {
                throw Failure(code: nil, message: "TLS set-up failed (tls_ca_file \(caFile ?? "-")): \(error)", permanent: true)
            }
            let isIP = host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
            let channel = self.channel
            let handshake = channel.eventLoop.makePromise(of: Void.self)
            let watcher = try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: isIP ? nil : host)
                let watcher = HandshakeWatcher(promise: handshake)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                try channel.pipeline.syncOperations.addHandler(watcher, position: .after(handler))
                return NIOLoopBound(watcher, eventLoop: channel.eventLoop)
            }.get()
            let seconds = timeout
            let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(max(0.001, seconds) * 1000))) {
                watcher.value.finish(.failure(Failure(code: nil, message: "no TLS handshake within \(String(format: "%g", seconds)) s", permanent: false)))
                channel.close(promise: nil)
            }
            defer { timer.cancel() }
            do {
                try await handshake.futureResult.get()
            } catch let f as Failure {
                throw f
            } catch {
                // A certificate the configuration does not trust will not become trusted by retrying.
                throw Failure(code: nil, message: "TLS handshake with \(host) failed: \(error)", permanent: "\(error)".contains("certificate") || "\(error)".contains("handshakeFailed"))
            }
        }

        /// `QUIT`, its answer awaited briefly; the connection closes either way.
        mutating func quit() async {
            _ = try? await command("QUIT", "QUIT", 221)
        }
    }
}

/// Completes its promise once, when the TLS handshake above it finishes, fails, or the
/// connection closes first (event-loop confined, like every handler).
final class HandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let promise: EventLoopPromise<Void>
    var done = false

    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    func finish(_ result: Result<Void, any Error>) {
        guard !done else { return }
        done = true
        promise.completeWith(result)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? TLSUserEvent, case .handshakeCompleted = e { finish(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(SMTPReplyDecoder.Failure.closed))
        context.fireChannelInactive()
    }
}

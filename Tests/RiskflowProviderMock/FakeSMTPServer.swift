import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A plain-text SMTP server on 127.0.0.1 for the e-mail channel's failure tests: each
/// connection follows the next scripted behaviour — accept the message, refuse a step
/// with a 4xx or 5xx reply, never answer a step (a timeout), or close the connection at
/// a step — and records every message it accepted (the whole text, so tests can read
/// `Message-ID`). Steps are named by the command: `MAIL`, `RCPT`, `DATA`, `END` (the
/// message's final `.`). It offers neither STARTTLS nor AUTH (the aiosmtpd test covers
/// those).
public final class FakeSMTPServer: Sendable {
    public enum Behaviour: Sendable, Equatable {
        case accept
        case reply(Int, at: String)
        case stall(at: String)
        case drop(at: String)
        /// Accept every message, each after this many seconds (a kill lands mid-delivery).
        case slowAccept(seconds: Double)
    }

    struct State {
        var script: [Behaviour] = []
        var accepted: [String] = []
        /// Messages read in full whose final reply was not `250` (stalled, dropped).
        var unanswered: [String] = []
        var connections = 0
    }

    let state = NIOLockedValueBox(State())

    public init() {}

    public func script(_ behaviours: [Behaviour]) { state.withLockedValue { $0.script = behaviours } }
    public var accepted: [String] { state.withLockedValue { $0.accepted } }
    public var unanswered: [String] { state.withLockedValue { $0.unanswered } }
    public var connections: Int { state.withLockedValue { $0.connections } }

    func nextBehaviour() -> Behaviour {
        state.withLockedValue { s in
            s.connections += 1
            if let first = s.script.first, case .slowAccept = first { return first }
            return s.script.isEmpty ? .accept : s.script.removeFirst()
        }
    }

    func record(_ message: String, accepted: Bool) {
        state.withLockedValue { accepted ? $0.accepted.append(message) : $0.unanswered.append(message) }
    }

    /// Runs `body` with the server listening on an ephemeral port; closes it afterwards.
    public static func with<T: Sendable>(_ body: (FakeSMTPServer, Int) async throws -> T) async throws -> T {
        let server = FakeSMTPServer()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Session(server: server, behaviour: server.nextBehaviour()))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server, channel.localAddress?.port ?? 0)
            try? await channel.close().get()
            return result
        } catch {
            try? await channel.close().get()
            throw error
        }
    }

    /// One connection: the SMTP state machine, event-loop confined.
    final class Session: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let server: FakeSMTPServer
        let behaviour: Behaviour
        var pending: [UInt8] = []
        var inData = false
        var message: [String] = []

        init(server: FakeSMTPServer, behaviour: Behaviour) {
            self.server = server
            self.behaviour = behaviour
        }

        func channelActive(context: ChannelHandlerContext) {
            send("220 fake.smtp ESMTP ready", context)
            context.fireChannelActive()
        }

        func send(_ line: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line + "\r\n")), promise: nil)
        }

        /// What the script does at `step`: `true` when it answered (or dropped).
        func scripted(_ step: String, _ context: ChannelHandlerContext) -> Bool {
            switch behaviour {
            case .reply(let code, let at) where at == step:
                send("\(code) scripted refusal at \(step)", context)
                return true
            case .stall(let at) where at == step:
                return true
            case .drop(let at) where at == step:
                context.close(promise: nil)
                return true
            default:
                return false
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            pending.append(contentsOf: buffer.readableBytesView)
            while let lf = pending.firstIndex(of: 0x0A) {
                var bytes = Array(pending[..<lf])
                pending.removeSubrange(...lf)
                if bytes.last == 0x0D { bytes.removeLast() }
                handle(String(decoding: bytes, as: UTF8.self), context)
            }
        }

        func handle(_ line: String, _ context: ChannelHandlerContext) {
            if inData {
                if line == "." {
                    inData = false
                    let text = message.joined(separator: "\r\n")
                    message = []
                    if scripted("END", context) {
                        server.record(text, accepted: false)
                        return
                    }
                    if case .slowAccept(let seconds) = behaviour {
                        let loop = context.eventLoop
                        let bound = NIOLoopBound((self, context), eventLoop: loop)
                        loop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                            let (session, context) = bound.value
                            // Accepted whether or not the client is still there to hear it.
                            session.server.record(text, accepted: true)
                            if context.channel.isActive { session.send("250 2.0.0 queued", context) }
                        }
                        return
                    }
                    server.record(text, accepted: true)
                    send("250 2.0.0 queued", context)
                } else {
                    message.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                }
                return
            }
            let verb = line.split(separator: " ").first.map { String($0).uppercased() } ?? ""
            switch verb {
            case "EHLO", "HELO": send("250-fake.smtp\r\n250 8BITMIME", context)
            case "MAIL": if !scripted("MAIL", context) { send("250 2.1.0 ok", context) }
            case "RCPT": if !scripted("RCPT", context) { send("250 2.1.5 ok", context) }
            case "DATA":
                if !scripted("DATA", context) {
                    inData = true
                    send("354 end with <CRLF>.<CRLF>", context)
                }
            case "QUIT":
                send("221 bye", context)
                context.close(promise: nil)
            case "RSET", "NOOP": send("250 ok", context)
            default: send("502 5.5.1 unknown command", context)
            }
        }
    }
}

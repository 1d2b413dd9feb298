import NIOCore

/// One SMTP reply: its three-digit code and its text lines (a multi-line reply — `250-…`
/// lines ending with `250 …` — is one reply).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var text: String { lines.joined(separator: " / ") }
}

/// Splits the server's bytes into replies (RFC 5321 §4.2) and yields each to the client;
/// a closed connection, a network error or a line that is not a reply ends the stream
/// with an error. At most 64 KB of an unfinished reply is held.
final class SMTPReplyDecoder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    enum Failure: Error, Equatable {
        case closed
        case malformed(String)
    }

    let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    var pending: [UInt8] = []
    var lines: [String] = []

    init(continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readableBytesView)
        while let lf = pending.firstIndex(of: 0x0A) {
            var line = Array(pending[..<lf])
            pending.removeSubrange(...lf)
            if line.last == 0x0D { line.removeLast() }
            let text = String(decoding: line, as: UTF8.self)
            let chars = Array(text)
            guard chars.count >= 3, let code = Int(String(chars[0..<3])), (200...599).contains(code), chars.count == 3 || chars[3] == " " || chars[3] == "-"
            else {
                fail(.malformed(String(text.prefix(120))), context)
                return
            }
            lines.append(chars.count > 4 ? String(chars[4...]) : "")
            if chars.count == 3 || chars[3] == " " {
                continuation.yield(SMTPReply(code: code, lines: lines))
                lines = []
            }
        }
        if pending.count > 65_536 { fail(.malformed("a reply line longer than 64 KB"), context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish(throwing: Failure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func fail(_ f: Failure, _ context: ChannelHandlerContext) {
        continuation.finish(throwing: f)
        pending = []
        context.close(promise: nil)
    }
}

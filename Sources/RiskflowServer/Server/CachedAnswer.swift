import NIOCore

/// A rendered answer, ready to write: status, content type and the body bytes.
public struct CachedAnswer: Sendable {
    public var status: Int
    public var contentType: String
    public var body: ByteBuffer

    public init(status: Int, contentType: String, body: ByteBuffer) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public init(status: Int = 200, contentType: String = "application/json; charset=utf-8", text: String) {
        self.init(status: status, contentType: contentType, body: ByteBuffer(string: text))
    }

    /// An error as its JSON answer.
    public init(_ error: APIError) { self.init(status: error.status, text: error.body) }

    /// Answers that depend only on the request and the data (2xx and 4xx) may be cached;
    /// a 5xx (the store unreadable, a bug) is never kept.
    var isCacheable: Bool { status < 500 }
}

import Foundation

/// One GET request to a provider: the URL as sent, the URL as shown (keys replaced by
/// `REDACTED`), extra headers, and the secret values that must never appear in output.
public struct ProviderRequest: Sendable, Equatable {
    public var url: String
    public var headers: [String: String]
    /// Values scrubbed from every message (API keys).
    public var secrets: [String]

    public init(url: String, headers: [String: String] = [:], secrets: [String] = []) {
        self.url = url
        self.headers = headers
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    /// The URL with every secret replaced by `REDACTED`: what errors, logs and
    /// `--dry-run` show.
    public var shownURL: String { redact(url) }

    /// `text` with every secret replaced by `REDACTED`.
    public func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "REDACTED") }
    }
}

/// A provider's answer: the status and the whole body.
public struct ProviderResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
    public var contentType: String?

    public init(status: Int, body: [UInt8], contentType: String? = nil) {
        self.status = status
        self.body = body
        self.contentType = contentType
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// `true` when the body looks like an HTML page (an error or captcha page served
    /// instead of data).
    public var isHTML: Bool {
        if contentType?.lowercased().contains("text/html") == true { return true }
        let head = String(decoding: body.prefix(256), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<head")
    }
}

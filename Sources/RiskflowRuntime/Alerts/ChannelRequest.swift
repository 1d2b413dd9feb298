import Foundation
import RiskflowConfig
import RiskflowStore

/// One delivery of an event as an HTTP request on its rule's channel. Pure: the engine
/// resolves secrets from the environment and sends it.
public struct ChannelRequest: Sendable {
    /// The full URL (for Telegram it holds the bot token in its path: never print it; use
    /// ``AlertChannel/destination``).
    public var url: String
    public var contentType: String
    public var headers: [(String, String)]
    public var body: Data

    /// The request delivering `e` on `channel`, with the channel's secrets from `secrets`
    /// (variable name → value). `nil` when a required secret is missing, and for e-mail
    /// (not HTTP: ``EmailMessage`` and the SMTP client).
    public static func make(_ e: AlertEventRecord, channel: AlertChannel, secrets: [String: String]) -> ChannelRequest? {
        switch channel {
        case .webhook(let w):
            let body = AlertPayload.body(e, format: w.format)
            var headers = [("Idempotency-Key", e.id)]
            if let name = w.secretEnv {
                guard let secret = secrets[name], !secret.isEmpty else { return nil }
                headers.append(("X-Riskflow-Signature", AlertPayload.signature(body: body, secret: secret)))
            }
            return ChannelRequest(url: w.url, contentType: "application/json", headers: headers, body: body)
        case .telegram(let t):
            guard let token = secrets[t.tokenEnv], !token.isEmpty else { return nil }
            return ChannelRequest(
                url: "\(trimmed(t.baseURL))/bot\(token)/sendMessage", contentType: "application/json", headers: [],
                body: telegramBody(e, chatID: t.chatID, parseMode: t.parseMode))
        case .ntfy(let n):
            var headers = [("Title", headerValue(e.title)), ("Priority", String(n.priority))]
            if !n.tags.isEmpty { headers.append(("Tags", n.tags.joined(separator: ","))) }
            if let name = n.tokenEnv {
                guard let token = secrets[name], !token.isEmpty else { return nil }
                headers.append(("Authorization", "Bearer \(token)"))
            }
            return ChannelRequest(
                url: "\(trimmed(n.baseURL))/\(n.topic)", contentType: "text/plain; charset=utf-8", headers: headers,
                body: Data(e.details.utf8))
        case .email:
            return nil
        }
    }

    /// `sendMessage`'s JSON: `{"chat_id", "text", "parse_mode"?, "link_preview_options"}`;
    /// the title bold and the details below it, escaped for the parse mode (Telegram
    /// refuses a message whose markup does not parse).
    static func telegramBody(_ e: AlertEventRecord, chatID: String, parseMode: AlertChannel.Telegram.ParseMode) -> Data {
        let text: String
        switch parseMode {
        case .html: text = "<b>\(html(e.title))</b>\n\(html(e.details))"
        case .markdownV2: text = "*\(markdownV2(e.title))*\n\(markdownV2(e.details))"
        case .none: text = "\(e.title)\n\(e.details)"
        }
        var object: [String: Any] = ["chat_id": chatID, "text": text, "link_preview_options": ["is_disabled": true]]
        if parseMode != .none { object["parse_mode"] = parseMode.rawValue }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// `&`, `<` and `>` as entities (what Telegram's HTML mode requires).
    static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Every character MarkdownV2 reserves, backslash-escaped.
    static func markdownV2(_ s: String) -> String {
        let reserved: Set<Character> = ["_", "*", "[", "]", "(", ")", "~", "`", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!", "\\"]
        var out = ""
        for c in s {
            if reserved.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// A header value: ASCII as is, otherwise an RFC 2047 encoded word
    /// (`=?UTF-8?B?…?=`, which ntfy decodes); control characters become spaces.
    static func headerValue(_ s: String) -> String {
        let clean = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : Character($0) })
        if clean.unicodeScalars.allSatisfy(\.isASCII) { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    static func trimmed(_ base: String) -> String {
        var b = base
        while b.hasSuffix("/") { b.removeLast() }
        return b
    }

    /// Telegram's `{"ok": false, "parameters": {"retry_after": N}}` on 429, in seconds.
    static func telegramRetryAfter(_ body: [UInt8]) -> Double? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let parameters = object["parameters"] as? [String: Any], let n = parameters["retry_after"] as? NSNumber
        else { return nil }
        let x = n.doubleValue
        return x.isFinite && x >= 0 ? min(x, 86_400) : nil
    }
}

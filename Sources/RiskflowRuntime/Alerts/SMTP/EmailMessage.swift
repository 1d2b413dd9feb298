import Foundation
import RiskflowConfig
import RiskflowStore

/// The e-mail an event becomes (RFC 5322 with a MIME `multipart/alternative` body: plain
/// text, then a small HTML part). Pure.
///
/// `Message-ID` is `<{event id}@riskflow.alerts>`: the same event sent twice (a process
/// killed between the server's `250` and its record) carries the same id, so a receiver
/// or a mail filter can drop the repeat. Both parts are base64 (UTF-8 safe, lines of 76),
/// the subject an RFC 2047 encoded word when it is not ASCII.
public enum EmailMessage {
    /// The message text with CRLF line ends (before SMTP dot-stuffing).
    public static func render(_ e: AlertEventRecord, from: String, to: [String], date: Date) -> String {
        let boundary = "riskflow-" + e.id.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        let plain = "\(e.title)\n\n\(e.details)\n\nRule \(e.rule) (\(e.kind.rawValue)), \(e.day.iso), as of \(e.asOf.iso). Event \(e.id).\n"
        let html = """
            <!DOCTYPE html><html><body style="font-family:system-ui,sans-serif">\
            <h3 style="margin:0 0 8px">\(escape(e.title))</h3><p>\(escape(e.details))</p>\
            <p style="color:#64748b;font-size:12px">Rule \(escape(e.rule)) (\(e.kind.rawValue)), \(e.day.iso), as of \(e.asOf.iso). Event \(escape(e.id)).</p>\
            </body></html>
            """
        let headers = [
            "Date: \(rfc5322(date))",
            "From: \(headerText(from))",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(headerText(e.title))",
            "Message-ID: \(messageID(e.id))",
            "MIME-Version: 1.0",
            "X-Riskflow-Event: \(e.id)",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [
            "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64Lines(plain),
            "--\(boundary)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64Lines(html),
            "--\(boundary)--", "",
        ]
        return (headers + [""] + parts).joined(separator: "\r\n")
    }

    /// `<{id}@riskflow.alerts>`.
    public static func messageID(_ eventID: String) -> String { "<\(eventID)@riskflow.alerts>" }

    /// A header value: ASCII as is (control characters as spaces), else an RFC 2047 encoded
    /// word per 45 bytes of UTF-8 (each within the 75-character limit).
    static func headerText(_ s: String) -> String {
        let clean = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : Character($0) })
        if clean.unicodeScalars.allSatisfy(\.isASCII) { return clean }
        var words: [String] = []
        var chunk = ""
        for c in clean {
            if chunk.utf8.count + String(c).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(c)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ s: String) -> String {
        let b = Data(s.utf8).base64EncodedString()
        var lines: [Substring] = []
        var i = b.startIndex
        while i < b.endIndex {
            let j = b.index(i, offsetBy: 76, limitedBy: b.endIndex) ?? b.endIndex
            lines.append(b[i..<j])
            i = j
        }
        return lines.joined(separator: "\r\n")
    }

    static func escape(_ s: String) -> String { ChannelRequest.html(s) }

    /// `Tue, 08 Dec 2026 02:30:00 +0000`.
    static func rfc5322(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: d)
    }

    /// SMTP's DATA transparency (RFC 5321 §4.5.2): a line starting with `.` gets another.
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }
}

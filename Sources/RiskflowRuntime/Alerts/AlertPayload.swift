import Crypto
import Foundation
import RiskflowConfig
import RiskflowStore

/// The body POSTed for an event, in the rule's format.
///
/// - `json`: `{"id","rule","kind","subject","day","title","details","as_of"}` (days as
///   `YYYY-MM-DD`), keys sorted;
/// - `slack`: `{"text": "*title*\ndetails"}` (an incoming-webhook message);
/// - `discord`: `{"content": "**title**\ndetails"}`.
public enum AlertPayload {
    public static func body(_ e: AlertEventRecord, format: AlertRule.Format) -> Data {
        let object: [String: String] =
            switch format {
            case .json:
                [
                    "id": e.id, "rule": e.rule, "kind": e.kind.rawValue, "subject": e.subject, "day": e.day.iso, "title": e.title,
                    "details": e.details, "as_of": e.asOf.iso,
                ]
            case .slack: ["text": "*\(e.title)*\n\(e.details)"]
            case .discord: ["content": "**\(e.title)**\n\(e.details)"]
            }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// `sha256=<hex HMAC-SHA256 of body with secret>`, the `X-Riskflow-Signature` value.
    public static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}

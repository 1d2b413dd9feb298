import Foundation
import RiskflowCore
import RiskflowStore
import RiskflowResearch
import RiskflowSignals
import RiskflowStats

/// An API failure: the HTTP status and a message naming what was wrong (a parameter, a
/// symbol, the store). JSON body: `{"error": message, "code": code, "parameter": name|null}`.
public struct APIError: Error, Sendable, Equatable {
    /// The HTTP status code (400, 404, 414, 422, 431, 503, 500).
    public var status: Int
    /// A machine-readable code: `bad_parameter`, `unknown_parameter`, `unknown_symbol`,
    /// `inconsistent_parameters`, `not_found`, `unanswerable`, `store_unavailable`, `uri_too_long`,
    /// `headers_too_large`, `internal`.
    public var code: String
    public var message: String
    /// The query parameter at fault, when there is one.
    public var parameter: String?

    public init(status: Int, code: String, message: String, parameter: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
    }

    /// A malformed or out-of-range query parameter (400).
    public static func badParameter(_ name: String, _ message: String) -> APIError {
        APIError(status: 400, code: "bad_parameter", message: "\(name): \(message)", parameter: name)
    }

    /// Parameters each within their declaration but inconsistent together (`from` after
    /// `to`, a rolling window too short for the lags, a strategy missing its dates): 422.
    public static func inconsistent(_ name: String, _ message: String) -> APIError {
        APIError(status: 422, code: "inconsistent_parameters", message: "\(name): \(message)", parameter: name)
    }

    /// The JSON body.
    public var body: String {
        struct Body: Encodable {
            var error: String
            var code: String
            @NullEncoded var parameter: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Body(error: message, code: code, parameter: parameter))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Maps a library error to its HTTP meaning: an unknown series is 404, a question the
    /// data cannot answer (too few observations, non-positive values) 422, a store that
    /// cannot be read 503; anything else is a bug (500).
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as StoreError:
            switch e.code {
            case .unknownSeries: return APIError(status: 404, code: "unknown_symbol", message: e.message)
            case .cannotOpen, .readFailed: return APIError(status: 503, code: "store_unavailable", message: e.message)
            default: return APIError(status: 500, code: "internal", message: e.message)
            }
        case let e as SignalError: return APIError(status: e.code == .missingInput ? 404 : 422, code: e.code == .missingInput ? "unknown_symbol" : "unanswerable", message: e.message)
        case let e as LeadLagError:
            return APIError(status: e.code == .missingInput ? 404 : 422, code: e.code == .missingInput ? "unknown_symbol" : "unanswerable", message: e.message)
        case let e as StatsError: return APIError(status: 422, code: "unanswerable", message: e.message)
        case let e as SweepError: return APIError(status: 400, code: "bad_parameter", message: e.message)
        default:
            let text = String(describing: error)
            if text.contains("SQLite error") || text.contains("database") {
                return APIError(status: 503, code: "store_unavailable", message: "the store cannot be read: \(text)")
            }
            return APIError(status: 500, code: "internal", message: text)
        }
    }
}

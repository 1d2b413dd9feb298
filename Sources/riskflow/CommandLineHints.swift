import RiskflowCore
import RiskflowData
import RiskflowResearch
import RiskflowSignals

/// What a user can do about a library error, in command-line terms: the library says
/// what went wrong (with a code), the executable adds which flag or command helps.
enum CommandLineHints {
    /// The error's message with the hint for its code, or `nil` when there is none.
    static func message(for error: any Error) -> String? {
        switch error {
        case let e as StoreError:
            switch e.code {
            case .unknownSeries: return "\(e.message) (see `riskflow data list`)"
            case .missingSymbol: return "\(e.message); pass --symbol SYMBOL"
            case .missingUnit:
                return "\(e.message); pass --unit (one of \(ValueUnit.allCases.map(\.rawValue).joined(separator: ", ")))"
            default: return nil
            }
        case let e as SignalError where e.code == .missingInput:
            return "\(e.message) (see `riskflow data list`)"
        case let e as LeadLagError where e.code == .nonPositiveValues:
            return "\(e.message); use --transform diff for series that can be zero or negative"
        default:
            return nil
        }
    }
}

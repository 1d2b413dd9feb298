import Foundation
/// A value a job parameter takes, as the command line and the API both write it.
public protocol JobParameterValue: Sendable {
    /// What kind of value it is (the API's type and the OpenAPI schema follow it).
    static var parameterKind: JobParameterKind { get }
    /// The value as a default is written (`2600` for 2600.0, `30,60,90` for a list),
    /// `nil` for no value.
    var parameterText: String? { get }
    /// The numbers the declared range applies to: the value itself, each element of a
    /// list, none for a text or no value.
    var parameterNumbers: [Double] { get }
}

/// The kinds of value a ``JobParameter`` takes.
public enum JobParameterKind: Sendable, Equatable {
    /// A whole number (`Int`).
    case integer
    /// A whole number 0…2⁶⁴ − 1 (seeds).
    case unsigned
    /// A finite number (`Double`).
    case number
    /// A text (a symbol).
    case string
    /// Comma-separated whole numbers (horizons).
    case integerList
}

/// One parameter of a job, declared once on the job's parameter type: its name, its
/// default, the values it takes and what it means. The command line's flag
/// (`--max-lag`), its help and its check, and the API's query parameter (`max_lag`), its
/// summary, range and the OpenAPI schema are all derived from it, so the two edges cannot
/// disagree on a default or a range.
///
/// ```swift
/// extension LeadLagOptions.Declared {
///     static let maxLag = JobParameter("max_lag", default: 8, range: 1...1_000,
///                                      help: "Granger lags 1…N and VAR orders 0…N.")
/// }
/// ```
public struct JobParameter<Value: JobParameterValue>: Sendable {
    /// The API's name (snake_case); the command line's flag is the same with dashes.
    public let name: String
    /// The default (for an optional `Value`, `nil`: none, or computed from others).
    public let defaultValue: Value
    /// The numbers it takes (`nil`: any finite number); for a list, each element's.
    public let range: ClosedRange<Double>?
    /// The range's lower bound itself is refused (a number "above 0").
    public let excludesLowerBound: Bool
    /// What it means, one sentence ending in a full stop (the flag's help, the API's summary).
    public let help: String

    public init(
        _ name: String, default defaultValue: Value, range: ClosedRange<Double>? = nil, excludesLowerBound: Bool = false, help: String
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.excludesLowerBound = excludesLowerBound
        self.help = help
    }

    /// The command line's flag name without the dashes (`max-lag`).
    public var flagName: String { name.replacingOccurrences(of: "_", with: "-") }

    /// The help with a note in brackets before its full stop: "Top N altcoins by market
    /// cap (default: the config's, 50)."
    public func help(adding note: String) -> String {
        (help.hasSuffix(".") ? String(help.dropLast()) : help) + " (\(note))."
    }

    /// The default as it is written, `nil` when there is none.
    public var defaultText: String? { defaultValue.parameterText }

    /// Why `value` is not one the parameter takes (`nil`: it is), naming it as `label`
    /// (`--max-lag` on the command line): "--max-lag must be between 1 and 1,000".
    /// A range check per number; cost O(number of elements).
    public func problem(with value: Value, label: String) -> String? {
        guard let range else {
            return value.parameterNumbers.allSatisfy(\.isFinite) ? nil : "\(label) must be a finite number"
        }
        for x in value.parameterNumbers {
            let inside = x.isFinite && range.contains(x) && !(excludesLowerBound && x == range.lowerBound)
            if !inside {
                return "\(label) must be \(x.isFinite ? "" : "a finite number ")\(Self.describe(range, excludesLowerBound: excludesLowerBound))"
            }
        }
        return nil
    }

    /// "between 1 and 1,000", "at least 1", "above 0 and at most 1e9".
    public static func describe(_ range: ClosedRange<Double>, excludesLowerBound: Bool) -> String {
        let unbounded = range.upperBound >= 1e15
        func text(_ x: Double) -> String { x == x.rounded() ? NumberText.grouped(x, decimals: 0) : "\(x)" }
        let lo = text(range.lowerBound), hi = text(range.upperBound)
        switch (excludesLowerBound, unbounded) {
        case (false, true): return "at least \(lo)"
        case (true, true): return "above \(lo)"
        case (false, false): return "between \(lo) and \(hi)"
        case (true, false): return "above \(lo) and at most \(hi)"
        }
    }
}

extension Int: JobParameterValue {
    public static var parameterKind: JobParameterKind { .integer }
    public var parameterText: String? { String(self) }
    public var parameterNumbers: [Double] { [Double(self)] }
}

extension UInt64: JobParameterValue {
    public static var parameterKind: JobParameterKind { .unsigned }
    public var parameterText: String? { String(self) }
    public var parameterNumbers: [Double] { [] }
}

extension Double: JobParameterValue {
    public static var parameterKind: JobParameterKind { .number }
    /// `2600` for 2600.0, `0.5` otherwise.
    public var parameterText: String? { self == rounded() && Swift.abs(self) < 1e15 ? String(Int64(self)) : "\(self)" }
    public var parameterNumbers: [Double] { [self] }
}

extension String: JobParameterValue {
    public static var parameterKind: JobParameterKind { .string }
    public var parameterText: String? { self }
    public var parameterNumbers: [Double] { [] }
}

extension Array: JobParameterValue where Element == Int {
    public static var parameterKind: JobParameterKind { .integerList }
    public var parameterText: String? { map(String.init).joined(separator: ",") }
    public var parameterNumbers: [Double] { map(Double.init) }
}

extension Optional: JobParameterValue where Wrapped: JobParameterValue {
    public static var parameterKind: JobParameterKind { Wrapped.parameterKind }
    public var parameterText: String? { self?.parameterText }
    public var parameterNumbers: [Double] { self?.parameterNumbers ?? [] }
}

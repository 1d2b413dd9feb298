/// riskflow's library errors: a code a program can act on, a message in words that names
/// what and where (a series, a file, a parameter), and the underlying error when one
/// caused it. The command line adds its own hints (which flag helps) from the code; the
/// library's messages never mention flags.
///
/// Each area has its own codes: ``StatsErrorCode`` (`StatsError`), `StoreErrorCode`
/// (`StoreError`), `SignalErrorCode` (`SignalError`), `LeadLagErrorCode` (`LeadLagError`).
public struct CodedError<Code: Hashable & Sendable>: Error, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}

extension CodedError: Equatable {
    /// The same code and message (the underlying errors are not compared).
    public static func == (a: CodedError, b: CodedError) -> Bool { a.code == b.code && a.message == b.message }
}

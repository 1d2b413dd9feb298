import RiskflowCore

/// One job riskflow runs for a user (a command, later an API endpoint): a value holding
/// its parameters that says which series it reads and turns them into one result value.
///
/// The edges (the command line, the server) load ``inputs`` as of a day, call ``run(_:)``
/// and render the result; they compute nothing themselves, so every output of a job (the
/// terminal, JSON, CSV, HTML, HTTP) shows the same numbers. `run` is pure.
public protocol Job: Sendable {
    associatedtype Output: Sendable
    /// The series to load.
    var inputs: DataRequest { get }
    /// Series that must exist in the store (an unknown one is an error before anything
    /// runs); the others are optional inputs the job reports missing in its own words.
    var required: [String] { get }
    /// Computes the result from the data known as of `data.asOf`.
    func run(_ data: MarketData) throws -> Output
}

extension Job {
    public var required: [String] { [] }
}

/// An optional first and last day that a history is cut to for display (the computation
/// itself always uses everything known as of the day).
public struct DateWindow: Sendable, Equatable, Codable {
    public var from: Day?
    public var to: Day?

    public init(from: Day? = nil, to: Day? = nil) {
        self.from = from
        self.to = to
    }

    /// `from ≤ day ≤ to`, each bound where given.
    public func contains(_ day: Day) -> Bool { (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true) }

    /// The span first…last overlaps the window.
    public func overlaps(_ first: Day, _ last: Day) -> Bool {
        (from.map { last >= $0 } ?? true) && (to.map { first <= $0 } ?? true)
    }
}

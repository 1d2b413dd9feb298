/// A coding key from a string, for encoders that must write every key (with `null`
/// for a missing value) where Swift's synthesised encoding would leave it out.
public struct NullableKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ string: String) { stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

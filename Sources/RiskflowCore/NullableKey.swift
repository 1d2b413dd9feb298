/// A coding key from a string, for encoders that must write every key (with `null`
/// for a missing value) where Swift's synthesised encoding would leave it out.
public struct NullableKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ string: String) { stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// Results whose JSON must list every key, with `null` for a missing value (public
/// interfaces that scripts read), where Swift's synthesised encoding would leave nil
/// optionals out. Keys are the property names; decoding stays synthesised.
public protocol EncodesMissingAsNull: Encodable {}

extension EncodesMissingAsNull {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: NullableKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let value = child.value as? any Encodable else { continue }
            try value.encode(to: c.superEncoder(forKey: NullableKey(label)))
        }
    }
}

/// An optional property whose JSON key is always written, with `null` when the value is
/// missing, where Swift's synthesised `Codable` would leave the key out.
///
/// riskflow's JSON outputs are a public interface that scripts read; for the result
/// types that promise every key (breakouts, liquidity rows, price summaries, …) mark each
/// optional property `@NullEncoded`. The key comes from the type's `CodingKeys` like any
/// other property. Decoding accepts `null` and a missing key alike.
@propertyWrapper
public struct NullEncoded<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as a missing value (synthesised decoding would throw).
    public func decode<V>(_ type: NullEncoded<V>.Type, forKey key: Key) throws -> NullEncoded<V> {
        try decodeIfPresent(type, forKey: key) ?? NullEncoded(wrappedValue: nil)
    }
}

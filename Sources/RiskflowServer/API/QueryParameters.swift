import Foundation
import RiskflowCore

/// A request's query parameters, read by name with the endpoint's types. Every failure is
/// an ``APIError`` (400) naming the parameter: a malformed value, a value out of range, a
/// parameter given twice, or one the endpoint does not take.
public struct QueryParameters: Sendable, Equatable {
    /// Decoded name → value.
    public private(set) var values: [String: String] = [:]

    /// Parses a raw query string (`a=1&b=x%20y`); `+` is a space, `%XX` is decoded.
    public init(query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(pieces[0])
            guard let name = Self.decode(rawName), !name.isEmpty else {
                throw APIError(status: 400, code: "bad_parameter", message: "query: '\(rawName)' is not a parameter name")
            }
            let rawValue = pieces.count > 1 ? String(pieces[1]) : ""
            guard let value = Self.decode(rawValue) else { throw APIError.badParameter(name, "'\(rawValue)' is not validly percent-encoded") }
            guard values[name] == nil else { throw APIError.badParameter(name, "given more than once") }
            values[name] = value
        }
    }

    /// Parameters from decoded pairs (tests and the cache key).
    public init(_ values: [String: String]) { self.values = values }

    static func decode(_ s: String) -> String? {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The parameters in a canonical order (`a=1&b=2`), for cache keys.
    public var canonical: String { values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&") }

    /// Refuses any parameter outside `allowed` (400 naming the first, listing the allowed ones).
    public func check(allowed: [String]) throws {
        let known = Set(allowed)
        if let bad = values.keys.sorted().first(where: { !known.contains($0) }) {
            let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            throw APIError(status: 400, code: "unknown_parameter", message: "unknown query parameter '\(bad)'; this endpoint takes: \(list)", parameter: bad)
        }
    }

    /// Checks the value of `p` (if given) against its declaration — the checks the OpenAPI
    /// document states: non-empty, the pattern, the type, the range, the enumeration.
    /// - Throws: ``APIError`` (400) naming the parameter.
    public func validate(_ p: APIParameter) throws {
        guard let v = try string(p.name) else { return }
        if let pattern = p.pattern, !APIPattern.matches(v, pattern) {
            throw APIError.badParameter(p.name, "'\(v)' is not \(p.expectation)")
        }
        switch p.kind {
        case .date: _ = try day(p.name)
        case .integer: _ = try int(p)
        case .unsigned: _ = try uint64(p.name)
        case .number: _ = try double(p)
        case .boolean: _ = try bool(p.name)
        case .choice(let allowed):
            guard allowed.contains(v) else { throw APIError.badParameter(p.name, "'\(v)' is not one of \(allowed.joined(separator: ", "))") }
        case .string, .dates, .list: break
        }
    }

    /// An integer within `p`'s declared range.
    public func int(_ p: APIParameter) throws -> Int? {
        try int(p.name, in: p.intRange ?? Int.min...Int.max)
    }

    /// A finite number within `p`'s declared range (its lower bound excluded when declared so).
    public func double(_ p: APIParameter) throws -> Double? {
        guard let x = try double(p.name, in: p.range ?? -.greatestFiniteMagnitude ... .greatestFiniteMagnitude) else { return nil }
        if p.excludesLowerBound, let r = p.range, x == r.lowerBound {
            throw APIError.badParameter(p.name, "\(x) must be above \(r.lowerBound)")
        }
        return x
    }

    public func string(_ name: String) throws -> String? {
        guard let v = values[name] else { return nil }
        guard !v.isEmpty else { throw APIError.badParameter(name, "empty value") }
        return v
    }

    public func required(_ name: String) throws -> String {
        guard let v = try string(name) else { throw APIError.badParameter(name, "required") }
        return v
    }

    public func day(_ name: String) throws -> Day? {
        guard let v = try string(name) else { return nil }
        guard let d = Day(v) else { throw APIError.badParameter(name, "'\(v)' is not a date (YYYY-MM-DD)") }
        return d
    }

    public func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = try string(name) else { return nil }
        guard let i = Int(v) else { throw APIError.badParameter(name, "'\(v)' is not an integer") }
        guard range.contains(i) else { throw APIError.badParameter(name, "\(i) is outside \(range.lowerBound)…\(range.upperBound)") }
        return i
    }

    public func uint64(_ name: String) throws -> UInt64? {
        guard let v = try string(name) else { return nil }
        guard let i = UInt64(v) else { throw APIError.badParameter(name, "'\(v)' is not a non-negative integer") }
        return i
    }

    /// A finite number within `range`.
    public func double(_ name: String, in range: ClosedRange<Double> = -.greatestFiniteMagnitude ... .greatestFiniteMagnitude) throws -> Double? {
        guard let v = try string(name) else { return nil }
        guard let x = Double(v), x.isFinite else { throw APIError.badParameter(name, "'\(v)' is not a number") }
        guard range.contains(x) else { throw APIError.badParameter(name, "\(v) is outside \(range.lowerBound)…\(range.upperBound)") }
        return x
    }

    /// `true`/`false`/`1`/`0`; a bare `name` (or `name=`) is not accepted.
    public func bool(_ name: String) throws -> Bool? {
        guard let v = try string(name) else { return nil }
        switch v.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badParameter(name, "'\(v)' is not true or false")
        }
    }

    /// One of an enumeration's raw values.
    public func choice<E: RawRepresentable & CaseIterable>(_ name: String, _: E.Type = E.self) throws -> E? where E.RawValue == String {
        guard let v = try string(name) else { return nil }
        guard let e = E(rawValue: v) else {
            throw APIError.badParameter(name, "'\(v)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return e
    }

    /// A comma-separated list of dates.
    public func days(_ name: String) throws -> [Day]? {
        guard let v = try string(name) else { return nil }
        return try v.split(separator: ",").map { part in
            let t = part.trimmingCharacters(in: CharacterSet(charactersIn: " "))
            guard let d = Day(t) else { throw APIError.badParameter(name, "'\(t)' is not a date (YYYY-MM-DD)") }
            return d
        }
    }

    /// A comma-separated list of upper-cased symbols.
    public func symbols(_ name: String) throws -> [String]? {
        guard let v = try string(name) else { return nil }
        // Only spaces are trimmed (as the declared pattern reads a list: any other character is part of a symbol).
        let list = v.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ")).uppercased() }.filter { !$0.isEmpty }
        guard !list.isEmpty else { throw APIError.badParameter(name, "no symbol given") }
        return list
    }
}

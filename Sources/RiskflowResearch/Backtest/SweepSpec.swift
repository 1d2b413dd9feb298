import Foundation
import RiskflowCore

/// What a worker needs to evaluate chunks of a sweep (the prices and the grid, not the
/// store): it travels through the job queue as JSON.
public struct SweepSpec: Sendable, Codable, Equatable {
    public var closes: [Double]
    public var lookbacks: [Int]
    public var holds: [Int]
    public var feesBP: Double
    public var slippageBP: Double
    public var blocks: Int
    public var periodsPerYear: Double
}

extension SweepPlan {
    /// The plan's inputs for a worker.
    public var spec: SweepSpec {
        SweepSpec(
            closes: closes, lookbacks: lookbacks, holds: holds, feesBP: costs.feesBP, slippageBP: costs.slippageBP, blocks: blocks,
            periodsPerYear: periodsPerYear)
    }

    /// A worker's plan: the same prices and grid (no days: chunks do not need them).
    public init(spec: SweepSpec) {
        self.init(
            days: [], closes: spec.closes, lookbacks: spec.lookbacks, holds: spec.holds,
            costs: Costs(feesBP: spec.feesBP, slippageBP: spec.slippageBP), blocks: spec.blocks, periodsPerYear: spec.periodsPerYear)
    }

    /// `(first, count)` ranges of at most `size` combos covering the grid.
    public func chunkRanges(size: Int) -> [(first: Int, count: Int)] {
        stride(from: 0, to: total, by: max(1, size)).map { ($0, min(max(1, size), total - $0)) }
    }
}

/// The JSON of specs and chunks on the wire: exact for every finite double (shortest
/// round-trip digits), with NaN and ±∞ as strings.
public enum SweepWire {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let e = JSONEncoder()
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return Array(try e.encode(value))
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try d.decode(type, from: Data(bytes))
    }
}

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

/// Specs and chunks on the wire. A spec is JSON (exact for every finite double: shortest
/// round-trip digits; NaN and ±∞ as strings). A chunk is binary — little-endian 64-bit
/// fields, every double's bits as they are (32 bytes a combo, plus 16 per CSCV block) —
/// so a million-combo sweep moves 32 MB, not 100 MB of text.
public enum SweepWire {
    /// The binary form of a chunk: `first, count, blocks`, then per combo
    /// `totalReturn, sharpePerPeriod, maxDrawdown` (doubles) and `trades`, then the block
    /// sums and the block squares, combo by combo.
    public static func encode(chunk c: SweepChunk) -> [UInt8] {
        let blocks = c.blockSums.first?.count ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(24 + c.outcomes.count * (32 + 16 * blocks))
        func put(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
        put(UInt64(bitPattern: Int64(c.first)))
        put(UInt64(c.outcomes.count))
        put(UInt64(blocks))
        for o in c.outcomes {
            put(o.totalReturn.bitPattern)
            put(o.sharpePerPeriod.bitPattern)
            put(o.maxDrawdown.bitPattern)
            put(UInt64(bitPattern: Int64(o.trades)))
        }
        for rows in [c.blockSums, c.blockSquares] {
            for row in rows { for x in row { put(x.bitPattern) } }
        }
        return out
    }

    /// - Throws: ``SweepError`` when the bytes are not a whole chunk.
    public static func decode(chunk bytes: [UInt8]) throws -> SweepChunk {
        var at = 0
        func get() throws -> UInt64 {
            guard at + 8 <= bytes.count else { throw SweepError(.badRange, "a sweep chunk is truncated at byte \(at) of \(bytes.count)") }
            var x: UInt64 = 0
            for k in 0..<8 { x |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            at += 8
            return x
        }
        let first = Int(Int64(bitPattern: try get())), count = Int(try get()), blocks = Int(try get())
        guard count >= 0, blocks >= 0, bytes.count == 24 + count * (32 + 16 * blocks) else {
            throw SweepError(.badRange, "a sweep chunk of \(count) combos and \(blocks) blocks cannot be \(bytes.count) bytes")
        }
        var outcomes: [Sweep.Outcome] = []
        outcomes.reserveCapacity(count)
        for _ in 0..<count {
            let r = Double(bitPattern: try get()), s = Double(bitPattern: try get()), d = Double(bitPattern: try get())
            outcomes.append(Sweep.Outcome(totalReturn: r, sharpePerPeriod: s, maxDrawdown: d, trades: Int(Int64(bitPattern: try get()))))
        }
        func rows() throws -> [[Double]] {
            guard blocks > 0 else { return [] }
            return try (0..<count).map { _ in try (0..<blocks).map { _ in Double(bitPattern: try get()) } }
        }
        let sums = try rows(), squares = try rows()
        return SweepChunk(first: first, outcomes: outcomes, blockSums: sums, blockSquares: squares)
    }

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

import Foundation
import Logging
import RiskflowCore
import RiskflowStore
import RiskflowResearch
import RiskflowStats

/// The submitting side of distributed resampling (`events --distributed`): the draws of
/// every problem go to the queue as chunks of draw ranges, the workers compute them, and
/// each problem's answer is assembled here — the same, bit for bit, as computing it on one
/// machine, because draw d always uses its own random stream.
public struct DistributedDraws: Sendable {
    public let queue: JobQueue
    /// Draws per chunk.
    public let chunkSize: Int
    /// Claims of a chunk before it is failed.
    public let maxAttempts: Int

    public init(queue: JobQueue, chunkSize: Int = 2_500, maxAttempts: Int = 3) {
        self.queue = queue
        self.chunkSize = chunkSize
        self.maxAttempts = maxAttempts
    }

    /// The chunks of `problems` in one index space: problem k's draws are
    /// `offsets[k] ..< offsets[k] + draws`, cut into ranges of at most `size` that never
    /// straddle two problems. Returns each chunk's range and problem.
    public static func chunks(_ problems: [DrawProblem], size: Int) -> [(first: Int, count: Int, problem: Int)] {
        var out: [(first: Int, count: Int, problem: Int)] = []
        var offset = 0
        for (k, p) in problems.enumerated() {
            var start = 0
            while start < p.draws {
                let n = min(size, p.draws - start)
                out.append((offset + start, n, k))
                start += n
            }
            offset += p.draws
        }
        return out
    }

    /// Computes a claimed chunk `(first, count)` of the job whose spec holds `problems`.
    /// - Throws: ``SweepError`` when the range is not inside one problem.
    public static func evaluate(_ problems: [DrawProblem], first: Int, count: Int) throws -> DrawPiece {
        var offset = 0
        for p in problems {
            if first >= offset && first + count <= offset + p.draws {
                return p.evaluate(draws: (first - offset)..<(first - offset + count))
            }
            offset += p.draws
        }
        throw SweepError(.badRange, "draws \(first)..<\(first + count) are not inside one problem of the job")
    }

    /// Submits `problems`, waits (however long it takes, with or without workers) until
    /// every chunk is done, and assembles the answers in order. `progress` hears (chunks
    /// done, chunks) at the start and whenever it changes.
    /// - Throws: ``SweepError`` naming the first failed chunk's error.
    public func solve(_ problems: [DrawProblem], progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [DrawAnswer] {
        let ranges = Self.chunks(problems, size: chunkSize)
        guard !ranges.isEmpty else { return problems.map { $0.assemble([]) } }
        let results = try await QueuedJob.run(
            on: queue, kind: DrawChunks.self, label: "distributed draws", spec: try SweepWire.encode(problems),
            chunks: ranges.map { ($0.first, $0.count) }, maxAttempts: maxAttempts, progress: progress)
        var pieces = [[DrawPiece]](repeating: [], count: problems.count)
        for (chunk, bytes) in zip(ranges, results) { pieces[chunk.problem].append(try DrawWire.decode(bytes)) }
        return problems.indices.map { problems[$0].assemble(pieces[$0]) }
    }
}

/// The binary form of a ``DrawPiece``: a tag (0 = count, 1 = means), a length, then the
/// count or the means' exact bits, all little-endian 64-bit. Copied with one pass over
/// raw memory (a bootstrap chunk is 8 bytes per draw per day).
public enum DrawWire {
    public static func encode(_ piece: DrawPiece) -> [UInt8] {
        switch piece {
        case .count(let c):
            return words([0, UInt64(bitPattern: Int64(c))], [])
        case .means(let m):
            return words([1, UInt64(m.count)], m)
        }
    }

    static func words(_ header: [UInt64], _ values: [Double]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 8 * (header.count + values.count))
        out.withUnsafeMutableBytes { raw in
            for (i, h) in header.enumerated() { raw.storeBytes(of: h.littleEndian, toByteOffset: 8 * i, as: UInt64.self) }
            let base = 8 * header.count
            values.withUnsafeBufferPointer { v in
                for i in 0..<v.count { raw.storeBytes(of: v[i].bitPattern.littleEndian, toByteOffset: base + 8 * i, as: UInt64.self) }
            }
        }
        return out
    }

    /// - Throws: ``SweepError`` when the bytes are not a whole piece.
    public static func decode(_ bytes: [UInt8]) throws -> DrawPiece {
        guard bytes.count >= 16 else { throw SweepError(.badRange, "a draws chunk is truncated: \(bytes.count) bytes") }
        return try bytes.withUnsafeBytes { raw -> DrawPiece in
            func word(_ i: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
            switch word(0) {
            case 0:
                guard bytes.count == 16 else { throw SweepError(.badRange, "a draws count chunk cannot be \(bytes.count) bytes") }
                return .count(Int(Int64(bitPattern: word(1))))
            case 1:
                let n = Int(word(1))
                guard n >= 0, bytes.count == 16 + 8 * n else {
                    throw SweepError(.badRange, "a draws chunk of \(n) means cannot be \(bytes.count) bytes")
                }
                return .means((0..<n).map { Double(bitPattern: word(2 + $0)) })
            case let tag:
                throw SweepError(.badRange, "a draws chunk has an unknown tag \(tag)")
            }
        }
    }
}

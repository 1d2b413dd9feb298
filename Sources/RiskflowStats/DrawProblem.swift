import RiskflowCore

/// One resampling computation of a study (a permutation p-value, a relabelling p-value or
/// a bootstrap band), as a value: its draws can be computed in pieces, anywhere, in any
/// order (``evaluate(draws:)``), and assembled into exactly the answer ``Resampling``
/// gives on one machine (``assemble(_:)``), because draw d always uses its own random
/// stream.
public enum DrawProblem: Sendable, Equatable, Codable {
    /// ``Resampling/permutationPValue(observed:n:pool:draws:seed:stream:)``.
    case permutation(observed: Double, n: Int, pool: [Double], draws: Int, seed: UInt64, stream: UInt64)
    /// ``Resampling/differencePValue(_:_:draws:seed:)``.
    case difference(a: [Double], b: [Double], draws: Int, seed: UInt64)
    /// ``Resampling/bootstrapBand(paths:days:draws:seed:lower:upper:)``.
    case bootstrap(paths: [[Double]], days: Int, draws: Int, seed: UInt64, lower: Double, upper: Double)

    /// The number of draws.
    public var draws: Int {
        switch self {
        case .permutation(_, _, _, let d, _, _), .difference(_, _, let d, _), .bootstrap(_, _, let d, _, _, _): d
        }
    }

    /// The same problem, bit for bit (NaN equal to NaN, unlike `==`).
    public func isIdentical(to other: DrawProblem) -> Bool {
        func same(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern } }
        switch (self, other) {
        case let (.permutation(o1, n1, p1, d1, s1, t1), .permutation(o2, n2, p2, d2, s2, t2)):
            return o1.bitPattern == o2.bitPattern && n1 == n2 && same(p1, p2) && d1 == d2 && s1 == s2 && t1 == t2
        case let (.difference(a1, b1, d1, s1), .difference(a2, b2, d2, s2)):
            return same(a1, a2) && same(b1, b2) && d1 == d2 && s1 == s2
        case let (.bootstrap(p1, k1, d1, s1, l1, u1), .bootstrap(p2, k2, d2, s2, l2, u2)):
            return p1.count == p2.count && zip(p1, p2).allSatisfy { same($0, $1) } && k1 == k2 && d1 == d2 && s1 == s2 && l1 == l2 && u1 == u2
        default:
            return false
        }
    }

    /// The answer, computed here (in parallel across cores).
    public func solve() -> DrawAnswer {
        switch self {
        case .permutation(let observed, let n, let pool, let draws, let seed, let stream):
            .pValue(Resampling.permutationPValue(observed: observed, n: n, pool: pool, draws: draws, seed: seed, stream: stream))
        case .difference(let a, let b, let draws, let seed):
            .pValue(Resampling.differencePValue(a, b, draws: draws, seed: seed))
        case .bootstrap(let paths, let days, let draws, let seed, let lower, let upper):
            .band(Resampling.bootstrapBand(paths: paths, days: days, draws: draws, seed: seed, lower: lower, upper: upper).map(BandDay.init))
        }
    }

    /// The draws `draws` (a sub-range of `0..<self.draws`), spread over the cores (a worker
    /// computes one chunk at a time). The same piece as ``evaluateSerially(draws:)``.
    public func evaluate(draws range: Range<Int>) -> DrawPiece {
        let parts = min(range.count, 64)
        guard parts > 1 else { return evaluateSerially(draws: range) }
        let n = range.count
        let cuts = (0...parts).map { range.lowerBound + n * $0 / parts }
        let pieces = Parallel.map(parts) { evaluateSerially(draws: cuts[$0]..<cuts[$0 + 1]) }
        switch self {
        case .permutation, .difference:
            return .count(DrawPiece.totalCount(pieces))
        case .bootstrap(_, let days, _, _, _, _):
            // Day-major: day k of the range is the concatenation of day k of every part.
            var out = [Double]()
            out.reserveCapacity(n * days)
            let blocks = pieces.map { p -> [Double] in if case .means(let m) = p { m } else { [] } }
            for k in 0..<days {
                for (b, block) in blocks.enumerated() {
                    let rows = cuts[b + 1] - cuts[b]
                    out.append(contentsOf: block[(k * rows)..<((k + 1) * rows)])
                }
            }
            return .means(out)
        }
    }

    /// The draws `draws` on the calling thread.
    public func evaluateSerially(draws range: Range<Int>) -> DrawPiece {
        switch self {
        case .permutation(let observed, let n, let pool, _, let seed, let stream):
            .count(Resampling.permutationCount(observed: observed, n: n, pool: pool, draws: range, seed: seed, stream: stream))
        case .difference(let a, let b, _, let seed):
            .count(Resampling.differenceCount(a, b, draws: range, seed: seed))
        case .bootstrap(let paths, let days, _, let seed, _, _):
            .means(Resampling.bootstrapMeans(paths: paths, days: days, draws: range, seed: seed))
        }
    }

    /// The answer from pieces that cover `0..<draws` in order — bit for bit the answer of
    /// ``solve()``.
    /// - Precondition: the pieces are this problem's, in draw order.
    public func assemble(_ pieces: [DrawPiece]) -> DrawAnswer {
        switch self {
        case .permutation, .difference:
            return .pValue(Double(1 + DrawPiece.totalCount(pieces)) / Double(1 + draws))
        case .bootstrap(let paths, let days, let draws, _, let lower, let upper):
            guard !paths.isEmpty, draws > 0 else { return .band(Array(repeating: BandDay(lo: nil, hi: nil), count: days)) }
            let blocks = pieces.map { p -> [Double] in if case .means(let m) = p { m } else { [] } }
            return .band(Resampling.bandFromMeans(blocks, days: days, lower: lower, upper: upper).map(BandDay.init))
        }
    }
}

/// A piece of a problem's draws: the exceedances counted (p-values) or the draws' means
/// per day, day-major (bootstrap).
public enum DrawPiece: Sendable, Equatable {
    case count(Int)
    case means([Double])

    /// The exceedances counted over `pieces` (means count nothing).
    static func totalCount(_ pieces: [DrawPiece]) -> Int {
        pieces.reduce(0) { sum, p in if case .count(let c) = p { sum + c } else { sum } }
    }
}

/// One day of a bootstrap band.
public struct BandDay: Sendable, Equatable {
    public var lo: Double?
    public var hi: Double?

    public init(lo: Double?, hi: Double?) {
        self.lo = lo
        self.hi = hi
    }

    init(_ pair: (lo: Double?, hi: Double?)) { self.init(lo: pair.lo, hi: pair.hi) }
}

/// A problem's answer.
public enum DrawAnswer: Sendable, Equatable {
    case pValue(Double)
    case band([BandDay])
}

/// Where a study's draws are computed, as a value the study threads through (`inout`) in
/// the order it asks. ``local`` computes each problem when asked. A distributed run takes
/// two passes over the same deterministic study: a ``recording()`` source answers
/// placeholders and keeps the problems in the order they were asked; their draws are
/// computed elsewhere; a ``replaying(_:answers:)`` source then hands each answer back in the
/// same order (checking that the problem is the one recorded).
public struct DrawSource: Sendable {
    enum Mode: Sendable {
        case local, recording
        case replaying([DrawAnswer])
    }

    let mode: Mode
    /// The problems recorded (recording) or expected (replaying), in the order asked.
    public private(set) var problems: [DrawProblem] = []
    private var next = 0
    /// A replaying source was asked a problem it did not record, or its recorded answer
    /// has the wrong shape (answers from a queue that do not belong to this study): the
    /// placeholder was answered instead, and the caller must discard the result.
    public private(set) var mismatched = false

    init(_ mode: Mode, problems: [DrawProblem] = []) {
        self.mode = mode
        self.problems = problems
    }

    /// Computes every problem here, when asked.
    public static let local = DrawSource(.local)

    /// Records the problems, answering placeholders (NaN p-values, empty bands).
    public static func recording() -> DrawSource { DrawSource(.recording) }

    /// Answers the recorded `problems` with `answers`, in order (a count that differs
    /// sets ``mismatched`` when a problem without an answer is asked).
    public static func replaying(_ problems: [DrawProblem], answers: [DrawAnswer]) -> DrawSource {
        DrawSource(.replaying(answers), problems: problems)
    }

    /// The placeholder answer of `problem` (NaN p-value, empty band), what a recording
    /// source answers.
    static func placeholder(_ problem: DrawProblem) -> DrawAnswer {
        if case .bootstrap(_, let days, _, _, _, _) = problem {
            return .band(Array(repeating: BandDay(lo: nil, hi: nil), count: days))
        }
        return .pValue(.nan)
    }

    /// The answer to `problem`. A replaying source asked anything but the recorded
    /// problems, in order, answers the placeholder and sets ``mismatched``.
    public mutating func answer(_ problem: DrawProblem) -> DrawAnswer {
        switch mode {
        case .local:
            return problem.solve()
        case .recording:
            problems.append(problem)
            return Self.placeholder(problem)
        case .replaying(let answers):
            let i = next
            next += 1
            guard i < problems.count, i < answers.count, problems[i].isIdentical(to: problem) else {
                mismatched = true
                return Self.placeholder(problem)
            }
            return answers[i]
        }
    }

    /// A p-value problem's answer (NaN, and ``mismatched`` set, when the answer is a band).
    public mutating func pValue(_ problem: DrawProblem) -> Double {
        if case .pValue(let p) = answer(problem) { return p }
        mismatched = true
        return .nan
    }

    /// A bootstrap problem's answer (an empty band, and ``mismatched`` set, when the
    /// answer is a p-value).
    public mutating func band(_ problem: DrawProblem) -> [BandDay] {
        if case .band(let b) = answer(problem) { return b }
        mismatched = true
        if case .band(let b) = Self.placeholder(problem) { return b }
        return []
    }
}

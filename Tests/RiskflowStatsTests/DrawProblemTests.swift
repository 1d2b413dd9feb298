import Foundation
import RiskflowCore
import RiskflowStats
import RiskflowTestSupport
import Testing

/// Resampling problems split into pieces (as `events --distributed` does over workers)
/// assemble into exactly the answer computed in one go, however the draws are cut.
@Suite("draws in pieces") struct DrawProblemTests {
    static let pool = (0..<500).map { sin(Double($0) * 0.37) * 0.1 + 0.01 }
    static let paths: [[Double]] = {
        var out: [[Double]] = []
        for e in 0..<9 {
            var path: [Double] = []
            for k in 0..<40 {
                let trend: Double = Double(k) * 0.001 * Double(e - 4)
                path.append(k > 30 + e ? .nan : trend + cos(Double(k * e)) * 0.01)
            }
            out.append(path)
        }
        out.append([0.01, .nan, 0.03, 0.02])  // one path with a gap
        return out
    }()

    static let problems: [DrawProblem] = [
        .permutation(observed: 0.02, n: 7, pool: pool, draws: 3_001, seed: 5, stream: 3),
        .difference(a: Array(pool[0..<6]), b: Array(pool[100..<140]), draws: 2_000, seed: 9),
        .bootstrap(paths: paths, days: 40, draws: 1_501, seed: 2, lower: 5, upper: 95),
    ]

    @Test(arguments: [1, 7, 250, 999, 5_000])
    func piecesAssembleToTheWholeAnswer(size: Int) {
        for p in Self.problems {
            var pieces: [DrawPiece] = []
            var start = 0
            while start < p.draws {
                let n = min(size, p.draws - start)
                pieces.append(p.evaluate(draws: start..<(start + n)))
                start += n
            }
            #expect(identical(p.assemble(pieces), p.solve()), "\(p.draws) draws in pieces of \(size)")
        }
    }

    @Test func replayingChecksTheProblemsAndAnswersInOrder() {
        var recorder = DrawSource.recording()
        #expect(recorder.pValue(Self.problems[0]).isNaN)
        #expect(recorder.band(Self.problems[2]).allSatisfy { $0.lo == nil && $0.hi == nil })
        #expect(recorder.problems.count == 2 && recorder.problems[1].isIdentical(to: Self.problems[2]))
        let answers = recorder.problems.map { $0.solve() }
        var replay = DrawSource.replaying(recorder.problems, answers: answers)
        #expect(replay.pValue(Self.problems[0]) == Self.problems[0].solve().pValue)
        #expect(identical(.band(replay.band(Self.problems[2])), Self.problems[2].solve()))
        // NaN in a path: the same problem is still recognised as the same.
        let copy = DrawProblem.bootstrap(paths: Self.paths.map { $0.map { $0 } }, days: 40, draws: 1_501, seed: 2, lower: 5, upper: 95)
        #expect(copy.isIdentical(to: Self.problems[2]))
        #expect(!copy.isIdentical(to: .bootstrap(paths: Self.paths, days: 40, draws: 1_501, seed: 3, lower: 5, upper: 95)))
    }

    /// Answers that do not belong to the study (from a corrupt or foreign queue) are never
    /// a trap: the placeholder is answered and the source says it mismatched.
    @Test func replayingForeignAnswersMarksTheSourceMismatchedInsteadOfTrapping() {
        var recorder = DrawSource.recording()
        _ = recorder.pValue(Self.problems[0])
        _ = recorder.band(Self.problems[2])
        // Too few answers.
        var short = DrawSource.replaying(recorder.problems, answers: [Self.problems[0].solve()])
        #expect(!short.pValue(Self.problems[0]).isNaN)
        #expect(!short.mismatched)
        #expect(short.band(Self.problems[2]).allSatisfy { $0.lo == nil && $0.hi == nil })
        #expect(short.mismatched)
        // Answers of the wrong shape.
        var swapped = DrawSource.replaying(recorder.problems, answers: [.band([]), .pValue(0.5)])
        #expect(swapped.pValue(Self.problems[0]).isNaN)
        #expect(swapped.band(Self.problems[2]).count == 40)
        #expect(swapped.mismatched)
        // A problem that was not recorded.
        var other = DrawSource.replaying(recorder.problems, answers: recorder.problems.map { $0.solve() })
        _ = other.band(Self.problems[2])
        #expect(other.mismatched)
    }

    func identical(_ a: DrawAnswer, _ b: DrawAnswer) -> Bool {
        switch (a, b) {
        case let (.pValue(x), .pValue(y)): return x.bitPattern == y.bitPattern
        case let (.band(x), .band(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.lo?.bitPattern == $1.lo?.bitPattern && $0.hi?.bitPattern == $1.hi?.bitPattern }
        default: return false
        }
    }
}

extension DrawAnswer {
    var pValue: Double? { if case .pValue(let p) = self { p } else { nil } }
}

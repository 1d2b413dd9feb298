import RiskflowCore
import RiskflowTestSupport
import Testing

@Suite("Parallel.map") struct ParallelTests {
    @Test(arguments: [0, 1, 2, 3, 7, 8, 9, 64, 1_000, 10_007])
    func resultsComeInIndexOrder(count: Int) {
        let out = Parallel.map(count) { i in i * i + 1 }
        #expect(out == (0..<count).map { $0 * $0 + 1 })
    }

    @Test func heavyItemsOfUnequalCostStillComeInOrder() {
        // Later items are cheap, earlier ones expensive: workers finish out of order.
        let out = Parallel.map(200) { i -> [Double] in
            var g = SplitMix64(seed: UInt64(i))
            return (0..<(200 - i) * 50).map { _ in g.nextUnit() }.suffix(1) + [Double(i)]
        }
        #expect(out.map { $0.last! } == (0..<200).map(Double.init))
    }

    @Test func resultsNeedNotBeSendable() {
        final class Box { let v: Int; init(_ v: Int) { self.v = v } }
        let out = Parallel.map(100) { Box($0) }
        #expect(out.map(\.v) == Array(0..<100))
    }

    struct Failure: Error, Equatable { var index: Int }

    @Test func theLowestFailingIndexIsThrownWhateverTheTiming() {
        for _ in 0..<20 {
            #expect(throws: Failure(index: 3)) {
                _ = try Parallel.map(500) { i throws(Failure) -> Int in
                    if i == 3 || i == 250 || i == 499 { throw Failure(index: i) }
                    return i
                }
            }
        }
        let fine = try? Parallel.map(10) { i throws(Failure) -> Int in i }
        #expect(fine == Array(0..<10))
    }

    @Test func cores() { #expect(Parallel.cores >= 1) }
}

import Foundation
import RiskflowFuzzTargets
import Testing

/// Every input libFuzzer ever crashed a parser with (`Tests/Fuzz/crashes/TARGET/`, kept
/// once fixed) and every seed (`Tests/Fuzz/corpus/TARGET/`) runs through the same fuzz
/// target: none may trap (the test process would die) or break a parser's invariants.
/// `scripts/fuzz.sh` finds new ones.
@Suite("Fuzz regressions: saved crash inputs and seeds")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func files(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let dir = root.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func savedInputsRunWithoutATrapOrABrokenInvariant(target: FuzzTarget) throws {
        let inputs = Self.files("crashes", target) + Self.files("corpus", target)
        for url in inputs {
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(throws: Never.self, "\(target.rawValue): \(url.lastPathComponent)") { try target.run(bytes) }
        }
    }

    @Test func everyTargetHasSeeds() {
        for t in FuzzTarget.allCases { #expect(!Self.files("corpus", t).isEmpty, "no seed for \(t.rawValue)") }
    }

    /// Inputs that crashed parsers before the fixes of issue 21 (timestamps no `Day` holds).
    @Test func timestampsOutsideTheCalendarAreRefusedNotTrapped() throws {
        let hostile: [(FuzzTarget, String)] = [
            (.yahoo, #"{"chart":{"result":[{"meta":{"currency":"USD","instrumentType":"INDEX"},"timestamp":[1e300],"indicators":{"quote":[{"close":[1.0]}]}}]}}"#),
            (.yahoo, #"{"chart":{"result":[{"meta":{"gmtoffset":1e308},"timestamp":[1704205800],"indicators":{"quote":[{"close":[1.0]}]}}]}}"#),
            (.coingeckoChart, #"{"prices":[[8.64e300,1.0]],"market_caps":[],"total_volumes":[]}"#),
            (.coingeckoChart, #"{"prices":[[-8.64e22,1.0]],"market_caps":[],"total_volumes":[]}"#),
            (.binance, #"[[8.64e300,"1","1","1","1","1",1,"1",1,"1","1","0"]]"#),
            (.binance, #"[[-864000000000000000000,"1","1","1","1","1",1,"1",1,"1","1","0"]]"#),
        ]
        for (t, body) in hostile { try t.run(Array(body.utf8)) }
    }
}

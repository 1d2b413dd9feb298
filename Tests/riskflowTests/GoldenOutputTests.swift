import Foundation
import Testing

/// The public outputs, byte for byte: every command listed in
/// `Fixtures/golden/commands.tsv` (JSON of every command at two as-of days, and the
/// terminal tables and CSV) prints exactly the committed golden text, and prints it again
/// identically from a second process (no dependence on hash seeds or thread timing).
/// The goldens were made before the result-model refactor (issue 9) by
/// `scripts/make-golden.sh`; the only documented change since is the renaming of the
/// stage evidence keys, applied to the golden text here (README, "Changes").
@Suite("golden outputs", .serialized) struct GoldenOutputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var arguments: [String]
        var description: String { name }
        var file: String { name.contains(".") ? name : name + ".json" }
    }

    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("golden")

    static let cases: [Case] = {
        let text = (try? String(contentsOf: directory.appendingPathComponent("commands.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            return Case(
                name: String(line[..<tab]), arguments: line[line.index(after: tab)...].split(separator: " ").map(String.init))
        }
    }()

    /// One store for every case, loaded from the bundled snapshot once.
    static let cli: CLI? = {
        guard let cli = try? CLI(), (try? cli.run("data", "list"))?.status == 0 else { return nil }
        return cli
    }()

    /// Stage evidence is named by role since issue 9 (old key → new key).
    static let evidenceRenames: [(String, String)] = [
        ("hy_spread_63_ago", "hy_spread_before"),
        ("rate_vol_median_252d", "rate_volatility_median"),
        ("rate_vol_20d", "rate_volatility"),
        ("mean_200", "trend_mean"),
        ("relative_return_63", "relative_return"),
        ("return_63", "momentum_return"),
        ("eth_btc_return_30d", "eth_btc_return"),
    ]

    /// The golden text with the documented renames applied. JSON keys are sorted, so a
    /// renamed key may move: JSON is compared as canonical re-encoded text.
    static func expected(_ c: Case) throws -> (text: String, renamed: Bool) {
        let golden = try String(contentsOf: directory.appendingPathComponent(c.file), encoding: .utf8)
        var text = golden
        for (old, new) in evidenceRenames {
            text = text.replacingOccurrences(of: old, with: new)
            // The terminal summary writes the keys with spaces.
            text = text.replacingOccurrences(
                of: old.replacingOccurrences(of: "_", with: " "), with: new.replacingOccurrences(of: "_", with: " "))
        }
        return (text, text != golden)
    }

    /// Keys added to the parameters by issue 9 (each signal names its inputs in its
    /// configuration): removed from the new output before it is compared with the golden.
    static func withoutAddedParameters(_ value: Any) -> Any {
        if let array = value as? [Any] { return array.map(withoutAddedParameters) }
        guard var object = value as? [String: Any] else { return value }
        if object["smallCaps"] != nil {  // [stage]
            object["ethereum"] = nil
            object["bitcoin"] = nil
        }
        if object["basketWeighting"] != nil { object["bitcoin"] = nil }  // [altseason]
        if object["altseason"] != nil && object["breakout"] != nil { object["supercycle"] = nil }  // the new [supercycle]
        return object.mapValues(withoutAddedParameters)
    }

    /// JSON re-encoded with sorted keys (a renamed key changes the order of its siblings).
    static func canonical(_ json: String) throws -> String {
        let object = withoutAddedParameters(try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    /// Each line with its comma-separated items sorted.
    static func itemsSorted(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.components(separatedBy: ", ").sorted().joined(separator: ", ")
        }
    }

    @Test(arguments: cases) func outputEqualsTheGoldenAndIsTheSameFromTwoProcesses(_ c: Case) throws {
        let cli = try #require(Self.cli)
        let first = try cli.run(c.arguments)
        #expect(first.status == 0, "\(c.name): \(first.stderr)")
        let (golden, renamed) = try Self.expected(c)
        if c.file.hasSuffix(".json") && (renamed || first.stdout.contains("\"smallCaps\"")) {
            // Renamed evidence moves among sorted keys, and added parameters are dropped:
            // compare as canonical JSON.
            #expect(try Self.canonical(first.stdout) == Self.canonical(golden), "\(c.name) differs from its golden")
        } else if renamed {
            // Tables list evidence sorted by key: a renamed key may move within its line.
            #expect(Self.itemsSorted(first.stdout) == Self.itemsSorted(golden), "\(c.name) differs from its golden")
        } else {
            #expect(first.stdout == golden, "\(c.name) differs from its golden")
        }
        let second = try cli.run(c.arguments)
        #expect(second.stdout == first.stdout, "\(c.name) differs between two processes")
    }
}

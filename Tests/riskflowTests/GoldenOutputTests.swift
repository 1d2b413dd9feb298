import Foundation
import Testing

/// The public outputs, byte for byte: every command listed in
/// `Fixtures/golden/commands.tsv` (JSON of every command at two as-of days, and the
/// terminal tables and CSV) prints exactly the committed golden text, and prints it again
/// identically from a second process (no dependence on hash seeds or thread timing).
/// The goldens were made by `scripts/make-golden.sh` before the result-model refactor
/// (issue 9), which kept every output but the documented evidence renaming and added
/// parameters (README, "Changes to the outputs"); issue 10 regenerated those whose output
/// it changed on purpose (the altcoin universe: altseason, stage, supercycle, report,
/// data list). A change to a golden is a change to a public output: say why in its commit.
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

    @Test(arguments: cases) func outputEqualsTheGoldenAndIsTheSameFromTwoProcesses(_ c: Case) throws {
        let cli = try #require(Self.cli)
        let first = try cli.run(c.arguments)
        #expect(first.status == 0, "\(c.name): \(first.stderr)")
        let golden = try String(contentsOf: Self.directory.appendingPathComponent(c.file), encoding: .utf8)
        #expect(first.stdout == golden, "\(c.name) differs from its golden")
        let second = try cli.run(c.arguments)
        #expect(second.stdout == first.stdout, "\(c.name) differs between two processes")
    }
}

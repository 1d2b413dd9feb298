import Foundation
import Testing

/// Every `import` in `Sources/` is one `docs/architecture.md` allows for its target, and
/// only `riskflow serve` imports the server.
@Suite("architecture: allowed imports") struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The table's rule: target → the modules it may import.
    static func allowed() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var out: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 6 else { continue }
            let target = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let modules = cells[4].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
            out[target] = Set(modules).union(["Foundation", "Dispatch", "Glibc", "Darwin", "Musl", "Synchronization"])
        }
        return out
    }

    static func imports(of file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let i = words.firstIndex(of: "import"), words[..<i].allSatisfy({ $0.hasPrefix("@") }), i + 1 < words.count else { return nil }
            return String(words[i + 1])
        }
    }

    @Test func everyImportIsAllowed() throws {
        let rules = try Self.allowed()
        let sources = Self.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }
        #expect(Set(targets) == Set(rules.keys), "every target has a row in docs/architecture.md and every row a target")
        var checked = 0
        for target in targets {
            let allowed = rules[target] ?? []
            let files = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)?.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".swift") } ?? []
            for file in files {
                for module in try Self.imports(of: sources.appendingPathComponent(target).appendingPathComponent(file)) {
                    checked += 1
                    #expect(allowed.contains(module), "\(target)/\(file) imports \(module), which docs/architecture.md does not allow")
                    if target == "riskflow" && module == "RiskflowServer" {
                        #expect(file == "Commands/Serve.swift", "only `riskflow serve` imports the server, not \(file)")
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}

import Foundation
import RiskflowServer
import RiskflowSignals
import RiskflowStore
import Testing

/// A parameter the command line and the API share has one default: every API parameter
/// with a default equals the default of the same flag (`max_lag` → `--max-lag`) of the
/// command the endpoint mirrors, as ArgumentParser reports it (`--experimental-dump-help`).
@Suite("parameters: the CLI and the API agree") struct ParameterAgreementTests {
    /// The flags of `riskflow <words>` and their defaults.
    static func flagDefaults(_ words: [String]) throws -> [String: String?] {
        let cli = try CLI()
        let r = try cli.run(words + ["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        var out: [String: String?] = [:]
        for a in command["arguments"] as? [[String: Any]] ?? [] {
            for n in a["names"] as? [[String: Any]] ?? [] {
                if let name = n["name"] as? String { out[name] = a["defaultValue"] as? String }
            }
        }
        return out
    }

    /// The same value written two ways: `2600` and `2600.0`, `true` and `true`.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = Double(a), let y = Double(b) { return x == y }
        return false
    }

    @Test func everySharedDefaultIsTheSame() throws {
        var compared = 0
        for endpoint in APICatalogue.endpoints {
            // `riskflow data show ID --format json` → ["data", "show"]
            let words = endpoint.command.split(separator: " ").dropFirst().map(String.init).prefix { !$0.hasPrefix("-") && $0 != "ID" }
            let flags = try Self.flagDefaults(Array(words))
            #expect(!flags.isEmpty, "\(endpoint.command) has a --experimental-dump-help")
            for p in endpoint.parameters {
                guard let apiDefault = p.defaultValue else { continue }
                let flag = p.name.replacingOccurrences(of: "_", with: "-")
                guard let found = flags[flag], let cliDefault = found else { continue }
                compared += 1
                #expect(Self.same(apiDefault, cliDefault), "\(endpoint.path) \(p.name)=\(apiDefault) but \(endpoint.command.split(separator: " ").prefix(3).joined(separator: " ")) --\(flag) defaults to \(cliDefault)")
            }
        }
        #expect(compared >= 20, "the test compared \(compared) shared defaults")
    }
}

/// A parameter declared on a job's parameter type (``JobParameter``) has one help and one
/// range on both edges: the flag's help starts with the declared help, and a value just
/// outside the declared range is refused by the command (before it runs) and by the API
/// (400); the API may cap a range lower for one request (`draws`), never higher.
@Suite("parameters: declared once, checked the same") struct DeclaredParameterTests {
    /// The flags of `riskflow <words>` and their help (`--experimental-dump-help`).
    static func flagHelp(_ words: [String]) throws -> [String: String] {
        let r = try CLI().run(words + ["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        var out: [String: String] = [:]
        for a in command["arguments"] as? [[String: Any]] ?? [] {
            for n in a["names"] as? [[String: Any]] ?? [] {
                if let name = n["name"] as? String { out[name] = a["abstract"] as? String ?? "" }
            }
        }
        return out
    }

    static func words(_ endpoint: APIEndpoint) -> [String] {
        Array(endpoint.command.split(separator: " ").dropFirst().map(String.init).prefix { !$0.hasPrefix("-") && $0 != "ID" })
    }

    /// Values just outside `range`: below it (or its excluded lower bound) and above it.
    static func outside(_ range: ClosedRange<Double>, excludesLower: Bool, integer: Bool) -> [String] {
        var out: [String] = []
        let below = excludesLower ? range.lowerBound : range.lowerBound - (integer ? 1 : 0.5)
        out.append(integer ? String(Int(below)) : "\(below)")
        if range.upperBound < 1e15 {
            let above = range.upperBound + (integer ? 1 : 0.5)
            out.append(integer ? String(Int(above)) : "\(above)")
        }
        return out
    }

    @Test func helpAndRangesAgree() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("declared-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let env = APIEnvironment(store: try await Store.open(path), signals: SignalConfig(), version: "test")
        var checked = 0
        for endpoint in APICatalogue.endpoints {
            let declared = endpoint.parameters.filter { $0.declaredHelp != nil }
            guard !declared.isEmpty else { continue }
            let words = Self.words(endpoint)
            let help = try Self.flagHelp(words)
            for p in declared {
                let flag = p.name.replacingOccurrences(of: "_", with: "-")
                let abstract = try #require(help[flag], "\(words) has --\(flag)")
                let stem = String(p.declaredHelp?.dropLast() ?? "")
                #expect(abstract.hasPrefix(stem), "--\(flag) help '\(abstract)' is not the declared '\(p.declaredHelp ?? "")'")
                guard let declaredRange = p.declaredRange, let apiRange = p.range else { continue }
                #expect(apiRange.lowerBound == declaredRange.lowerBound && apiRange.upperBound <= declaredRange.upperBound)
                let integer = p.kind == .integer
                // The command refuses values outside the declared range before it runs.
                for v in Self.outside(declaredRange, excludesLower: p.excludesLowerBound, integer: integer) {
                    var args = words + ["--\(flag)=\(v)"]
                    if endpoint.path == "/api/v1/leadlag" { args += ["--x", "RUT", "--y", "ETH"] }
                    if endpoint.path == "/api/v1/backtest" { args += ["--strategy", "stage"] }
                    let r = try CLI().run(args)
                    #expect(r.status != 0 && r.stderr.contains("--\(flag)"), "\(args): \(r.status) \(r.stderr)")
                    checked += 1
                }
                // The API refuses values outside its (possibly capped) range with a 400.
                for v in Self.outside(apiRange, excludesLower: p.excludesLowerBound, integer: integer) {
                    var q = [p.name: v]
                    if endpoint.path == "/api/v1/leadlag" { q["x"] = "RUT"; q["y"] = "ETH" }
                    if endpoint.path == "/api/v1/backtest" { q["strategy"] = "stage" }
                    do {
                        _ = try await endpoint.respond(query: QueryParameters(q), pathID: nil, env: env)
                        Issue.record("\(endpoint.path) accepted \(p.name)=\(v)")
                    } catch let e as APIError {
                        #expect(e.status == 400 && e.message.contains(p.name), "\(endpoint.path) \(p.name)=\(v): \(e.message)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 30, "checked \(checked) out-of-range values")
    }
}

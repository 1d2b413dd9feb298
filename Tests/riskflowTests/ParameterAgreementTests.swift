import Foundation
import RiskflowServer
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

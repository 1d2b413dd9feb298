import ArgumentParser
import Foundation
import RiskflowSignals
import TOMLKit

/// Reads `riskflow.toml`: sections `[breakout]`, `[liquidity]`, `[stage]`, `[altseason]`,
/// `[supercycle]` with the property names of ``SignalConfig`` (e.g. `baseSessions = 63`). Every key is
/// optional; the file is merged over the defaults, and an unknown section or key is an
/// error naming it. `[sync]` and `[providers.NAME]` belong to `data sync` (``SyncConfigFile``).
package enum ConfigFile {
    /// Top-level sections read by other parsers than the signal one.
    package static let otherSections: Set<String> = ["sync", "providers", "alerts"]

    /// The explicit `--config` path, else `$RISKFLOW_HOME/riskflow.toml` when it exists.
    package static func path(explicit: String?) -> String? {
        if let explicit { return explicit }
        let home = ProcessInfo.processInfo.environment["RISKFLOW_HOME"]
        guard let home, FileManager.default.fileExists(atPath: home + "/riskflow.toml") else { return nil }
        return home + "/riskflow.toml"
    }

    /// The file's text, `nil` when there is no file.
    package static func text(explicit: String?) throws -> (text: String, path: String)? {
        guard let path = path(explicit: explicit) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read the config file \(path)")
        }
        return (text, path)
    }

    package static func load(explicit: String?) throws -> SignalConfig {
        guard let (text, path) = try text(explicit: explicit) else { return SignalConfig() }
        return try parse(text, file: path)
    }

    package static func parse(_ text: String, file: String) throws -> SignalConfig {
        let user = try TOMLText.table(text, file: file)
        let defaults = SignalConfig()
        let merged: TOMLTable = try TOMLEncoder().encode(defaults)
        // Sections and keys are SignalConfig's own property names, so a new section or
        // parameter needs no change here.
        var sections: [String: [String]] = [:]
        for section in Mirror(reflecting: defaults).children {
            guard let name = section.label else { continue }
            sections[name] = Mirror(reflecting: section.value).children.compactMap(\.label)
        }
        for key in user.keys where !otherSections.contains(key) {
            guard let allowed = sections[key] else {
                throw ValidationError(
                    "\(file): unknown section [\(key)]; known: \(sections.keys.sorted().joined(separator: ", ")), \(otherSections.sorted().joined(separator: ", "))")
            }
            guard let table = user[key]?.table else { throw ValidationError("\(file): [\(key)] must be a table") }
            // Every section exists in the encoded defaults; TOMLTable is a reference type,
            // so writing into it updates `merged`.
            guard let target = merged[key]?.table else { throw ValidationError("\(file): [\(key)] cannot be set") }
            for sub in table.keys {
                guard allowed.contains(sub) else {
                    throw ValidationError(
                        "\(file): unknown key '\(sub)' in [\(key)]; known: \(allowed.joined(separator: ", "))")
                }
                target[sub] = table[sub]
            }
        }
        do {
            return try TOMLDecoder().decode(SignalConfig.self, from: merged)
        } catch {
            throw ValidationError("\(file): a value has the wrong type: \(error)")
        }
    }
}

import ArgumentParser
import Foundation
import RiskflowSignals
import TOMLKit

/// Reads the signal sections of `riskflow.toml`: `[breakout]`, `[liquidity]`, `[stage]`,
/// `[altseason]`, `[supercycle]`, `[staleness]`, `[scorecard]`, with the snake_case names of
/// ``SignalConfig``'s properties (`base_sessions = 63`). Every key is optional; the file is
/// merged over the defaults, and an unknown section or key is an error naming it and its
/// line. The camelCase names of earlier releases (`baseSessions`) are still read, with a
/// deprecation note, until the next release. `[sync]`, `[providers.NAME]` and `[alerts]`
/// have their own parsers (``SyncConfigFile``).
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

    /// The signal parameters of the file (defaults when there is none), its deprecation
    /// notes written to standard error.
    package static func load(explicit: String?) throws -> SignalConfig {
        guard let doc = try ConfigDocument.load(explicit: explicit) else { return SignalConfig() }
        let config = try signals(doc)
        for w in doc.warnings { FileHandle.standardError.write(Data("riskflow: \(w)\n".utf8)) }
        return config
    }

    package static func parse(_ text: String, file: String) throws -> SignalConfig {
        try signals(ConfigDocument(text: text, file: file))
    }

    /// The signal sections of `doc` over the defaults.
    package static func signals(_ doc: ConfigDocument) throws -> SignalConfig {
        let (user, file) = (doc.table, doc.file)
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
            let bySnakeName = Dictionary(allowed.map { (snakeCase($0), $0) }, uniquingKeysWith: { a, _ in a })
            for sub in table.keys {
                let property: String
                if let p = bySnakeName[sub] {
                    property = p
                } else if allowed.contains(sub) {
                    property = sub
                    doc.warn("\(doc.location(of: sub, in: key)) [\(key)] \(sub) is deprecated; write \(snakeCase(sub)) (camelCase keys are read until the next release)")
                } else {
                    throw ValidationError(
                        "\(doc.location(of: sub, in: key)) unknown key '\(sub)' in [\(key)]; known: \(allowed.map(snakeCase).joined(separator: ", "))")
                }
                target[property] = table[sub]
            }
        }
        do {
            return try TOMLDecoder().decode(SignalConfig.self, from: merged)
        } catch {
            throw ValidationError("\(file): a value has the wrong type: \(error)")
        }
    }
}

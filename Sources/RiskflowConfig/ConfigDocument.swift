import ArgumentParser
import Foundation
import TOMLKit

/// `riskflow.toml`, read and parsed once; each section decodes itself from it (the signal
/// sections by ``ConfigFile/signals(_:)``, `[sync]`/`[providers.*]` by
/// ``SyncConfigFile/settings(_:)``, `[alerts]` by the alerts' parser). Keys are snake_case
/// everywhere; an unknown one is an error naming it and its line.
package final class ConfigDocument {
    package let table: TOMLTable
    package let text: String
    package let file: String
    /// Deprecation notes found while decoding (a camelCase signal key), one line each.
    package private(set) var warnings: [String] = []

    /// Parses `text` (see ``TOMLText/table(_:file:)``).
    package init(text: String, file: String) throws {
        self.text = text
        self.file = file
        table = try TOMLText.table(text, file: file)
    }

    /// The file `--config` names, else `$RISKFLOW_HOME/riskflow.toml` when it exists;
    /// `nil` when there is none.
    package static func load(explicit: String?) throws -> ConfigDocument? {
        guard let (text, path) = try ConfigFile.text(explicit: explicit) else { return nil }
        return try ConfigDocument(text: text, file: path)
    }

    func warn(_ message: String) { warnings.append(message) }

    /// `file: line N:` for `key` in the table `[header]` (or in an inline table on a line
    /// of its own), `file:` when the line cannot be found.
    package func location(of key: String, in header: String) -> String {
        guard let n = line(of: key, in: header) else { return "\(file):" }
        return "\(file): line \(n):"
    }

    /// The 1-based line where `key` is set in `[header]`; failing that, the first line
    /// that sets `key` anywhere (an inline table).
    package func line(of key: String, in header: String) -> Int? {
        var current = ""
        var anywhere: Int?
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t\r"))
                continue
            }
            if Self.setsKey(line, key) && current == header { return i + 1 }
            let inline = line.contains("{") && [" \(key) =", " \(key)=", "{\(key) =", "{\(key)=", ",\(key) =", ",\(key)="].contains { line.contains($0) }
            if (inline || Self.setsKey(line, key)) && anywhere == nil { anywhere = i + 1 }
        }
        return anywhere
    }

    private static func setsKey(_ line: String, _ key: String) -> Bool {
        guard line.hasPrefix(key) else { return false }
        let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
        return rest.first == "="
    }
}

/// `baseSessions` → `base_sessions`: the snake_case form of a Swift property name.
package func snakeCase(_ camel: String) -> String {
    var out = ""
    for ch in camel {
        if ch.isUppercase {
            out += "_" + ch.lowercased()
        } else {
            out.append(ch)
        }
    }
    return out
}

import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowFormats
import TOMLKit

/// Reads the `data sync` sections of `riskflow.toml`:
///
/// ```toml
/// [sync]
/// overlap_days = 10        # days re-fetched before the last stored day, to see revisions
/// concurrency = 8          # series fetched at once
///
/// [sync.symbols]
/// RUT = { provider = "yahoo", id = "^RUT" }
/// SOFR = { provider = "fred", id = "SOFR", unit = "percent", kind = "macro", calendar = "nyse", name = "SOFR" }
///
/// [providers.coingecko]
/// base_url = "https://api.coingecko.com"   # riskflow appends api/v3/…
/// api_key_env = "COINGECKO_API_KEY"
/// timeout_seconds = 30
/// max_attempts = 3
/// rate_per_minute = 30
/// ```
///
/// Unknown sections, keys, providers and values are errors naming them.
package enum SyncConfigFile {
    package static let syncKeys = ["overlap_days", "concurrency", "symbols"]
    package static let symbolKeys = ["provider", "id", "kind", "unit", "calendar", "name"]
    package static let providerKeys = [
        "base_url", "graph_url", "api_key_env", "timeout_seconds", "max_attempts", "rate_per_minute",
        "backoff_initial_seconds", "backoff_max_seconds",
    ]

    package static func load(explicit: String?) throws -> SyncSettings {
        guard let doc = try ConfigDocument.load(explicit: explicit) else { return SyncSettings() }
        return try settings(doc)
    }

    package static func parse(_ text: String, file: String) throws -> SyncSettings {
        try settings(ConfigDocument(text: text, file: file))
    }

    /// `[sync]` and `[providers.*]` of `doc` over the defaults.
    package static func settings(_ doc: ConfigDocument) throws -> SyncSettings {
        let (user, file) = (doc.table, doc.file)
        var settings = SyncSettings()
        if let sync = user["sync"] {
            guard let table = sync.table else { throw ValidationError("\(file): [sync] must be a table") }
            try known(table, syncKeys, in: "[sync]", file, doc: doc)
            if let v = table["overlap_days"] { settings.overlapDays = try int(v, "overlap_days", "[sync]", file, min: 0) }
            if let v = table["concurrency"] { settings.concurrency = try int(v, "concurrency", "[sync]", file, min: 1) }
            if let symbols = table["symbols"] {
                guard let t = symbols.table else { throw ValidationError("\(file): [sync.symbols] must be a table") }
                for symbol in t.keys {
                    guard let entry = t[symbol]?.table else {
                        throw ValidationError("\(file): [sync.symbols] \(symbol) must be a table like { provider = \"yahoo\", id = \"\(symbol)\" }")
                    }
                    settings.symbols[symbol.uppercased()] = try mapping(entry, symbol: symbol, file, doc: doc)
                }
            }
        }
        if let providers = user["providers"] {
            guard let table = providers.table else { throw ValidationError("\(file): [providers] must hold tables [providers.NAME]") }
            for name in table.keys {
                guard let p = ProviderName(rawValue: name) else {
                    throw ValidationError(
                        "\(file): unknown provider [providers.\(name)]; known: \(ProviderName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let t = table[name]?.table else { throw ValidationError("\(file): [providers.\(name)] must be a table") }
                settings.providers[p] = try provider(t, p, file, doc: doc)
            }
        }
        return settings
    }

    /// Refuses a key of `t` that `allowed` does not list, naming it, `section` and (from
    /// `doc`) its line.
    package static func known(_ t: TOMLTable, _ allowed: [String], in section: String, _ file: String, doc: ConfigDocument? = nil) throws {
        for k in t.keys where !allowed.contains(k) {
            // `[sync.symbols] RUT` → the table `sync.symbols`; `[[alerts.rules]] #2` → `alerts.rules`.
            let header = section.split(separator: "]").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[ ")) } ?? section
            let at = doc?.location(of: k, in: header) ?? "\(file):"
            throw ValidationError("\(at) unknown key '\(k)' in \(section); known: \(allowed.joined(separator: ", "))")
        }
    }

    package static func mapping(_ t: TOMLTable, symbol: String, _ file: String, doc: ConfigDocument? = nil) throws -> SymbolMapping {
        let section = "[sync.symbols] \(symbol)"
        try known(t, symbolKeys, in: section, file, doc: doc)
        guard let raw = t["provider"]?.string else { throw ValidationError("\(file): \(section) needs provider = \"…\"") }
        guard let provider = ProviderName(rawValue: raw) else {
            throw ValidationError(
                "\(file): \(section): unknown provider '\(raw)'; known: \(ProviderName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let v = t[key] else { return nil }
            guard let s = v.string, let x = T(rawValue: s) else {
                throw ValidationError(
                    "\(file): \(section): \(key) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return x
        }
        if let v = t["id"], v.string == nil { throw ValidationError("\(file): \(section): id must be a string") }
        return SymbolMapping(
            provider: provider, id: t["id"]?.string ?? symbol, kind: try choice("kind", SeriesKind.self),
            unit: try choice("unit", ValueUnit.self), calendar: try choice("calendar", SeriesCalendar.self),
            name: t["name"]?.string)
    }

    package static func provider(_ t: TOMLTable, _ p: ProviderName, _ file: String, doc: ConfigDocument? = nil) throws -> ProviderSettings {
        let section = "[providers.\(p.rawValue)]"
        try known(t, providerKeys, in: section, file, doc: doc)
        if t["graph_url"] != nil && p != .fred { throw ValidationError("\(file): graph_url belongs to [providers.fred] only") }
        if t["api_key_env"] != nil && p != .coingecko {
            throw ValidationError("\(file): api_key_env belongs to [providers.coingecko] only (FRED's key is FRED_API_KEY)")
        }
        var s = ProviderSettings.defaults(for: p)
        if let v = t["base_url"] { s.baseURL = try url(v, "base_url", section, file) }
        if let v = t["graph_url"] { s.graphURL = try url(v, "graph_url", section, file) }
        if let v = t["api_key_env"] {
            guard let name = v.string, !name.isEmpty else { throw ValidationError("\(file): \(section): api_key_env must be a variable name") }
            s.apiKeyEnv = name
        }
        if let v = t["timeout_seconds"] { s.timeoutSeconds = try number(v, "timeout_seconds", section, file, positive: true) }
        if let v = t["max_attempts"] { s.maxAttempts = try int(v, "max_attempts", section, file, min: 1) }
        if let v = t["rate_per_minute"] { s.ratePerMinute = try number(v, "rate_per_minute", section, file, positive: false) }
        if let v = t["backoff_initial_seconds"] {
            s.backoffInitialSeconds = try number(v, "backoff_initial_seconds", section, file, positive: false)
        }
        if let v = t["backoff_max_seconds"] { s.backoffMaxSeconds = try number(v, "backoff_max_seconds", section, file, positive: false) }
        return s
    }

    package static func url(_ v: any TOMLValueConvertible, _ key: String, _ section: String, _ file: String) throws -> String {
        guard let s = v.string, let u = URL(string: s), let scheme = u.scheme, ["http", "https"].contains(scheme), u.host != nil
        else {
            throw ValidationError("\(file): \(section): \(key) must be an http(s) URL like https://host[:port][/prefix]")
        }
        return s
    }

    package static func int(_ v: any TOMLValueConvertible, _ key: String, _ section: String, _ file: String, min: Int) throws -> Int {
        guard let i = v.int, i >= min else { throw ValidationError("\(file): \(section): \(key) must be an integer ≥ \(min)") }
        return i
    }

    package static func number(_ v: any TOMLValueConvertible, _ key: String, _ section: String, _ file: String, positive: Bool) throws
        -> Double
    {
        guard let x = v.double ?? v.int.map(Double.init), x.isFinite, positive ? x > 0 : x >= 0 else {
            throw ValidationError("\(file): \(section): \(key) must be a number \(positive ? "> 0" : "≥ 0")")
        }
        return x
    }
}

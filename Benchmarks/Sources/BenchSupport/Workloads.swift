import Foundation
import RiskflowCore
import RiskflowData

/// Deterministic inputs shared by the benchmarks and `csv_peers.py`.
public enum Workloads {
    /// Writes (once) a canonical `date,open,high,low,close,volume` file of `rows` rows:
    /// row i is dated 1900-01-01 + i days; open = 100 + (i·7919 mod 10000)/100,
    /// high = open + 1.25, low = open − 1.25, close = open + ((i·104729 mod 200) − 100)/100,
    /// volume = 1000000 + (i·31 mod 1000000); prices with 2 decimals.
    /// `csv_peers.py` writes the identical file with the same formula.
    public static func canonicalCSV(rows: Int, folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("canonical_\(rows).csv")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "date,open,high,low,close,volume\n"
        text.reserveCapacity(rows * 56)
        let start = try Day(iso: "1900-01-01")
        for i in 0..<rows {
            let openCents = 10_000 + (i * 7919) % 10_000
            let closeCents = openCents + ((i * 104_729) % 200) - 100
            text += (start + i).iso
            text += ",\(cents(openCents)),\(cents(openCents + 125)),\(cents(openCents - 125)),\(cents(closeCents)),"
            text += "\(1_000_000 + (i * 31) % 1_000_000)\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func cents(_ c: Int) -> String {
        let frac = c % 100
        return "\(c / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// A seeded random walk of `count` values (100 · exp of cumulative N(0, 0.01)-like steps).
    public static func randomWalk(count: Int, seed: UInt64 = 20_240_101) -> [Double] {
        var state = seed
        var level = 100.0
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let u = Double(z >> 11) / Double(1 << 53) - 0.5
            level *= 1 + 0.02 * u
            out[i] = level
        }
        return out
    }

    /// A store in `folder` holding `series` series of `rows` daily rows each.
    public static func store(series: Int, rows: Int, folder: URL) async throws -> any RiskflowStore {
        try? FileManager.default.removeItem(at: folder)
        let store = try await Store.open(folder.appendingPathComponent("bench.sqlite").path)
        var items: [(Bars, SeriesMetadata, ImportOrigin)] = []
        for s in 0..<series {
            let close = randomWalk(count: rows, seed: UInt64(s + 1))
            let days = (0..<rows).map { Day(rawValue: Int32(10_000 + $0)) }
            let nan = [Double](repeating: .nan, count: rows)
            let bars = Bars(
                id: "S\(s)", unit: .usd, calendar: .daily, days: days, open: close, high: close, low: close,
                close: close, volume: nan, marketCap: nan)
            items.append(
                (
                    bars, SeriesMetadata(id: "S\(s)", kind: .crypto, unit: .usd, calendar: .daily, source: "bench"),
                    ImportOrigin(origin: "bench", format: "bench")
                ))
        }
        try await store.replace(items)
        return store
    }
}

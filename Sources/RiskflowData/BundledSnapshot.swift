import Foundation
import RiskflowCore

/// The real historical data shipped inside the package (`Snapshot/`, provenance in
/// `Snapshot/SOURCES.md`), loaded into an empty store on first use so riskflow works
/// offline with no API key.
public enum BundledSnapshot {
    /// The folder holding `prices/`, `macro/`, `crypto/` and `SOURCES.md`.
    public static var folder: URL {
        Bundle.module.url(forResource: "Snapshot", withExtension: nil)!
    }

    /// One bundled file and the metadata it is stored with.
    public struct Entry: Sendable {
        /// Path inside the snapshot folder, e.g. `prices/RUT.csv`.
        public var path: String
        public var metadata: SeriesMetadata
    }

    /// Every bundled series. Crypto rank tables (`crypto/snapshots*.csv`) are not
    /// series and are not listed.
    public static func entries() throws -> [Entry] {
        let fm = FileManager.default
        var out: [Entry] = []
        for group in ["prices", "macro", "crypto"] {
            let dir = folder.appendingPathComponent(group)
            let files = try fm.contentsOfDirectory(atPath: dir.path).filter {
                $0.hasSuffix(".csv") && !$0.hasPrefix("snapshots")
            }.sorted()
            for file in files {
                let id = String(file.dropLast(4)).uppercased()
                out.append(Entry(path: "\(group)/\(file)", metadata: SnapshotCatalog.metadata(id: id, group: group)))
            }
        }
        return out
    }

    /// Loads every bundled series into `store` in one transaction, when the store holds
    /// no series yet. Files are parsed in parallel.
    ///
    /// - Returns: the number of series loaded (0 when the store already had data).
    @discardableResult
    public static func loadIfEmpty(into store: Store) throws -> Int {
        guard try store.isEmpty() else { return 0 }
        return try load(into: store)
    }

    /// Loads (or reloads) every bundled series into `store` in one transaction.
    @discardableResult
    public static func load(into store: Store) throws -> Int {
        let list = try entries()
        let root = folder
        let items = try Parallel.map(list.count) { i throws(any Error) -> (Bars, SeriesMetadata, ImportOrigin) in
            let entry = list[i]
            let url = root.appendingPathComponent(entry.path)
            let bytes = try [UInt8](Data(contentsOf: url))
            let parsed = try CSVParser.parse(bytes, file: entry.path, options: .init(format: .canonical))
            let m = entry.metadata
            let origin = ImportOrigin(
                origin: "snapshot:\(entry.path)", format: parsed.format.rawValue, skipped: parsed.skippedMissing,
                duplicates: parsed.droppedDuplicates)
            return (parsed.bars(id: m.id, unit: m.unit, calendar: m.calendar), m, origin)
        }
        try store.replace(items)
        try loadRankings(into: store)
        return items.count
    }

    /// The bundled ranking tables: (id, file, provenance).
    public static let rankingFiles: [(id: String, path: String, source: String)] = [
        ("CMC-WEEKLY", "crypto/snapshots_pre2020.csv",
         "bundled snapshot: CoinMarketCap weekly top 20 by market cap, 2013-04-28 … 2019-12-29 (crypto/SOURCES.md)"),
        ("CMC-MONTHLY", "crypto/snapshots.csv",
         "bundled snapshot: CoinMarketCap monthly top 200 with prices and market caps, 2020-01-01 … 2025-10-01 (crypto/SOURCES.md)"),
        ("COINGECKO-DAILY", "crypto/snapshots_coingecko_daily_2025_2026.csv",
         "bundled snapshot: CoinGecko top 100 by rank with prices at ~09:00 UTC, 2025-08-05 … 2026-05-15 (crypto/SOURCES.md, SOURCES-refresh-2026-12.md)"),
    ]

    /// Loads (or reloads) the bundled ranking tables.
    public static func loadRankings(into store: Store) throws {
        let root = folder
        let tables = try Parallel.map(rankingFiles.count) { i throws(any Error) -> RankTable in
            let f = rankingFiles[i]
            let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(f.path)))
            return try RankTableCSV.parse(bytes, file: f.path, id: f.id, source: f.source)
        }
        for t in tables { try store.replaceRanking(t) }
    }

    /// Loads the bundled ranking tables into a store made before they were bundled.
    /// - Returns: `true` when they were loaded.
    @discardableResult
    public static func loadRankingsIfMissing(into store: Store) throws -> Bool {
        guard try store.rankingList().isEmpty, !(try store.isEmpty()) else { return false }
        try loadRankings(into: store)
        return true
    }
}

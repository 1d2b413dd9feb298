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
        return items.count
    }
}

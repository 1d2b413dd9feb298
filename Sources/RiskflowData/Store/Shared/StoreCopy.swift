import Crypto
import Foundation

/// `riskflow data migrate`: copies every table of the catalogue (``StoreCatalogue``) from
/// one store to another — SQLite to PostgreSQL or back, through ``StoreMaintenance`` —
/// in one transaction on the target, and verifies the copy inside that transaction by row
/// counts and a SHA-256 checksum of every row (doubles by their bits, so nothing is
/// rounded on the way). A mismatch rolls the target back.
public enum StoreCopy {
    /// One table's outcome.
    public struct TableCopy: Sendable, Equatable, Codable {
        public var table: String
        public var rows: Int
        /// Hex SHA-256 of the rows in primary-key order, equal on both sides.
        public var checksum: String
    }

    /// Copies every table of `source` into `target`, which must hold no rows unless
    /// `replace` (then they are deleted first, in the same transaction).
    /// - Complexity: one read of each table and one bulk load (PostgreSQL: `COPY`).
    /// - Throws: ``StoreError`` naming the table when the target is not empty or a count or
    ///   checksum differs after the copy (nothing is then written).
    public static func copy(from source: any RiskflowStore, to target: any RiskflowStore, replace: Bool) async throws -> [TableCopy] {
        var tables: [(StoreTable, [[StoreValue]])] = []
        for t in StoreCatalogue.tables { tables.append((t, try await source.rows(of: t))) }
        let expected = tables.map { TableCopy(table: $0.0.name, rows: $0.1.count, checksum: checksum($0.1)) }
        try await target.load(tables, replace: replace) { back in
            for (copy, (table, rows)) in zip(expected, back) {
                let b = checksum(rows)
                guard rows.count == copy.rows, b == copy.checksum else {
                    throw StoreError(
                        .writeFailed,
                        "copying \(table.name): \(copy.rows) rows (checksum \(copy.checksum.prefix(12))) became \(rows.count) (\(b.prefix(12)))")
                }
            }
        }
        return expected
    }

    /// The checksum of rows in key order: each value's canonical bytes, a newline per row.
    static func checksum(_ rows: [[StoreValue]]) -> String {
        var h = SHA256()
        var line: [UInt8] = []
        for row in rows {
            line.removeAll(keepingCapacity: true)
            for v in row {
                switch v {
                case .int(let i): line.append(contentsOf: "i\(i)|".utf8)
                case .real(let d): line.append(contentsOf: "d\(String(d.bitPattern, radix: 16))|".utf8)
                case .text(let s): line.append(contentsOf: "s\(s.utf8.count):\(s)|".utf8)
                case .null: line.append(contentsOf: "n|".utf8)
                }
            }
            line.append(UInt8(ascii: "\n"))
            h.update(data: line)
        }
        return h.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

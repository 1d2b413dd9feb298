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

    /// The checksum of rows in key order: each value's canonical bytes (`i<decimal>|`,
    /// `d<hex bit pattern>|`, `s<utf-8 length>:<text>|`, `n|`), a newline per row, hashed
    /// in 64 KiB pieces.
    /// - Complexity: O(bytes), no allocation per value.
    static func checksum(_ rows: [[StoreValue]]) -> String {
        var h = SHA256()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16 + 1024)
        for row in rows {
            for v in row {
                switch v {
                case .int(let i):
                    buffer.append(UInt8(ascii: "i"))
                    appendDecimal(i, to: &buffer)
                case .real(let d):
                    buffer.append(UInt8(ascii: "d"))
                    appendHex(d.bitPattern, to: &buffer)
                case .text(let s):
                    buffer.append(UInt8(ascii: "s"))
                    appendDecimal(Int64(s.utf8.count), to: &buffer)
                    buffer.append(UInt8(ascii: ":"))
                    buffer.append(contentsOf: s.utf8)
                case .null: buffer.append(UInt8(ascii: "n"))
                }
                buffer.append(UInt8(ascii: "|"))
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 16 {
                h.update(data: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        h.update(data: buffer)
        return h.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// `x` in decimal ASCII, as `String(x)` writes it.
    static func appendDecimal(_ x: Int64, to buffer: inout [UInt8]) {
        if x < 0 { buffer.append(UInt8(ascii: "-")) }
        var m = x.magnitude
        let start = buffer.count
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        buffer[start...].reverse()
    }

    /// `x` in lower-case hexadecimal without leading zeros, as `String(x, radix: 16)` writes it.
    static func appendHex(_ x: UInt64, to buffer: inout [UInt8]) {
        if x == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        var shift = (63 - x.leadingZeroBitCount) / 4 * 4
        while shift >= 0 {
            let nibble = UInt8((x >> UInt64(shift)) & 0xF)
            buffer.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
            shift -= 4
        }
    }
}

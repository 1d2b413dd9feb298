import NIOCore
import PostgresNIO

/// A column of `float8` values sent or received as one PostgreSQL array in binary format
/// (`float8[]`, no NULLs: riskflow's NaN stands for "missing" and SQL maps it with
/// `NULLIF`/`COALESCE`). Coded with one tight loop over the bytes: the store writes and
/// reads whole series this way, one bind or one cell per column instead of one per value.
struct Float8Column: PostgresNonThrowingEncodable, PostgresDecodable, Sendable {
    var values: [Double]

    init(_ values: [Double]) { self.values = values }

    static var psqlType: PostgresDataType { .float8Array }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        PostgresArrayCoding.write(values.count, element: 701, into: &buffer) { raw, i in
            raw.storeBytes(of: values[i].bitPattern.bigEndian, toByteOffset: 0, as: UInt64.self)
        }
    }

    init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<D>)
        throws
    {
        values = try PostgresArrayCoding.read(&buffer, type: type, format: format, expected: .float8Array, null: .nan) { raw in
            Double(bitPattern: UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)))
        }
    }
}

/// A column of `int8` values as one binary `int8[]` array (see ``Float8Column``); a NULL
/// element reads as `Int.min`.
struct Int8Column: PostgresNonThrowingEncodable, PostgresDecodable, Sendable {
    var values: [Int]

    init(_ values: [Int]) { self.values = values }

    static var psqlType: PostgresDataType { .int8Array }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        PostgresArrayCoding.write(values.count, element: 20, into: &buffer) { raw, i in
            raw.storeBytes(of: Int64(values[i]).bigEndian, toByteOffset: 0, as: Int64.self)
        }
    }

    init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<D>)
        throws
    {
        values = try PostgresArrayCoding.read(&buffer, type: type, format: format, expected: .int8Array, null: Int.min) { raw in
            Int(Int64(bigEndian: raw.loadUnaligned(as: Int64.self)))
        }
    }
}

/// PostgreSQL's binary array format for one-dimensional arrays of 8-byte elements:
/// `ndim, has_null, element_oid, (length, lower_bound)`, then per element its byte count
/// (−1 for NULL) and its big-endian bytes.
enum PostgresArrayCoding {
    static func write(_ count: Int, element oid: Int32, into buffer: inout ByteBuffer, _ store: (UnsafeMutableRawBufferPointer, Int) -> Void) {
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(oid)
        guard count > 0 else { return }
        buffer.writeInteger(Int32(count))
        buffer.writeInteger(Int32(1))
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count * 12) { raw in
            for i in 0..<count {
                raw.storeBytes(of: Int32(8).bigEndian, toByteOffset: i * 12, as: Int32.self)
                store(UnsafeMutableRawBufferPointer(rebasing: raw[(i * 12 + 4)..<(i * 12 + 12)]), i)
            }
            return count * 12
        }
    }

    static func read<T>(
        _ buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, expected: PostgresDataType, null: T,
        _ load: (UnsafeRawBufferPointer) -> T
    ) throws -> [T] {
        guard format == .binary, type == expected else { throw PostgresDecodingError.Code.typeMismatch }
        guard let ndim = buffer.readInteger(as: Int32.self), buffer.readInteger(as: Int32.self) != nil,
            buffer.readInteger(as: Int32.self) != nil
        else { throw PostgresDecodingError.Code.failure }
        guard ndim == 1 else {
            if ndim == 0 { return [] }
            throw PostgresDecodingError.Code.failure
        }
        guard let count = buffer.readInteger(as: Int32.self), buffer.readInteger(as: Int32.self) != nil, count >= 0 else {
            throw PostgresDecodingError.Code.failure
        }
        var out: [T] = []
        out.reserveCapacity(Int(count))
        let ok = buffer.readWithUnsafeReadableBytes { raw -> (Int, Bool) in
            var at = 0
            for _ in 0..<Int(count) {
                guard at + 4 <= raw.count else { return (at, false) }
                let length = Int32(bigEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self))
                at += 4
                if length == -1 {
                    out.append(null)
                    continue
                }
                guard length == 8, at + 8 <= raw.count else { return (at, false) }
                out.append(load(UnsafeRawBufferPointer(rebasing: raw[at..<(at + 8)])))
                at += 8
            }
            return (at, true)
        }
        guard ok else { throw PostgresDecodingError.Code.failure }
        return out
    }
}

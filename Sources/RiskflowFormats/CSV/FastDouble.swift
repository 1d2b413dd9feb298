/// Decimal number parsing straight from UTF-8 bytes.
///
/// The fast path (Clinger, 1990) is exact: a decimal with at most 19 significant digits
/// whose mantissa fits in 53 bits and whose power of ten is within ±22 is one correctly
/// rounded multiplication or division of two exact doubles. Everything else (long
/// mantissas, large exponents) falls back to the C library's correctly rounded `strtod`
/// through `Double(_: String)`, so every result is the correctly rounded double.
package enum FastDouble {
    /// 10^e for 0 ≤ e ≤ 22, all exactly representable.
    @inline(__always)
    package static func powerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The common case, inlined into the parsing loops: `[-]digits[.digits]` with 1 to 15
    /// digits in all (so the mantissa is below 2^53 and the result is exact). Anything
    /// else goes to ``parse(_:_:_:)``.
    @inline(__always)
    package static func parseFast(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        let negative = i < end && p[i] == 45
        if negative { i += 1 }
        let digitsStart = i
        var m: UInt64 = 0
        while i < end {
            let d = p[i] &- 48
            if d > 9 { break }
            m = m &* 10 &+ UInt64(d)
            i += 1
        }
        var intDigits = i - digitsStart
        var fraction = 0
        if i < end && p[i] == 46 {
            i += 1
            let fs = i
            while i < end {
                let d = p[i] &- 48
                if d > 9 { break }
                m = m &* 10 &+ UInt64(d)
                i += 1
            }
            fraction = i - fs
            intDigits += fraction
        }
        if i == end && intDigits > 0 && intDigits <= 15 {
            let v = fraction == 0 ? Double(m) : Double(m) / powerOfTen(fraction)
            return negative ? -v : v
        }
        return parse(p, start, end)
    }

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` occupying exactly `p[start..<end]`;
    /// `nil` for anything else (empty, a lone sign or dot, letters, `inf`, `nan`).
    @inline(never)
    package static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if p[i] == 45 {  // -
            negative = true
            i += 1
        } else if p[i] == 43 {  // +
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        var exact = true
        while i < end {
            let d = p[i] &- 48
            if d > 9 { break }
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                if d != 0 { exact = false }
            }
            digits += 1
            i += 1
        }
        if i < end && p[i] == 46 {  // .
            i += 1
            while i < end {
                let d = p[i] &- 48
                if d > 9 { break }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    exact = false
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end && (p[i] == 101 || p[i] == 69) {  // e E
            i += 1
            var expNegative = false
            if i < end && (p[i] == 45 || p[i] == 43) {
                expNegative = p[i] == 45
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < end {
                let d = p[i] &- 48
                if d > 9 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if exact && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powerOfTen(-exponent) } else { v *= powerOfTen(exponent) }
            return negative ? -v : v
        }
        let text = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
        return Double(text)
    }
}

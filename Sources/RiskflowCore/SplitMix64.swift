/// A small, fast, seeded random number generator (SplitMix64, Steele, Lea and Flood 2014;
/// the seeding generator of `java.util.SplittableRandom` and of xoshiro): riskflow's
/// randomness always comes in as one of these, seeded, so every result is reproducible.
///
/// `SplitMix64(seed: s, stream: k)` gives independent streams for parallel work: each
/// draw of a permutation test or a bootstrap gets its own stream, so the numbers do not
/// depend on which core ran which draw.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Stream `stream` of `seed`: the seed mixed with the stream number (distinct streams
    /// start far apart in the sequence).
    public init(seed: UInt64, stream: UInt64) {
        var g = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = g.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform integer in 0..<n (Lemire's multiply-shift with rejection; unbiased).
    public mutating func nextIndex(_ n: Int) -> Int {
        // trap-ok: every caller draws inside a loop that runs only when n ≥ 1 (a pool or a
        // group of n values is being resampled), and the public entry points return NaN
        // or nil for empty pools before any draw.
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }
}

import Foundation
import Testing

func loadFixture<T: Decodable>(_ name: String, as type: T.Type) -> T {
    let url = Bundle.module.url(forResource: name, withExtension: "json")!
    return try! JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// |a − b| ≤ max(absolute, relative · |b|).
func close(_ a: Double, _ b: Double?, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    guard let b else { return a.isNaN || a.isInfinite }
    if a == b { return true }
    return abs(a - b) <= max(absolute, relative * abs(b))
}

/// p-values: 1e-9 relative or 1e-15 absolute.
func closeP(_ a: Double, _ b: Double?) -> Bool { close(a, b, relative: 1e-9, absolute: 1e-15) }

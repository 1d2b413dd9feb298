import Foundation
import Testing
import RiskflowTestSupport

func loadFixture<T: Decodable>(_ name: String, as type: T.Type) -> T {
    let url = Bundle.module.url(forResource: name, withExtension: "json")!
    return try! JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// p-values: 1e-9 relative or 1e-15 absolute.
func closeP(_ a: Double, _ b: Double?) -> Bool { close(a, b, relative: 1e-9, absolute: 1e-15) }

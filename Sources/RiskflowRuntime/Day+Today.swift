import Foundation
import RiskflowCore

extension Day {
    /// The UTC day of `now` (the edges' clock; the pure targets never read it).
    public static func today(now: Date = Date()) -> Day {
        Day(rawValue: Int32((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

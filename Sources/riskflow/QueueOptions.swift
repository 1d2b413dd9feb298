import ArgumentParser
import Foundation

/// `--queue`: the PostgreSQL work queue of distributed jobs (`sweep --distributed`,
/// `worker`), else `$RISKFLOW_QUEUE`.
struct QueueOptions: ParsableArguments {
    @Option(name: .long, help: "The PostgreSQL queue: postgres://user@host:port/db (default: $RISKFLOW_QUEUE).")
    var queue: String?

    /// The URL given, or `nil` when neither the flag nor the variable is set.
    var url: String? { queue ?? ProcessInfo.processInfo.environment["RISKFLOW_QUEUE"].flatMap { $0.isEmpty ? nil : $0 } }
}

/// Durations on the command line: a number with `s`, `m`, `h` or `d` (seconds when bare).
enum DurationText {
    /// Seconds, or `nil` for text that is not a positive finite duration.
    static func seconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var number = Substring(t), scale = 1.0
        if let last = t.last, let u = units[last] {
            number = t.dropLast()
            scale = u
        }
        guard let x = Double(number), x.isFinite, x > 0 else { return nil }
        return x * scale
    }
}

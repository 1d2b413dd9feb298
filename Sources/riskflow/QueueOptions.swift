import ArgumentParser
import Foundation
import RiskflowData

/// The PostgreSQL work queue of distributed jobs (`sweep --distributed`, `events
/// --distributed`, `worker`): the store's own database when it is on PostgreSQL (`--db
/// postgres://…` or `$RISKFLOW_DB`), unless `--queue` (or `$RISKFLOW_QUEUE`) names another
/// one (a SQLite store with a shared queue).
struct QueueOptions: ParsableArguments {
    @Option(name: .long, help: "A PostgreSQL queue other than the store's database: postgres://user@host:port/db (default: $RISKFLOW_QUEUE, else the --db URL).")
    var queue: String?

    /// The queue's URL: `--queue`, else `$RISKFLOW_QUEUE`, else `store` when it is a
    /// PostgreSQL URL; `nil` when none is.
    func url(store: String?) -> String? {
        if let queue { return queue }
        if let env = ProcessInfo.processInfo.environment["RISKFLOW_QUEUE"], !env.isEmpty { return env }
        if let store, PostgresURL.isPostgres(store) { return store }
        return nil
    }

    /// What to say when no queue is given.
    static let missing = "needs PostgreSQL: --db postgres://user@host:port/db (the store and its queue), or --queue postgres://… for a queue beside a SQLite store (or $RISKFLOW_DB / $RISKFLOW_QUEUE)"
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

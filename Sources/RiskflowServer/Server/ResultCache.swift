import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Answers computed once per (route, parameters, data version) and kept in memory.
///
/// Concurrent requests for the same key share one computation; computations run in their
/// own task (store reads are async, so neither they nor the CPU work hold an event loop).
/// When the data version changes every entry is dropped.
/// - Complexity: a hit is one lock and one dictionary lookup.
public final class ResultCache: Sendable {
    struct State {
        var version: String = ""
        var answers: [String: CachedAnswer] = [:]
        var running: [String: Task<CachedAnswer, Never>] = [:]
        var values: [String: any Sendable] = [:]
    }

    let state = NIOLockedValueBox(State())
    public init() {}

    /// Entries currently held.
    public var count: Int { state.withLockedValue { $0.answers.count } }

    /// Drops every entry (a sync wrote new data).
    public func removeAll() {
        state.withLockedValue {
            $0.answers.removeAll()
            $0.running.removeAll()
            $0.values.removeAll()
        }
    }

    /// A value several answers are rendered from (the report behind `/`, `/report.html`
    /// and `/api/v1/report`), kept under the same data version as the answers. Called
    /// from a computation (on the blocking pool); two first callers may both compute it.
    public func memo<T: Sendable>(key: String, version: String, compute: () async throws -> T) async throws -> T {
        let found: T? = state.withLockedValue { s in s.version == version ? s.values[key] as? T : nil }
        if let found { return found }
        let value = try await compute()
        state.withLockedValue { s in if s.version == version { s.values[key] = value } }
        return value
    }

    /// The answer for `key` under data `version`, computing it with `compute` when absent.
    public func answer(key: String, version: String, compute: @escaping @Sendable () async -> CachedAnswer) async -> CachedAnswer {
        enum Lookup { case hit(CachedAnswer), wait(Task<CachedAnswer, Never>) }
        let lookup: Lookup = state.withLockedValue { s in
            if s.version != version {
                s.version = version
                s.answers.removeAll()
                s.running.removeAll()
                s.values.removeAll()
            }
            if let a = s.answers[key] { return .hit(a) }
            if let t = s.running[key] { return .wait(t) }
            let t = Task<CachedAnswer, Never> {
                await compute()
            }
            s.running[key] = t
            return .wait(t)
        }
        switch lookup {
        case .hit(let a): return a
        case .wait(let t):
            let a = await t.value
            state.withLockedValue { s in
                guard s.version == version else { return }
                s.running[key] = nil
                if a.isCacheable { s.answers[key] = a }
            }
            return a
        }
    }
}

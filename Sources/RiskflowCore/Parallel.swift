import Dispatch
import Foundation

/// riskflow's one parallel primitive: run independent pieces of work across the cores
/// and collect their results **in index order**, so the output never depends on which
/// core finished first.
///
/// Each index is computed exactly once, by one worker, which writes its result into its
/// own slot of the result array: there is no lock and no shared mutable state besides
/// those disjoint slots. Work is split into at most `activeProcessorCount × 4` chunks of
/// consecutive indices so that small items do not pay one dispatch each.
///
/// Cost: one `DispatchQueue.concurrentPerform` over the chunks; O(count) result slots.
public enum Parallel {
    /// The number of cores the process may use (at least 1).
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `(0..<count).map(transform)`, computed in parallel; results in index order.
    ///
    /// - Parameters:
    ///   - count: how many items (0 returns `[]` without dispatching).
    ///   - serialBelow: below this many items the work runs on the calling thread (a
    ///     dispatch costs more than a few cheap items).
    ///   - transform: a pure function of the index; it runs concurrently with itself.
    public static func map<T>(_ count: Int, serialBelow: Int = 2, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        if count < serialBelow || cores == 1 { return (0..<count).map(transform) }
        let chunks = min(count, cores * 4)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // trap-ok: count > 0 (checked above), so the buffer has storage.
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = count * c / chunks, hi = count * (c + 1) / chunks
                for i in lo..<hi { slots.base.advanced(by: i).initialize(to: transform(i)) }
            }
            initialized = count
        }
    }

    /// `(0..<count).map(transform)` for throwing work: every item runs, and the error of
    /// the lowest failing index is thrown (the same error whatever the timing).
    public static func map<T, E: Error>(_ count: Int, serialBelow: Int = 2, _ transform: @Sendable (Int) throws(E) -> T)
        throws(E) -> [T]
    {
        let results: [Result<T, E>] = map(count, serialBelow: serialBelow) { i in Result { () throws(E) -> T in try transform(i) } }
        return try results.map { r throws(E) -> T in try r.get() }
    }

    /// The start of the result buffer, shared by the workers; each writes only its own
    /// indices, so no two workers touch the same memory.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
    }
}

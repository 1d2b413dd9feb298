import GRDB
import RiskflowCore

extension SQLiteStore {
    public func appendCalls(_ calls: [Call], stamp: String) async throws -> [String] {
        let prepared = try calls.map { try CallRows.callArguments($0, stamp: stamp) }
        return try await write { db in
            try prepared.filter { try !Self.rows(db, CallRows.insertCall, $0.arguments).isEmpty }.map(\.id)
        }
    }

    public func storedCalls() async throws -> [StoredCall] {
        try await read { db in try Self.rows(db, CallRows.calls) }.map(CallRows.storedCall)
    }

    public func appendCallScores(_ scores: [CallScore], stamp: String) async throws {
        guard !scores.isEmpty else { return }
        try await write { db in
            for s in scores { try Self.execute(db, CallRows.insertScore, CallRows.scoreArguments(s, stamp: stamp)) }
        }
    }

    public func callScores() async throws -> [CallScore] {
        try await read { db in try Self.rows(db, CallRows.scores) }.map(CallRows.score)
    }
}

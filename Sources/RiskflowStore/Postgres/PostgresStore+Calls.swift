import PostgresNIO
import RiskflowCore

extension PostgresStore {
    public func appendCalls(_ calls: [Call], stamp: String) async throws -> [String] {
        let prepared = try calls.map { try CallRows.callArguments($0, stamp: stamp) }
        return try await transaction { c in
            var added: [String] = []
            for p in prepared where try await !rows(c, CallRows.insertCall, p.arguments).isEmpty { added.append(p.id) }
            return added
        }
    }

    public func storedCalls() async throws -> [StoredCall] {
        try await client.withConnection { c in try await rows(c, CallRows.calls) }.map(CallRows.storedCall)
    }

    public func appendCallScores(_ scores: [CallScore], stamp: String) async throws {
        guard !scores.isEmpty else { return }
        try await transaction { c in
            for s in scores { try await execute(c, CallRows.insertScore, CallRows.scoreArguments(s, stamp: stamp)) }
        }
    }

    public func callScores() async throws -> [CallScore] {
        try await client.withConnection { c in try await rows(c, CallRows.scores) }.map(CallRows.score)
    }
}

import Crypto
import Foundation
import RiskflowCore

/// The calls ledger's rows, one definition for both backends: a call's id (its content
/// hash), its stored JSON body, and the statements.
public enum CallRows {
    /// `call_` and the first 32 hex digits of SHA-256 over ``Call/canonicalText``: the same
    /// call always has the same id, whichever process records it.
    public static func id(of call: Call) -> String {
        let digest = SHA256.hash(data: Data(call.canonicalText.utf8))
        return "call_" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The call as JSON with sorted keys (what `body` holds).
    static func body(_ call: Call) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(call), as: UTF8.self)
        } catch {
            throw StoreError(.writeFailed, "call of \(call.knownAt.iso) (\(call.kind.rawValue)) cannot be stored: \(error)")
        }
    }

    static func call(_ body: String, id: String) throws -> Call {
        do {
            return try JSONDecoder().decode(Call.self, from: Data(body.utf8))
        } catch {
            throw StoreError(.unknownValue, "call \(id): its stored body is not a call: \(error)")
        }
    }

    /// Arguments: id, kind, known_at, origin, source, subject, supersedes, body, recorded_at.
    static let insertCall = """
        INSERT INTO call (id, kind, known_at, origin, source, subject, supersedes, body, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """
    static let calls = "SELECT id, body, recorded_at FROM call ORDER BY known_at, id"
    /// Arguments: call_id … recorded_at (13).
    static let insertScore = """
        INSERT INTO call_score (call_id, follower, horizon, entry, exit, entry_close, exit_close, forward_return, percentile, median,
                                outcome, scored_as_of, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let scores = """
        SELECT call_id, follower, horizon, entry, exit, entry_close, exit_close, forward_return, percentile, median, outcome, scored_as_of
        FROM call_score ORDER BY id
        """

    static func callArguments(_ call: Call, stamp: String) throws -> (id: String, arguments: [StoreValue]) {
        let id = id(of: call)
        return (id, [
            .text(id), .text(call.kind.rawValue), .int(Int64(call.knownAt.rawValue)), .text(call.origin.rawValue), .text(call.source),
            .text(call.subject), call.supersedes.map { .text($0) } ?? .null, .text(try body(call)), .text(stamp),
        ])
    }

    static func scoreArguments(_ s: CallScore, stamp: String) -> [StoreValue] {
        [
            .text(s.callID), .text(s.follower), .int(Int64(s.horizon)), .int(Int64(s.entry.rawValue)), .int(Int64(s.exit.rawValue)),
            .real(s.entryClose), .real(s.exitClose), .real(s.return), s.percentile.map { .real($0) } ?? .null,
            s.median.map { .real($0) } ?? .null, .text(s.outcome.rawValue), .int(Int64(s.scoredAsOf.rawValue)), .text(stamp),
        ]
    }

    static func storedCall(_ row: [StoreValue]) throws -> StoredCall {
        guard row.count == 3, let id = row[0].text, let body = row[1].text, let at = row[2].text else {
            throw StoreError(.unknownValue, "call: a row is not (id, body, recorded_at)")
        }
        return StoredCall(id: id, call: try call(body, id: id), recordedAt: at)
    }

    static func score(_ row: [StoreValue]) throws -> CallScore {
        guard row.count == 12, let callID = row[0].text, let follower = row[1].text, let horizon = row[2].int,
            let entry = row[3].day, let exit = row[4].day, let entryClose = row[5].real, let exitClose = row[6].real,
            let r = row[7].real, let outcomeText = row[10].text, let outcome = CallScore.Outcome(rawValue: outcomeText),
            let scoredAsOf = row[11].day
        else { throw StoreError(.unknownValue, "call_score: a row does not decode") }
        return CallScore(
            callID: callID, follower: follower, horizon: horizon, entry: entry, exit: exit, entryClose: entryClose, exitClose: exitClose,
            return: r, percentile: row[8].real, median: row[9].real, outcome: outcome, scoredAsOf: scoredAsOf)
    }
}

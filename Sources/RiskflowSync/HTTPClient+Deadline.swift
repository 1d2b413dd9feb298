import RiskflowStore
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A response with its whole body read.
public struct CollectedResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    /// `Retry-After` in seconds, when the server sent one (seconds or an HTTP date).
    public var retryAfter: Double? { headers.first(name: "Retry-After").flatMap(ProviderClient.retryAfter) }
}

extension HTTPClient {
    /// Executes `request` and reads its body (at most `maxBody` bytes) within `seconds`:
    /// the deadline covers the head **and** the body, so a server that trickles bytes
    /// cannot hold the caller longer than that.
    /// - Throws: `HTTPClientError.deadlineExceeded` when the time is up; the client's errors.
    public func collect(_ request: HTTPClientRequest, deadline seconds: Double, maxBody: Int) async throws -> CollectedResponse {
        // A deadline that is not a finite, non-negative number of seconds is read as 10⁹ s.
        let seconds = seconds.isFinite ? min(max(seconds, 0), 1e9) : 1e9
        return try await withThrowingTaskGroup(of: CollectedResponse.self) { group in
            group.addTask {
                let response = try await self.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
                let body = try await response.body.collect(upTo: maxBody)
                return CollectedResponse(status: Int(response.status.code), headers: response.headers, body: body)
            }
            group.addTask {
                try await _Concurrency.Task.sleep(for: .seconds(seconds))
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw HTTPClientError.deadlineExceeded }
            return first
        }
    }
}

/// Where the alert engine counts its deliveries (the server's Prometheus registry; the
/// command line passes none).
public protocol AlertMetrics: Sendable {
    /// One delivery attempt ended with `outcome`: `delivered`, `retry` or `dead`.
    func recordDelivery(outcome: String)
}

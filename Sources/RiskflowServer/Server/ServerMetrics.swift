import Foundation
import NIOConcurrencyHelpers
import Prometheus
import RiskflowRuntime
import RiskflowStore

/// The server's Prometheus metrics, in a registry of its own (no process-wide state, so
/// servers in one test process do not mix their counts):
///
/// - `riskflow_http_requests_total{route,method,status}` and
///   `riskflow_http_request_duration_seconds{route,method,status}` (histogram);
/// - `riskflow_sync_last_attempt_timestamp_seconds{provider}`,
///   `riskflow_sync_last_success_timestamp_seconds{provider}` and
///   `riskflow_sync_series{provider,status}` (series by their last sync's status), read
///   from the store when scraped;
/// - `riskflow_alert_deliveries_total{outcome}` (delivered, retry, dead);
/// - `riskflow_cache_entries`.
public final class ServerMetrics: AlertMetrics, Sendable {
    public let registry = PrometheusCollectorRegistry()
    struct Key: Hashable {
        var route: String
        var method: String
        var status: Int
    }
    let perRoute = NIOLockedValueBox([Key: (Counter, DurationHistogram)]())
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests by route, method and status.") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "HTTP request latency by route, method and status.") }
    static var deliveries: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "alert", metricName: "deliveries", unitName: "total",
        helpText: "Alert delivery attempts by outcome (delivered, retry, dead).") }
    static var syncAttempt: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "sync", metricName: "last_attempt_timestamp", unitName: "seconds",
        helpText: "The last data sync attempt per provider (Unix time).") }
    static var syncSuccess: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "sync", metricName: "last_success_timestamp", unitName: "seconds",
        helpText: "The last successful data sync per provider (Unix time; 0 when none).") }
    static var syncSeries: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "sync", metricName: "series", unitName: "",
        helpText: "Series per provider by the status of their last sync (updated, unchanged, failed).") }
    static var cacheEntries: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "riskflow", subsystem: "cache", metricName: "entries", unitName: "", helpText: "Answers held in the result cache.") }

    public init() {
        for outcome in ["delivered", "retry", "dead"] {
            _ = registry.makeCounter(descriptor: Self.deliveries, labels: [("outcome", outcome)])
        }
    }

    /// Counts one request and its duration. One lock and a dictionary lookup.
    public func record(route: String, method: String, status: Int, duration: Duration) {
        let key = Key(route: route, method: method, status: status)
        let (counter, histogram) = perRoute.withLockedValue { map in
            if let m = map[key] { return m }
            let labels = [("route", route), ("method", method), ("status", String(status))]
            let m = (
                registry.makeCounter(descriptor: Self.requests, labels: labels),
                registry.makeDurationHistogram(descriptor: Self.duration, labels: labels, buckets: Self.buckets)
            )
            map[key] = m
            return m
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Counts one alert delivery attempt by outcome (`delivered`, `retry`, `dead`).
    public func recordDelivery(outcome: String) {
        registry.makeCounter(descriptor: Self.deliveries, labels: [("outcome", outcome)]).increment()
    }

    /// Sets the per-provider sync gauges from the store's sync records.
    public func updateSync(_ states: [String: SyncState]) {
        var byProvider: [String: (attempt: Double, success: Double, counts: [String: Int])] = [:]
        for s in states.values {
            var p = byProvider[s.provider.rawValue] ?? (0, 0, [:])
            p.attempt = max(p.attempt, Self.seconds(s.attemptedAt))
            if let ok = s.succeededAt { p.success = max(p.success, Self.seconds(ok)) }
            p.counts[s.status.rawValue, default: 0] += 1
            byProvider[s.provider.rawValue] = p
        }
        for (provider, p) in byProvider {
            registry.makeGauge(descriptor: Self.syncAttempt, labels: [("provider", provider)]).set(p.attempt)
            registry.makeGauge(descriptor: Self.syncSuccess, labels: [("provider", provider)]).set(p.success)
            for status in ["updated", "unchanged", "failed"] {
                registry.makeGauge(descriptor: Self.syncSeries, labels: [("provider", provider), ("status", status)])
                    .set(Double(p.counts[status] ?? 0))
            }
        }
    }

    /// The cache size gauge.
    public func updateCache(entries: Int) {
        registry.makeGauge(descriptor: Self.cacheEntries).set(Double(entries))
    }

    /// Prometheus text exposition format 0.0.4.
    public func render() -> [UInt8] { registry.emitToBuffer() }

    static func seconds(_ iso: String) -> Double {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: iso) { return d.timeIntervalSince1970 }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: iso)?.timeIntervalSince1970 ?? 0
    }
}

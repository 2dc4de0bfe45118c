import CoreMetrics
import Metrics
import Prometheus

/// The Prometheus view (`GET /metrics`): swift-metrics instruments on a registry of
/// our own, so nothing depends on (or fights over) the process-wide bootstrap.
public final class DaemonMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let room, chip, inlet, target, power, hashrate, fanRPM, fanDuty: CoreMetrics.Gauge
    private let accepted, rejected, trips: CoreMetrics.Counter
    private let tick: Metrics.Timer

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Ticks take well under a millisecond on the simulator; buckets resolve that.
        factory.defaultDurationHistogramBuckets = [.microseconds(100), .microseconds(250), .microseconds(500),
                                                   .milliseconds(1), .milliseconds(2), .milliseconds(5),
                                                   .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                   .milliseconds(100), .milliseconds(250), .seconds(1)]
        room = CoreMetrics.Gauge(label: "hearth_room_temperature_celsius", factory: factory)
        chip = CoreMetrics.Gauge(label: "hearth_chip_temperature_celsius", factory: factory)
        inlet = CoreMetrics.Gauge(label: "hearth_inlet_temperature_celsius", factory: factory)
        target = CoreMetrics.Gauge(label: "hearth_target_temperature_celsius", factory: factory)
        power = CoreMetrics.Gauge(label: "hearth_power_watts", factory: factory)
        hashrate = CoreMetrics.Gauge(label: "hearth_hashrate_hashes_per_second", factory: factory)
        fanRPM = CoreMetrics.Gauge(label: "hearth_fan_rpm", factory: factory)
        fanDuty = CoreMetrics.Gauge(label: "hearth_fan_duty_ratio", factory: factory)
        accepted = CoreMetrics.Counter(label: "hearth_shares_total", dimensions: [("result", "accepted")], factory: factory)
        rejected = CoreMetrics.Counter(label: "hearth_shares_total", dimensions: [("result", "rejected")], factory: factory)
        trips = CoreMetrics.Counter(label: "hearth_trips_total", factory: factory)
        tick = Metrics.Timer(label: "hearth_control_tick_seconds", factory: factory)
    }

    public func record(_ s: StatusSnapshot) {
        if let v = s.room { room.record(v) }
        if let v = s.chip { chip.record(v) }
        if let v = s.inlet { inlet.record(v) }
        target.record(s.target)
        if let v = s.power { power.record(v) }
        hashrate.record(s.hashrate)
        if let v = s.fanRPM { fanRPM.record(v) }
        fanDuty.record(s.fanDuty / 100)
    }

    public func shares(accepted a: Int, rejected r: Int) {
        if a > 0 { accepted.increment(by: a) }
        if r > 0 { rejected.increment(by: r) }
    }

    public func trip() { trips.increment() }
    public func tickDuration(_ d: Duration) { tick.recordNanoseconds(Int64(d.components.seconds) * 1_000_000_000 + d.components.attoseconds / 1_000_000_000) }

    public func text() -> String { registry.emitToString() }
}

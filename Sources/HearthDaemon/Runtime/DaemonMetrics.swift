import CoreMetrics
import Metrics
import Prometheus
import Synchronization

/// The Prometheus view (`GET /metrics`): swift-metrics instruments on a registry of
/// our own, so nothing depends on (or fights over) the process-wide bootstrap.
///
/// A reading the board doesn't have (the Nano's inlet, the PiAxe's fan tach) or that
/// failed this tick has no series at all: a gauge stuck at 0 °C would be a lie a
/// dashboard draws. Such gauges are registered when a value arrives and removed when
/// it goes away.
public final class DaemonMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let target, power, hashrate, fanDuty: CoreMetrics.Gauge
    private let accepted, rejected, trips: CoreMetrics.Counter
    private let tick: Metrics.Timer
    private let lateTicks: CoreMetrics.Counter
    private let maxLateness: CoreMetrics.Gauge
    private let worstLateness = Mutex<Double>(0)
    /// A tick starting later than this (wall time) counts in `hearth_tick_late_total`.
    public static let lateTickBudget: Duration = .milliseconds(100)
    private let present = Mutex<[String: Prometheus.Gauge]>([:])

    /// The optional readings: series name, unit suffix included, and its help text.
    enum Reading: String, CaseIterable {
        case room = "hearth_room_temperature_celsius"
        case chip = "hearth_chip_temperature_celsius"
        case inlet = "hearth_inlet_temperature_celsius"
        case fanRPM = "hearth_fan_rpm"

        var help: String {
            switch self {
            case .room: "Room temperature the thermostat holds"
            case .chip: "Hottest chip"
            case .inlet: "Air entering the heater (boards with an inlet sensor)"
            case .fanRPM: "Fan speed (boards with a tachometer)"
            }
        }

        func value(in s: StatusSnapshot) -> Double? {
            switch self {
            case .room: s.room
            case .chip: s.chip
            case .inlet: s.inlet
            case .fanRPM: s.fanRPM
            }
        }
    }

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Ticks take well under a millisecond on the simulator; buckets resolve that.
        factory.defaultDurationHistogramBuckets = [.microseconds(100), .microseconds(250), .microseconds(500),
                                                   .milliseconds(1), .milliseconds(2), .milliseconds(5),
                                                   .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                   .milliseconds(100), .milliseconds(250), .seconds(1)]
        target = CoreMetrics.Gauge(label: "hearth_target_temperature_celsius", factory: factory)
        power = CoreMetrics.Gauge(label: "hearth_power_watts", factory: factory)
        hashrate = CoreMetrics.Gauge(label: "hearth_hashrate_hashes_per_second", factory: factory)
        fanDuty = CoreMetrics.Gauge(label: "hearth_fan_duty_ratio", factory: factory)
        accepted = CoreMetrics.Counter(label: "hearth_shares_total", dimensions: [("result", "accepted")], factory: factory)
        rejected = CoreMetrics.Counter(label: "hearth_shares_total", dimensions: [("result", "rejected")], factory: factory)
        trips = CoreMetrics.Counter(label: "hearth_trips_total", factory: factory)
        tick = Metrics.Timer(label: "hearth_control_tick_seconds", factory: factory)
        lateTicks = CoreMetrics.Counter(label: "hearth_tick_late_total", factory: factory)
        maxLateness = CoreMetrics.Gauge(label: "hearth_tick_lateness_max_seconds", factory: factory)
        lateTicks.increment(by: 0)
        maxLateness.record(0)
    }

    public func record(_ s: StatusSnapshot) {
        for reading in Reading.allCases { set(reading, reading.value(in: s)) }
        target.record(s.target)
        if let v = s.power { power.record(v) }
        hashrate.record(s.hashrate)
        fanDuty.record(s.fanDuty / 100)
    }

    private func set(_ reading: Reading, _ value: Double?) {
        present.withLock { gauges in
            if let value, value.isFinite {
                let gauge = gauges[reading.rawValue] ?? registry.makeGauge(
                    descriptor: MetricNameDescriptor(metricName: reading.rawValue, unitName: "", helpText: reading.help))
                gauges[reading.rawValue] = gauge
                gauge.set(value)
            } else if let gauge = gauges.removeValue(forKey: reading.rawValue) {
                registry.unregisterGauge(gauge)
            }
        }
    }

    public func shares(accepted a: Int, rejected r: Int) {
        if a > 0 { accepted.increment(by: a) }
        if r > 0 { rejected.increment(by: r) }
    }

    public func trip() { trips.increment() }
    public func tickDuration(_ d: Duration) { tick.recordNanoseconds(Int64(d.components.seconds) * 1_000_000_000 + d.components.attoseconds / 1_000_000_000) }

    /// How late (wall clock) a tick started after its due time: the worst so far is a
    /// gauge, and each one past `lateTickBudget` counts, so a load test can read whether
    /// the API's clients delayed the control loop.
    public func tickLateness(_ d: Duration) {
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        if d > Self.lateTickBudget { lateTicks.increment() }
        let worst = worstLateness.withLock { w in
            w = max(w, seconds)
            return w
        }
        maxLateness.record(worst)
    }

    public func text() -> String { registry.emitToString() }
}

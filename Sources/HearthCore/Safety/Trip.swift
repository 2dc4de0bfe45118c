/// Which sensor a safety finding concerns.
public enum SensorRole: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case chipTemp = "chip_temp"
    case inletTemp = "inlet_temp"
    case roomTemp = "room_temp"
    case fan = "fan"
    case power = "power"

    public var description: String { rawValue }
}

/// The kind of a trip, with its stable string form.
public enum TripCode: String, Sendable, Hashable, Codable, CaseIterable {
    case chipOverTemperature = "chip_overtemp"
    case fanStall = "fan_stall"
    case coolingFailure = "cooling_failure"
    case sensorFailure = "sensor_failure"
    case staleReading = "stale_reading"
    case implausibleReading = "implausible_reading"
    case stuckSensor = "stuck_sensor"
    case actuatorFailure = "actuator_failure"
}

/// Why the supervisor latched the safe state.
public enum TripReason: Sendable, Hashable, CustomStringConvertible {
    case chipOverTemperature(Celsius)
    case fanStall(commanded: DutyCycle, measured: RPM)
    case coolingFailure(Celsius, Seconds)
    case sensorFailure(SensorRole, String)
    /// A slow or remote device's reading is older than the device allows.
    case staleReading(SensorRole, age: Seconds, limit: Seconds)
    case implausibleReading(SensorRole, String)
    case stuckSensor(SensorRole, Seconds)
    case actuatorFailure(String)

    public var kind: TripCode {
        switch self {
        case .chipOverTemperature: .chipOverTemperature
        case .fanStall: .fanStall
        case .coolingFailure: .coolingFailure
        case .sensorFailure: .sensorFailure
        case .staleReading: .staleReading
        case .implausibleReading: .implausibleReading
        case .stuckSensor: .stuckSensor
        case .actuatorFailure: .actuatorFailure
        }
    }

    /// The stable string form (API, metrics, logs).
    public var code: String { kind.rawValue }

    /// The sensor the finding names, when it names one.
    public var sensor: SensorRole? {
        switch self {
        case .sensorFailure(let s, _), .staleReading(let s, _, _), .implausibleReading(let s, _), .stuckSensor(let s, _): s
        case .chipOverTemperature, .fanStall, .coolingFailure, .actuatorFailure: nil
        }
    }

    public var description: String {
        switch self {
        case .chipOverTemperature(let t): "chip over-temperature: \(t)"
        case .fanStall(let d, let r): "fan stall: \(r) at \(d) duty"
        case .coolingFailure(let t, let w): "cooling failure: chip at \(t) and throttling with the fan at full duty for \(formatted(w.value, decimals: 0)) s"
        case .sensorFailure(let s, let e): "\(s.rawValue) read failed: \(e)"
        case .staleReading(let s, let age, let limit):
            "\(s.rawValue) stale: last reading \(formatted(age.value, decimals: 1)) s old, the device allows \(formatted(limit.value, decimals: 1)) s"
        case .implausibleReading(let s, let why): "\(s.rawValue) implausible: \(why)"
        case .stuckSensor(let s, let w): "\(s.rawValue) stuck: identical raw value for \(formatted(w.value, decimals: 0)) s"
        case .actuatorFailure(let e): "actuator failed: \(e)"
        }
    }
}

/// A latched trip: the safe state holds until a person clears it.
public struct Trip: Sendable, Hashable {
    public var time: Seconds
    public var reason: TripReason
    public init(time: Seconds, reason: TripReason) {
        self.time = time
        self.reason = reason
    }
}

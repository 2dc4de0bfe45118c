import HearthCore

/// A fault scheduled at a simulated time: `KIND[:SENSOR]@SECONDS`, e.g.
/// `fan-stall@3600`, `sensor-nack:room@7200`, `stuck-sensor@5000`.
public struct FaultInjection: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The fan rotor locks: speed falls to zero within a second, tach reads 0.
        case fanStall = "fan-stall"
        /// A sensor stops acknowledging on the I2C bus.
        case sensorNack = "sensor-nack"
        /// A sensor's register freezes at its last value.
        case stuckSensor = "stuck-sensor"
        /// One reading jumps by `FaultInjection.spike` (a glitch or a bad conversion).
        case sensorSpike = "sensor-spike"
        /// The power monitor stops answering.
        case powerLoss = "power-loss"
    }

    /// Size of a spike: within every sensor's range (an EMC2101 saturates at 127.875 °C,
    /// which it reports as a diode fault), far beyond any physical rate of change.
    public static let spike = Kelvin(40)

    public var kind: Kind
    /// Which sensor a sensor fault hits (chip temperature unless given).
    public var sensor: SensorRole
    public var at: Seconds

    public init(kind: Kind, sensor: SensorRole = .chipTemp, at: Seconds) {
        self.kind = kind
        self.sensor = kind == .powerLoss ? .power : (kind == .fanStall ? .fan : sensor)
        self.at = at
    }

    public var description: String {
        let s = (kind == .fanStall || kind == .powerLoss) ? "" : ":\(sensor.rawValue)"
        return "\(kind.rawValue)\(s)@\(formatted(at.value, decimals: 0))"
    }

    public static let sensorNames: [String: SensorRole] = [
        "chip": .chipTemp, "chip_temp": .chipTemp, "room": .roomTemp,
        "room_temp": .roomTemp, "inlet": .inletTemp, "inlet_temp": .inletTemp,
    ]

    /// Parses `KIND[:SENSOR]@SECONDS`; errors name the bad part and the allowed values.
    public static func parse(_ text: String) throws(FaultParseError) -> FaultInjection {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw FaultParseError(text: text, reason: "expected KIND[:SENSOR]@SECONDS, e.g. fan-stall@3600")
        }
        guard let seconds = Double(parts[1]), seconds.isFinite, seconds >= 0 else {
            throw FaultParseError(text: text, reason: "time '\(parts[1])' is not a number of seconds ≥ 0")
        }
        let head = parts[0].split(separator: ":", omittingEmptySubsequences: false)
        guard let kind = Kind(rawValue: String(head[0])) else {
            throw FaultParseError(text: text, reason: "unknown fault '\(head[0])'; allowed: "
                                  + Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var sensor = SensorRole.chipTemp
        if head.count == 2 {
            guard kind != .fanStall, kind != .powerLoss else {
                throw FaultParseError(text: text, reason: "\(kind.rawValue) takes no sensor")
            }
            guard let s = sensorNames[String(head[1])] else {
                throw FaultParseError(text: text, reason: "unknown sensor '\(head[1])'; allowed: chip, room, inlet")
            }
            sensor = s
        } else if head.count > 2 {
            throw FaultParseError(text: text, reason: "expected at most one ':SENSOR'")
        }
        return FaultInjection(kind: kind, sensor: sensor, at: Seconds(seconds))
    }
}

public struct FaultParseError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "--fault '\(text)': \(reason)" }
}

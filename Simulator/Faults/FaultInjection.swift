import HearthCore

/// A fault scheduled at a simulated time: `KIND[:SENSOR]@SECONDS`, e.g.
/// `fan-stall@3600`, `sensor-nack:room@7200`, `stuck-sensor@5000`, `bus-hang:chip@600`
/// (the bus that carries the chip sensor).
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
        /// The tach line is lost (broken wire, dead sense pin): it reads 0 rpm while the fan turns.
        case tachLoss = "tach-loss"
        /// The air path is blocked (a cloth over the intake, a clogged filter): the rotor
        /// spins at its normal speed, the tach reads normal, but the heatsink gets only
        /// natural convection.
        case fanBlocked = "fan-blocked"
        /// The chip sensor comes off the heatsink (a lifted pad, a cracked joint): its
        /// reading glides to the surrounding air at `FaultInjection.detachRate`, slower than
        /// the plausibility rate, so only physics can tell it from a cool chip.
        case sensorLow = "sensor-low"
        /// The chip sensor drifts low at `FaultInjection.driftRate` (a failing reference,
        /// a diode's ideality factor changing).
        case sensorDrift = "sensor-drift"
        /// The power monitor reads `FaultInjection.powerScale` of the truth (a wrong shunt
        /// calibration after a firmware reset).
        case powerWrong = "power-wrong"
        /// The I2C bus carrying the sensor stops completing transfers (a wedged slave holds
        /// SDA low): every transfer on it fails after the adapter's timeout (`VirtualI2CBus.hung`).
        case busHang = "bus-hang"
        /// The hash chain stops answering and hashing (a dead core regulator, a cracked joint):
        /// `VirtualBM13xxMisbehaviour.silent` on boards with `[asic]`.
        case chipSilent = "chip-silent"
        /// Line noise on the chain's UART corrupts every reply (a broken ground, a failing level
        /// shifter); the chips still hash and heat, their replies fail the CRC.
        case crcStorm = "crc-storm"
        /// The same noise for `FaultInjection.crcBurstLength` only (a relay switching nearby).
        case crcBurst = "crc-burst"
    }

    /// Kinds that take no `:SENSOR` (the part they hit is fixed).
    /// The hash-chain kinds name no sensor; they carry the chip role only as a placeholder.
    public static let fixedRole: [Kind: SensorRole] = [
        .fanStall: .fan, .tachLoss: .fan, .fanBlocked: .fan, .powerLoss: .power, .powerWrong: .power,
        .chipSilent: .chipTemp, .crcStorm: .chipTemp, .crcBurst: .chipTemp,
    ]
    /// Kinds that hit the BM13xx chain (boards with `[asic]`).
    public static let chainKinds: Set<Kind> = [.chipSilent, .crcStorm, .crcBurst]
    /// How long a `crc-burst` lasts: inside the driver's 5 s silence limit with its 1 s heartbeat
    /// and a tick's reply latency (3 s of garbage already reads as a dead chain).
    public static let crcBurstLength = Seconds(2)
    /// Kinds that hit only the chip sensor (the room has no physics to check them against).
    public static let chipOnly: Set<Kind> = [.sensorLow, .sensorDrift]

    /// How fast a detached sensor's reading falls to the air: well under the 8 K/s plausibility rate.
    public static let detachRate = 4.0          // K/s
    /// A drift fast enough to matter within a run: 1 K per minute.
    public static let driftRate = 1.0 / 60      // K/s
    /// What a mis-calibrated power monitor shows of the real power.
    public static let powerScale = 0.5

    /// Size of a spike: within every sensor's range (an EMC2101 saturates at 127.875 °C,
    /// which it reports as a diode fault), far beyond any physical rate of change.
    public static let spike = Kelvin(40)

    public var kind: Kind
    /// Which sensor a sensor fault hits (chip temperature unless given).
    public var sensor: SensorRole
    public var at: Seconds

    public init(kind: Kind, sensor: SensorRole = .chipTemp, at: Seconds) {
        self.kind = kind
        self.sensor = Self.fixedRole[kind] ?? (Self.chipOnly.contains(kind) ? .chipTemp : sensor)
        self.at = at
    }

    public var description: String {
        let s = Self.fixedRole[kind] != nil ? "" : ":\(sensor.rawValue)"
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
            guard Self.fixedRole[kind] == nil else {
                throw FaultParseError(text: text, reason: "\(kind.rawValue) takes no sensor")
            }
            guard let s = sensorNames[String(head[1])] else {
                throw FaultParseError(text: text, reason: "unknown sensor '\(head[1])'; allowed: chip, room, inlet")
            }
            guard !Self.chipOnly.contains(kind) || s == .chipTemp else {
                throw FaultParseError(text: text, reason: "\(kind.rawValue) applies to the chip sensor only")
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

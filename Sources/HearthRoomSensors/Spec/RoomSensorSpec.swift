import HearthCore

/// One room temperature source as the owner wrote it: `--room-sensor SPEC` or a
/// `[[room_sensor]]` entry. Parsed by `RoomSensorSpec(parsing:)`; `description` gives it
/// back in canonical form with any password hidden.
public struct RoomSensorSpec: Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable {
        /// A topic on an MQTT broker (Zigbee2MQTT, Home Assistant, Tasmota, ESPHome…).
        case mqtt(MQTTSensorAddress)
        /// Values POSTed to the daemon's `/v1/room-temperature`.
        case push
        /// A sensor chip on an I²C bus of this machine.
        case i2c(I2CSensorAddress)
        /// The miner's own inlet sensor plus an offset: the last resort.
        case inlet(offset: Kelvin)

        /// The kind as a word for status lines and errors.
        public var kind: String {
            switch self {
            case .mqtt: "mqtt"
            case .push: "push"
            case .i2c: "i2c"
            case .inlet: "inlet"
            }
        }
    }

    public var source: Source
    /// Unique among the sensors; from `?name=` or derived from the source.
    public var name: String
    /// Silent longer than this (no good value) and the source no longer counts.
    public var staleAfter: Seconds
    /// Lower goes first in priority mode; nil: after every source that has one, in the order given.
    public var priority: Int?
    /// How often an I²C sensor is read (I²C only).
    public var pollInterval: Seconds?
    /// True when the name came from `?name=` (the canonical form then repeats it).
    public var hasExplicitName: Bool

    public init(source: Source, name: String? = nil, staleAfter: Seconds? = nil, priority: Int? = nil,
                pollInterval: Seconds? = nil) {
        self.source = source
        self.name = name ?? Self.defaultName(for: source)
        self.hasExplicitName = name != nil
        self.staleAfter = staleAfter ?? Self.defaultStaleAfter(for: source)
        self.priority = priority
        if case .i2c = source { self.pollInterval = pollInterval ?? Self.defaultI2CPollInterval } else { self.pollInterval = nil }
    }

    /// The inlet is the miner's own air intake: never better than a real room sensor.
    public var isLastResort: Bool {
        if case .inlet = source { return true }
        return false
    }

    /// A Zigbee or Wi-Fi sensor reports on change (0.1…0.5 °C) or every few minutes, so
    /// several minutes of silence are normal; a chip on this machine's bus is read every
    /// few seconds, so half a minute without a value means it is gone.
    public static func defaultStaleAfter(for source: Source) -> Seconds {
        switch source {
        case .mqtt, .push: Seconds(900)
        case .i2c: Seconds(30)
        case .inlet: Seconds(60)
        }
    }

    public static let defaultI2CPollInterval = Seconds(2)
    public static let staleRange = Seconds(5)...Seconds(86_400)
    public static let priorityRange = 0...99
    public static let pollIntervalRange = Seconds(0.5)...Seconds(3_600)
    /// Beyond this the "room" reading is a guess about another room.
    public static let inletOffsetRange = Kelvin(-20)...Kelvin(20)

    static func defaultName(for source: Source) -> String {
        switch source {
        case .mqtt(let a): "mqtt \(a.topic)" + (a.field.map { "#\($0)" } ?? "")
        case .push: "push"
        case .i2c(let a): "\(a.bus) 0x\(hexByte(a.address)) \(a.driver.rawValue)"
        case .inlet(let offset): "inlet \(signed(offset.value)) K"
        }
    }

    /// The spec in canonical form (what parses back to the same value), password hidden.
    public var description: String {
        var text: String
        switch source {
        case .mqtt(let a): text = a.description
        case .push: text = "push"
        case .i2c(let a): text = "i2c:\(a.bus):0x\(hexByte(a.address)):\(a.driver.rawValue)"
        case .inlet(let offset): text = "inlet:\(signed(offset.value))K"
        }
        var options: [String] = []
        if hasExplicitName { options.append("name=\(name)") }
        if staleAfter != Self.defaultStaleAfter(for: source) { options.append("stale=\(plain(staleAfter.value))") }
        if let priority { options.append("priority=\(priority)") }
        if let pollInterval, pollInterval != Self.defaultI2CPollInterval { options.append("interval=\(plain(pollInterval.value))") }
        if !options.isEmpty {
            // The field is a URL fragment: options go before it.
            if case .mqtt(let a) = source, let field = a.field {
                text = String(text.dropLast(field.count + 1)) + "?" + options.joined(separator: "&") + "#" + field
            } else {
                text += "?" + options.joined(separator: "&")
            }
        }
        return text
    }
}

/// Where an MQTT room sensor publishes. `description`, `debugDescription` and `dump` hide the password.
public struct MQTTSensorAddress: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var topic: String
    /// Dotted path into a JSON payload (`temperature`, `SI7021.Temperature`); nil: a bare
    /// number, or JSON with `temperature` at the top (Zigbee2MQTT).
    public var field: String?

    public init(host: String, port: Int = 1883, username: String? = nil, password: String? = nil, topic: String,
                field: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.topic = topic
        self.field = field
    }

    /// `host:port` as logs name the broker.
    public var broker: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public var description: String {
        var credentials = ""
        if let username {
            credentials = percentEncoded(username) + (password == nil ? "" : ":<hidden>") + "@"
        }
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "mqtt://\(credentials)\(hostText)\(port == 1883 ? "" : ":\(port)")/\(topic)" + (field.map { "#\($0)" } ?? "")
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

/// A sensor chip on an I²C bus.
public struct I2CSensorAddress: Sendable, Hashable {
    /// Bus name as board files write it ("i2c-1") or a device path ("/dev/i2c-1").
    public var bus: String
    public var address: UInt8
    public var driver: I2CSensorDriver

    public init(bus: String, address: UInt8, driver: I2CSensorDriver) {
        self.bus = bus
        self.address = address
        self.driver = driver
    }
}

/// The chips an I²C room sensor may be.
public enum I2CSensorDriver: String, Sendable, Hashable, CaseIterable {
    case tmp75, lm75, tmp1075, sht3x, sht4x, bme280

    /// The addresses the part can answer at (nil: any, through its address pins).
    public var possibleAddresses: [UInt8]? {
        switch self {
        case .sht3x: [0x44, 0x45]
        case .sht4x: [0x44, 0x45, 0x46]
        case .bme280: [0x76, 0x77]
        case .tmp75, .lm75, .tmp1075: nil
        }
    }
}

func hexByte(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}

/// "-2", "+1.5", "0": an offset with its sign.
func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + plain(x) }

/// Shortest decimal text for a value typed by a person ("900", "1.5").
func plain(_ x: Double) -> String {
    let text = "\(x)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

import HearthCore

/// Sensor/actuator chips Hearth has drivers for.
public enum SensorDriver: String, Sendable, Hashable, CaseIterable {
    case tmp75, tmp1075, lm75, emc2101, ina260

    /// Roles each driver can fill.
    public var allowedRoles: [SensorRole] {
        switch self {
        case .tmp75, .tmp1075, .lm75: [.chipTemperature, .inletTemperature, .roomTemperature]
        case .emc2101: [.fanSpeed, .chipTemperature, .inletTemperature]
        case .ina260: [.power]
        }
    }
}

/// One chip on an I2C bus and what it measures or drives for this board.
public struct I2CDeviceSpec: Sendable, Hashable {
    public var bus: String
    public var driver: SensorDriver
    public var address: UInt8
    public var roles: [SensorRole]
    public init(bus: String, driver: SensorDriver, address: UInt8, roles: [SensorRole]) {
        self.bus = bus
        self.driver = driver
        self.address = address
        self.roles = roles
    }
}

/// GPIO functions a board may wire.
public enum GPIOFunction: String, Sendable, Hashable, CaseIterable {
    case asicEnable = "asic_enable", asicReset = "asic_reset", powerGood = "power_good", fanTach = "fan_tach"
}

public struct GPIOSpec: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable { case input, output }
    public var function: GPIOFunction
    public var chip: String
    public var line: Int
    public var direction: Direction
    public var activeLow: Bool
    public var safeToToggle: Bool
    public init(function: GPIOFunction, chip: String, line: Int, direction: Direction, activeLow: Bool = false,
                safeToToggle: Bool = false) {
        self.function = function
        self.chip = chip
        self.line = line
        self.direction = direction
        self.activeLow = activeLow
        self.safeToToggle = safeToToggle
    }
}

public struct PWMSpec: Sendable, Hashable {
    public var chip: String
    public var channel: Int
    public var periodNanoseconds: UInt64
    public var inverted: Bool
    public init(chip: String, channel: Int, periodNanoseconds: UInt64, inverted: Bool = false) {
        self.chip = chip
        self.channel = channel
        self.periodNanoseconds = periodNanoseconds
        self.inverted = inverted
    }
}

public struct UARTSpec: Sendable, Hashable {
    public var device: String
    public var baud: Int
    public init(device: String, baud: Int) {
        self.device = device
        self.baud = baud
    }
}

/// How a board is wired: which driver sits where.
public struct BoardWiring: Sendable, Hashable {
    public var i2cDevices: [I2CDeviceSpec]
    public var gpios: [GPIOSpec]
    public var fanPWM: PWMSpec?
    public var uart: UARTSpec?
    public init(i2cDevices: [I2CDeviceSpec], gpios: [GPIOSpec] = [], fanPWM: PWMSpec? = nil, uart: UARTSpec? = nil) {
        self.i2cDevices = i2cDevices
        self.gpios = gpios
        self.fanPWM = fanPWM
        self.uart = uart
    }

    public func device(for role: SensorRole) -> I2CDeviceSpec? { i2cDevices.first { $0.roles.contains(role) } }
    public func gpio(_ f: GPIOFunction) -> GPIOSpec? { gpios.first { $0.function == f } }
    public var busNames: [String] { Array(Set(i2cDevices.map(\.bus))).sorted() }
}

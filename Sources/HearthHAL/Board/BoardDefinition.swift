import HearthCore

/// Everything a board file says: the controller's profile, the wiring and the
/// simulator's parameters. Only produced by `BoardLoader` after full validation.
public struct BoardDefinition: Sendable, Hashable {
    public var profile: BoardProfile
    /// Hash chip model, informative ("BM1366").
    public var chip: String
    public var chipCount: Int
    /// Where the figures come from (URLs, datasheets).
    public var sources: [String]
    public var roomNote: String?
    public var i2cDevices: [I2CDeviceSpec]
    public var gpios: [GPIOSpec]
    public var fanPWM: FanPWMSpec?
    public var uart: UARTSpec?
    /// The BM13xx chips on `uart`, when the board file has an `[asic]` section.
    public var asic: ASICSpec?
    public var simulation: SimulationParameters
    /// `[core_voltage]`: whether and how the core voltage can be set (nil: the file does not say).
    public var coreVoltage: CoreVoltageSpec?
    /// File the definition was loaded from (for messages).
    public var path: String

    public init(profile: BoardProfile, chip: String, chipCount: Int, sources: [String], roomNote: String?,
                i2cDevices: [I2CDeviceSpec], gpios: [GPIOSpec], fanPWM: FanPWMSpec?, uart: UARTSpec?,
                simulation: SimulationParameters, path: String) {
        self.profile = profile
        self.chip = chip
        self.chipCount = chipCount
        self.sources = sources
        self.roomNote = roomNote
        self.i2cDevices = i2cDevices
        self.gpios = gpios
        self.fanPWM = fanPWM
        self.uart = uart
        self.simulation = simulation
        self.path = path
    }

    public var id: String { profile.id }

    /// The I2C device that provides `role`, if any.
    public func device(for role: SensorRole) -> I2CDeviceSpec? {
        i2cDevices.first { $0.roles.contains(role) }
    }

    public func gpio(_ function: GPIOFunction) -> GPIOSpec? {
        gpios.first { $0.function == function }
    }
}

/// Chip drivers a board file may name.
public enum I2CDriverKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case tmp75, tmp1075, lm75, emc2101, ina260

    public var description: String { rawValue }

    /// Roles this chip can provide (BOARD_FORMAT.md).
    public var allowedRoles: [SensorRole] {
        switch self {
        case .tmp75, .tmp1075, .lm75: [.chipTemp, .inletTemp, .roomTemp]
        case .emc2101: [.fan, .chipTemp, .inletTemp]
        case .ina260: [.power]
        }
    }
}

/// One `[[i2c_device]]` entry.
public struct I2CDeviceSpec: Sendable, Hashable, CustomStringConvertible {
    public var bus: String
    public var driver: I2CDriverKind
    public var address: UInt8
    public var roles: [SensorRole]

    public init(bus: String, driver: I2CDriverKind, address: UInt8, roles: [SensorRole]) {
        self.bus = bus
        self.driver = driver
        self.address = address
        self.roles = roles
    }

    /// "emc2101 on i2c-1 at 0x4c", used in every assembly error.
    public var description: String { "\(driver) on \(bus) at 0x\(hex(address))" }
}

/// What a GPIO line is for; the `name` key of `[[gpio]]`.
public enum GPIOFunction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case asicEnable = "asic_enable"
    case asicReset = "asic_reset"
    case powerGood = "power_good"
    case fanTach = "fan_tach"

    public var description: String { rawValue }
    /// The direction the function implies: outputs drive the hash board, inputs sense it.
    public var requiredDirection: GPIODirection {
        switch self {
        case .asicEnable, .asicReset: .output
        case .powerGood, .fanTach: .input
        }
    }
}

public enum GPIODirection: String, Sendable, Hashable, CaseIterable {
    case input, output
}

/// One `[[gpio]]` entry.
public struct GPIOSpec: Sendable, Hashable {
    public var function: GPIOFunction
    public var chip: String
    public var line: Int
    public var direction: GPIODirection
    public var activeLow: Bool
    public var safeToToggle: Bool

    public init(function: GPIOFunction, chip: String, line: Int, direction: GPIODirection,
                activeLow: Bool = false, safeToToggle: Bool = false) {
        self.function = function
        self.chip = chip
        self.line = line
        self.direction = direction
        self.activeLow = activeLow
        self.safeToToggle = safeToToggle
    }
}

/// `[fan_pwm]`: a fan driven by a PWM channel instead of an EMC2101.
public struct FanPWMSpec: Sendable, Hashable {
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

/// `[uart]`: the hash-chip serial port.
public struct UARTSpec: Sendable, Hashable {
    public var device: String
    public var baud: Int

    public init(device: String, baud: Int) {
        self.device = device
        self.baud = baud
    }
}

import HearthHAL
import HearthCore

/// The hardware half of a board file: `[[i2c_device]]`, `[[gpio]]`,
/// `[fan_pwm]`, `[uart]`, and the cross-checks between them (unique
/// addresses and lines, roles allowed per driver, required roles present).
enum WiringParser {
    struct Wiring {
        var devices: [I2CDeviceSpec] = []
        var gpios: [GPIOSpec] = []
        var fanPWM: FanPWMSpec?
        var uart: UARTSpec?
    }

    static func parse(_ r: TOMLTableReader) throws(BoardFileError) -> Wiring {
        var w = Wiring()
        w.devices = try parseDevices(r)
        w.gpios = try parseGPIOs(r)
        if let t = try r.optionalTable("fan_pwm") {
            try t.rejectUnknownKeys(["chip", "channel", "period_ns", "inverted"])
            w.fanPWM = FanPWMSpec(chip: try t.string("chip"),
                                  channel: try t.integer("channel", in: 0...Int.max, rangeText: "≥ 0"),
                                  periodNanoseconds: UInt64(try t.integer("period_ns", in: 1...Int.max, rangeText: "> 0")),
                                  inverted: try t.optionalBool("inverted") ?? false)
        }
        if let t = try r.optionalTable("uart") {
            try t.rejectUnknownKeys(["device", "baud"])
            w.uart = UARTSpec(device: try t.string("device"), baud: try t.integer("baud", in: 1...Int.max, rangeText: "> 0"))
        }
        try checkRequiredRoles(w, r)
        return w
    }

    static func parseDevices(_ r: TOMLTableReader) throws(BoardFileError) -> [I2CDeviceSpec] {
        var devices: [(I2CDeviceSpec, TOMLTableReader)] = []
        var roleOwner: [SensorRole: String] = [:]
        let allowedDrivers = I2CDriverKind.allCases.map(\.rawValue).joined(separator: ", ")
        for e in try r.tableArray("i2c_device") {
            try e.rejectUnknownKeys(["bus", "driver", "address", "roles"])
            let bus = try e.string("bus")
            let driverName = try e.string("driver")
            guard let driver = I2CDriverKind(rawValue: driverName) else {
                throw e.fail(.notAllowed, "driver", "unknown driver \"\(driverName)\"; allowed: \(allowedDrivers)")
            }
            let address = try e.integer("address", in: 0x08...0x77, rangeText: "in 0x08…0x77")
            if let other = devices.first(where: { $0.0.bus == bus && Int($0.0.address) == address }) {
                throw e.fail(.duplicate, "address", "bus \"\(bus)\" address 0x\(hex(UInt8(address))) is already used by \(other.1.path)")
            }
            let names = try e.stringArray("roles", nonEmpty: true)
            var roles: [SensorRole] = []
            for (i, name) in names.enumerated() {
                let key = "\(e.keyPath("roles"))[\(i)]"
                let allowed = driver.allowedRoles.map(\.rawValue).joined(separator: ", ")
                guard let role = SensorRole(rawValue: name), driver.allowedRoles.contains(role) else {
                    throw r.context.error(.notAllowed, key, "role \"\(name)\" not allowed for \(driver); allowed: \(allowed)")
                }
                if let owner = roleOwner[role] {
                    throw r.context.error(.duplicate, key, "role \"\(name)\" is already provided by \(owner)")
                }
                roleOwner[role] = e.path
                roles.append(role)
            }
            devices.append((I2CDeviceSpec(bus: bus, driver: driver, address: UInt8(address), roles: roles), e))
        }
        return devices.map(\.0)
    }

    static func parseGPIOs(_ r: TOMLTableReader) throws(BoardFileError) -> [GPIOSpec] {
        var gpios: [(GPIOSpec, TOMLTableReader)] = []
        let functions = GPIOFunction.allCases.map(\.rawValue).joined(separator: ", ")
        for e in try r.tableArray("gpio") {
            try e.rejectUnknownKeys(["name", "chip", "line", "direction", "active_low", "safe_to_toggle"])
            let name = try e.string("name")
            guard let function = GPIOFunction(rawValue: name) else {
                throw e.fail(.notAllowed, "name", "unknown gpio \"\(name)\"; allowed: \(functions)")
            }
            if let other = gpios.first(where: { $0.0.function == function }) {
                throw e.fail(.duplicate, "name", "gpio \"\(name)\" is already defined by \(other.1.path)")
            }
            let chip = try e.string("chip")
            let line = try e.integer("line", in: 0...Int.max, rangeText: "≥ 0")
            if let other = gpios.first(where: { $0.0.chip == chip && $0.0.line == line }) {
                throw e.fail(.duplicate, "line", "\(chip) line \(line) is already used by \(other.1.path)")
            }
            let directionName = try e.string("direction")
            guard let direction = GPIODirection(rawValue: directionName) else {
                throw e.fail(.notAllowed, "direction", "unknown direction \"\(directionName)\"; allowed: output, input")
            }
            guard direction == function.requiredDirection else {
                throw e.fail(.notAllowed, "direction", "\(name) must be an \(function.requiredDirection.rawValue), found \"\(directionName)\"")
            }
            let spec = GPIOSpec(function: function, chip: chip, line: line, direction: direction,
                                activeLow: try e.optionalBool("active_low") ?? false,
                                safeToToggle: try e.optionalBool("safe_to_toggle") ?? false)
            gpios.append((spec, e))
        }
        return gpios.map(\.0)
    }

    /// chip_temp and room_temp must come from a device; the fan from an
    /// EMC2101 or from [fan_pwm] (with or without a fan_tach line), not both.
    /// A fan without a tach is allowed (the PiAxe's has none): its stall then
    /// shows only as heat, which the over-temperature trip catches.
    static func checkRequiredRoles(_ w: Wiring, _ r: TOMLTableReader) throws(BoardFileError) {
        let provided = Set(w.devices.flatMap(\.roles))
        for role in [SensorRole.chipTemp, .roomTemp] where !provided.contains(role) {
            throw r.fail(.missingKey, "i2c_device", "no [[i2c_device]] provides the required role \"\(role)\"")
        }
        switch (provided.contains(.fan), w.fanPWM != nil) {
        case (true, true):
            throw r.fail(.inconsistent, "fan_pwm", "the fan is already driven by an emc2101 with role \"fan\"; remove one")
        case (false, false):
            throw r.fail(.missingKey, "i2c_device", "no fan: add an emc2101 with role \"fan\", or a [fan_pwm] table")
        default:
            break
        }
    }
}

import HearthCore

/// A heater-miner built from drivers on buses, as a board file describes it.
/// The same assembly runs on Linux, on the simulator and on mocks.
public final class AssembledHeaterMiner: HeaterMiner {
    /// Where one temperature comes from.
    private enum TemperatureSource {
        case lm75Family(TMP75)
        case emc2101External(EMC2101)
        case emc2101Internal(EMC2101)
    }
    private enum FanDrive {
        case emc2101(EMC2101)
        case pwm(any PWMChannel)
    }

    public let profile: BoardProfile
    private let hashBoard: any HashBoardControl
    private var temperatures: [SensorRole: (source: TemperatureSource, label: String)] = [:]
    private var tach: (chip: EMC2101, label: String)?
    private var powerMonitor: (chip: INA260, label: String)?
    private var fanDrive: FanDrive?
    private var pwmSpec: PWMSpec?
    private var enableLine: (any GPIOLine)?
    private var emc2101s: [EMC2101] = []
    private var tmp75s: [TMP75] = []
    private var appliedPoint: Int?
    private var appliedHashing: Bool?

    public init(board: BoardDefinition, buses: BoardBuses, hashBoard: any HashBoardControl) throws(BusError) {
        self.profile = board.profile
        self.hashBoard = hashBoard
        for spec in board.wiring.i2cDevices {
            let bus = try buses.i2c(spec.bus)
            let label = "\(spec.driver.rawValue) at \(bus.name) 0x\(hex(spec.address))"
            switch spec.driver {
            case .tmp75, .tmp1075, .lm75:
                let chip = TMP75(bus: bus, address: spec.address, variant: TMP75.Variant(rawValue: spec.driver.rawValue) ?? .tmp75)
                tmp75s.append(chip)
                for role in spec.roles { temperatures[role] = (.lm75Family(chip), label) }
            case .emc2101:
                let chip = EMC2101(bus: bus, address: spec.address)
                emc2101s.append(chip)
                for role in spec.roles {
                    switch role {
                    case .fanSpeed:
                        tach = (chip, label)
                        fanDrive = .emc2101(chip)
                    case .inletTemperature: temperatures[role] = (.emc2101Internal(chip), label)
                    default: temperatures[role] = (.emc2101External(chip), label)
                    }
                }
            case .ina260:
                powerMonitor = (INA260(bus: bus, address: spec.address), label)
            }
        }
        if let spec = board.wiring.fanPWM {
            fanDrive = .pwm(try buses.pwm(spec))
            pwmSpec = spec
        }
        if let enable = board.wiring.gpio(.asicEnable) { enableLine = try buses.gpio(enable) }
    }

    /// Set up every chip (resolution, fan mode, identity checks). Errors name the device.
    public func configure() throws(BusError) {
        for chip in tmp75s { try chip.configure() }
        for chip in emc2101s {
            try chip.identify()
            try chip.configure()
        }
        try powerMonitor?.chip.identify()
        if case .pwm(let channel) = fanDrive, let spec = pwmSpec {
            try channel.configure(periodNanoseconds: spec.periodNanoseconds, inverted: spec.inverted)
            try channel.setEnabled(true)
        }
    }

    private func temperature(_ role: SensorRole) -> Reading<Celsius>? {
        guard let (source, label) = temperatures[role] else { return nil }
        do {
            switch source {
            case .lm75Family(let chip):
                let r = try chip.readTemperature()
                return Reading(r.temperature, raw: UInt32(r.raw))
            case .emc2101External(let chip):
                let r = try chip.readExternalTemperature()
                return Reading(r.temperature, raw: UInt32(r.raw))
            case .emc2101Internal(let chip):
                let t = try chip.readInternalTemperature()
                return Reading(t, raw: UInt32(bitPattern: Int32(t.value)))
            }
        } catch {
            return .failed(label, error.description)
        }
    }

    public func read() -> DeviceReadings {
        var fan: Reading<RPM>?
        if let (chip, label) = tach {
            do { let r = try chip.readFanSpeed(); fan = Reading(r.speed, raw: UInt32(r.raw)) }
            catch { fan = .failed(label, error.description) }
        }
        var power: Reading<Watts>?
        if let (chip, label) = powerMonitor {
            do { let r = try chip.readPower(); power = Reading(r.power, raw: UInt32(r.raw)) }
            catch { power = .failed(label, error.description) }
        }
        return DeviceReadings(
            chipTemperature: temperature(.chipTemperature) ?? .failed("chip_temp", "no sensor wired"),
            inletTemperature: temperature(.inletTemperature),
            roomTemperature: temperature(.roomTemperature) ?? .failed("room_temp", "no sensor wired"),
            fanSpeed: fan, power: power)
    }

    public func apply(_ command: DeviceCommand) throws(BusError) {
        // Fan first: on the way to the safe state, airflow matters most.
        switch fanDrive {
        case .emc2101(let chip): try chip.setFanDuty(command.fanDuty)
        case .pwm(let channel): try channel.setDuty(command.fanDuty)
        case nil: break
        }
        if command.hashing, profile.operatingPoints.indices.contains(command.operatingPoint),
           appliedPoint != command.operatingPoint {
            try hashBoard.setOperatingPoint(profile.operatingPoints[command.operatingPoint])
            appliedPoint = command.operatingPoint
        }
        if appliedHashing != command.hashing {
            try hashBoard.setHashing(command.hashing)
            try enableLine?.set(command.hashing)
            appliedHashing = command.hashing
        }
    }
}

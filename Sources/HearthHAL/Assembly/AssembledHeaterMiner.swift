import HearthCore

/// A heater-miner built from drivers on buses, as a board file describes it.
/// The same assembly runs on Linux, on the simulator and on mocks.
public final class AssembledHeaterMiner: HeaterMiner {
    public let profile: BoardProfile
    private let hashBoard: any HashBoardControl
    private var temperatureReaders: [SensorRole: () throws(BusError) -> (Celsius, UInt32)] = [:]
    private var fanReader: (() throws(BusError) -> (RPM, UInt32))?
    private var powerReader: (() throws(BusError) -> (Watts, UInt32))?
    private var fanWriter: (DutyCycle) throws(BusError) -> Void = { _ in }
    private var enableLine: (any GPIOLine)?
    private var labels: [SensorRole: String] = [:]
    private var appliedPoint: Int?
    private var appliedHashing: Bool?
    private let configureSteps: [() throws(BusError) -> Void]

    public init(board: BoardDefinition, buses: BoardBuses, hashBoard: any HashBoardControl) throws(BusError) {
        self.profile = board.profile
        self.hashBoard = hashBoard
        var steps: [() throws(BusError) -> Void] = []
        for spec in board.wiring.i2cDevices {
            let bus = try buses.i2c(spec.bus)
            let label = "\(spec.driver.rawValue)@\(bus.name):0x\(hex(spec.address))"
            for role in spec.roles { labels[role] = label }
            switch spec.driver {
            case .tmp75, .tmp1075, .lm75:
                let variant = TMP75.Variant(rawValue: spec.driver.rawValue) ?? .tmp75
                let chip = TMP75(bus: bus, address: spec.address, variant: variant)
                steps.append { () throws(BusError) in try chip.configure() }
                for role in spec.roles {
                    temperatureReaders[role] = { () throws(BusError) in
                        let r = try chip.readTemperature(); return (r.temperature, UInt32(r.raw))
                    }
                }
            case .emc2101:
                let chip = EMC2101(bus: bus, address: spec.address)
                steps.append { () throws(BusError) in try chip.identify(); try chip.configure() }
                for role in spec.roles {
                    switch role {
                    case .fanSpeed:
                        fanReader = { () throws(BusError) in let r = try chip.readFanSpeed(); return (r.speed, UInt32(r.raw)) }
                        fanWriter = { (d: DutyCycle) throws(BusError) in try chip.setFanDuty(d) }
                    case .inletTemperature:
                        temperatureReaders[role] = { () throws(BusError) in
                            let t = try chip.readInternalTemperature(); return (t, UInt32(bitPattern: Int32(t.value)))
                        }
                    default:
                        temperatureReaders[role] = { () throws(BusError) in
                            let r = try chip.readExternalTemperature(); return (r.temperature, UInt32(r.raw))
                        }
                    }
                }
            case .ina260:
                let chip = INA260(bus: bus, address: spec.address)
                steps.append { () throws(BusError) in try chip.identify() }
                powerReader = { () throws(BusError) in let r = try chip.readPower(); return (r.power, UInt32(r.raw)) }
            }
        }
        if let pwmSpec = board.wiring.fanPWM {
            let channel = try buses.pwm(pwmSpec)
            steps.append { () throws(BusError) in
                try channel.configure(periodNanoseconds: pwmSpec.periodNanoseconds, inverted: pwmSpec.inverted)
                try channel.setEnabled(true)
            }
            fanWriter = { (d: DutyCycle) throws(BusError) in try channel.setDuty(d) }
        }
        if let enable = board.wiring.gpio(.asicEnable) { enableLine = try buses.gpio(enable) }
        configureSteps = steps
    }

    /// Set up every chip (resolution, fan mode, identity checks). Throws naming the device.
    public func configure() throws(BusError) {
        for step in configureSteps { try step() }
    }

    private func temperature(_ role: SensorRole) -> Reading<Celsius>? {
        guard let read = temperatureReaders[role] else { return nil }
        do {
            let (t, raw) = try read()
            return Reading(t, raw: raw)
        } catch {
            return .failed(labels[role] ?? role.rawValue, error.description)
        }
    }

    public func read() -> DeviceReadings {
        let fan: Reading<RPM>? = fanReader.map { read in
            do { let (r, raw) = try read(); return Reading(r, raw: raw) }
            catch { return .failed(labels[.fanSpeed] ?? "fan", error.description) }
        }
        let power: Reading<Watts>? = powerReader.map { read in
            do { let (p, raw) = try read(); return Reading(p, raw: raw) }
            catch { return .failed(labels[.power] ?? "power", error.description) }
        }
        return DeviceReadings(
            chipTemperature: temperature(.chipTemperature) ?? .failed("chip_temp", "no sensor wired"),
            inletTemperature: temperature(.inletTemperature),
            roomTemperature: temperature(.roomTemperature) ?? .failed("room_temp", "no sensor wired"),
            fanSpeed: fan, power: power)
    }

    public func apply(_ command: DeviceCommand) throws(BusError) {
        // Fan first: when going to the safe state the airflow matters most.
        try fanWriter(command.fanDuty)
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

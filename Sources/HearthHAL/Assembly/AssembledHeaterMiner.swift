import HearthCore

/// A heater-miner built from a board file: chip drivers on the buses the
/// board names, plus the hash board. Call `configure()` once before use.
public final class AssembledHeaterMiner: HeaterMiner {
    public let board: BoardDefinition
    public var profile: BoardProfile { board.profile }

    enum Driver {
        case temperature(TMP75)
        case fanController(EMC2101)
        case powerMonitor(INA260)
    }

    private let devices: [(spec: I2CDeviceSpec, driver: Driver)]
    private let hashBoard: any HashBoardControl
    private let fanPWM: (any PWMChannel)?
    private let tachometer: (any Tachometer)?
    private let asicEnable: (spec: GPIOSpec, line: any GPIOLine)?
    // Last state sent to the hash board: UART commands are not free, so only changes are sent.
    private var appliedPoint: Int?
    private var appliedHashing: Bool?

    /// Open every bus and line the board names and build the drivers. Nothing is written yet.
    public init(board: BoardDefinition, buses: any BusProvider, hashBoard: any HashBoardControl) throws(BoardAssemblyError) {
        self.board = board
        self.hashBoard = hashBoard
        var devices: [(I2CDeviceSpec, Driver)] = []
        for spec in board.i2cDevices {
            let bus: any I2CBus
            do { bus = try buses.i2cBus(named: spec.bus) } catch {
                throw BoardAssemblyError(device: spec.description, step: "open bus", reason: error.description)
            }
            switch spec.driver {
            case .tmp75: devices.append((spec, .temperature(TMP75(bus: bus, address: spec.address, variant: .tmp75))))
            case .lm75: devices.append((spec, .temperature(TMP75(bus: bus, address: spec.address, variant: .lm75))))
            case .tmp1075: devices.append((spec, .temperature(TMP75(bus: bus, address: spec.address, variant: .tmp1075))))
            case .emc2101: devices.append((spec, .fanController(EMC2101(bus: bus, address: spec.address))))
            case .ina260: devices.append((spec, .powerMonitor(INA260(bus: bus, address: spec.address))))
            }
        }
        self.devices = devices
        if let pwm = board.fanPWM {
            do { fanPWM = try buses.pwmChannel(pwm) } catch {
                throw BoardAssemblyError(device: "fan_pwm (\(pwm.chip) channel \(pwm.channel))", step: "open", reason: error.description)
            }
        } else {
            fanPWM = nil
        }
        if let tach = board.gpio(.fanTach) {
            do { tachometer = try buses.tachometer(tach) } catch {
                throw BoardAssemblyError(device: Self.describe(tach), step: "open", reason: error.description)
            }
        } else {
            tachometer = nil
        }
        if let enable = board.gpio(.asicEnable) {
            do { asicEnable = (enable, try buses.gpioLine(enable)) } catch {
                throw BoardAssemblyError(device: Self.describe(enable), step: "open", reason: error.description)
            }
        } else {
            asicEnable = nil
        }
    }

    static func describe(_ g: GPIOSpec) -> String { "gpio \(g.function) (\(g.chip) line \(g.line))" }

    /// Bring the hardware up: identify each chip, set resolutions and fan mode,
    /// set up the PWM fan, and hold the hash chips disabled until the first command.
    public func configure() throws(BoardAssemblyError) {
        for (spec, driver) in devices {
            var step = "identify"
            do throws(DriverError) {
                switch driver {
                case .temperature(let t):
                    step = "configure"
                    try t.configure()
                    step = "plausibility check"
                    try t.checkPlausible()
                case .fanController(let f):
                    try f.identify()
                    step = "configure"
                    try f.configure()
                case .powerMonitor(let p):
                    try p.identify()
                    step = "configure"
                    try p.configure()
                }
            } catch {
                throw BoardAssemblyError(device: spec.description, step: step, reason: error.description)
            }
        }
        if let pwm = fanPWM, let spec = board.fanPWM {
            do {
                try pwm.configure(periodNanoseconds: spec.periodNanoseconds, inverted: spec.inverted)
                try pwm.setDuty(board.profile.fan.safeDuty)
                try pwm.setEnabled(true)
            } catch {
                throw BoardAssemblyError(device: "fan_pwm (\(spec.chip) channel \(spec.channel))", step: "configure", reason: error.description)
            }
        }
        if let (spec, line) = asicEnable {
            do { try line.set(false) } catch {
                throw BoardAssemblyError(device: Self.describe(spec), step: "configure", reason: error.description)
            }
        }
    }

    // MARK: Reading

    public func read() -> DeviceReadings {
        DeviceReadings(
            chipTemperature: temperature(.chipTemp) ?? .failed("chip_temp", "no device provides chip_temp"),
            inletTemperature: temperature(.inletTemp),
            roomTemperature: temperature(.roomTemp) ?? .failed("room_temp", "no device provides room_temp"),
            fanSpeed: fanSpeed(),
            power: power())
    }

    private func device(for role: SensorRole) -> (spec: I2CDeviceSpec, driver: Driver)? {
        devices.first { $0.spec.roles.contains(role) }
    }

    /// Read one role; a failure becomes a reading with an error naming role and device.
    private func sample<V: Quantity>(_ role: SensorRole, _ spec: I2CDeviceSpec,
                                     _ body: () throws(DriverError) -> RegisterSample<V>) -> Reading<V> {
        do {
            let s = try body()
            return Reading(s.value, raw: UInt32(s.raw))
        } catch {
            return .failed("\(role) (\(spec))", error.description)
        }
    }

    private func temperature(_ role: SensorRole) -> Reading<Celsius>? {
        guard let (spec, driver) = device(for: role) else { return nil }
        switch driver {
        case .temperature(let t):
            return sample(role, spec) { () throws(DriverError) in try t.readTemperature() }
        case .fanController(let f) where role == .chipTemp:
            return sample(role, spec) { () throws(DriverError) in try f.readExternalTemperature() }
        case .fanController(let f):
            return sample(role, spec) { () throws(DriverError) in try f.readInternalTemperature() }
        case .powerMonitor:
            return nil   // the loader never gives an INA260 a temperature role
        }
    }

    /// nil when the fan has no tach at all (a PWM fan without a fan_tach line).
    private func fanSpeed() -> Reading<RPM>? {
        if let (spec, driver) = device(for: .fan), case .fanController(let f) = driver {
            return sample(.fan, spec) { () throws(DriverError) in try f.readFanSpeed() }
        }
        guard let tach = tachometer else { return nil }
        do { return Reading(try tach.readSpeed()) } catch { return .failed("fan (\(tach.name))", error.description) }
    }

    private func power() -> Reading<Watts>? {
        guard let (spec, driver) = device(for: .power), case .powerMonitor(let p) = driver else { return nil }
        return sample(.power, spec) { () throws(DriverError) in try p.readPower() }
    }

    // MARK: Commands

    /// Fan first (cooling never waits on the hash board), then the chips.
    /// Enabling: GPIO, operating point, hashing. Disabling: hashing, then GPIO.
    /// A failed fan write must not keep the chips running: when the command stops
    /// hashing, the stop is carried out whatever the fan did, and the fan's error
    /// is reported afterwards. Starting never proceeds without the fan.
    public func apply(_ command: DeviceCommand) throws(BusError) {
        var fanError: BusError?
        do { try setFan(command.fanDuty) } catch { fanError = error }
        if command.hashing {
            if let fanError { throw fanError }
            let points = profile.operatingPoints
            guard points.indices.contains(command.operatingPoint) else {
                throw BusError(.notSupported, bus: "hash board",
                               detail: "operating point \(command.operatingPoint) outside 0..<\(points.count)")
            }
            try setEnable(true)
            if appliedPoint != command.operatingPoint {
                try hashBoard.setOperatingPoint(points[command.operatingPoint])
                appliedPoint = command.operatingPoint
            }
            if appliedHashing != true {
                try hashBoard.setHashing(true)
                appliedHashing = true
            }
            try hashBoard.checkHealth()
        } else {
            // Resend the stop until it is known to have taken; the enable line goes low
            // whatever the chips answered, so a failed stop never leaves them powered.
            var stopError: BusError?
            if appliedHashing != false || fanError != nil {
                do {
                    try hashBoard.setHashing(false)
                    appliedHashing = false
                } catch { stopError = error }
            }
            var enableError: BusError?
            do { try setEnable(false) } catch { enableError = error }
            if let error = stopError ?? enableError ?? fanError { throw error }
        }
    }

    private func setFan(_ duty: DutyCycle) throws(BusError) {
        if let (spec, driver) = device(for: .fan), case .fanController(let f) = driver {
            do { try f.setFanDuty(duty) } catch {
                throw error.busError ?? BusError(.io, bus: spec.bus, address: spec.address, detail: error.description)
            }
        } else if let pwm = fanPWM {
            try pwm.setDuty(duty)
        }
    }

    private func setEnable(_ on: Bool) throws(BusError) {
        try asicEnable?.line.set(on)
    }
}

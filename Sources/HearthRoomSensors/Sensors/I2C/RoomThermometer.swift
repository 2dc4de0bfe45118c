import HearthCore
import HearthHAL

/// A temperature chip as the I²C room sensor poller drives it: set up in two steps and
/// measured in two steps, each pair with a wait between that the poller spreads over
/// control ticks, so nothing ever sleeps.
public protocol RoomThermometer {
    var partName: String { get }
    /// First step of setting the chip up (reset, identity): returns the wait before `finishPreparing()`.
    mutating func beginPreparing() throws(DriverError) -> Seconds
    /// Second step: check what the chip answered and configure it.
    mutating func finishPreparing() throws(DriverError)
    /// Start a conversion; returns how long it takes.
    func startConversion() throws(DriverError) -> Seconds
    func readConversion() throws(DriverError) -> ClimateSample
}

/// The room thermometer for a driver name of `i2c:BUS:ADDRESS:DRIVER`.
public func makeRoomThermometer(_ driver: I2CSensorDriver, bus: any I2CBus, address: UInt8) -> any RoomThermometer {
    switch driver {
    case .tmp75: TMP75Thermometer(TMP75(bus: bus, address: address, variant: .tmp75))
    case .lm75: TMP75Thermometer(TMP75(bus: bus, address: address, variant: .lm75))
    case .tmp1075: TMP75Thermometer(TMP75(bus: bus, address: address, variant: .tmp1075))
    case .sht3x: SHT3xThermometer(SHT3x(bus: bus, address: address))
    case .sht4x: SHT4xThermometer(SHT4x(bus: bus, address: address))
    case .bme280: BME280Thermometer(BME280(bus: bus, address: address))
    }
}

/// TMP75 / LM75 / TMP1075: converting continuously, so a read is the measurement.
struct TMP75Thermometer: RoomThermometer {
    let chip: TMP75
    init(_ chip: TMP75) { self.chip = chip }
    var partName: String { chip.variant.rawValue.uppercased() }

    /// After switching to 12 bits the first 12-bit conversion takes up to 220 ms (TMP75 datasheet).
    mutating func beginPreparing() throws(DriverError) -> Seconds {
        try chip.configure()
        return Seconds(0.25)
    }
    mutating func finishPreparing() throws(DriverError) { try chip.checkPlausible() }
    func startConversion() throws(DriverError) -> Seconds { .zero }
    func readConversion() throws(DriverError) -> ClimateSample {
        let sample = try chip.readTemperature()
        return ClimateSample(temperature: sample.value, rawTemperature: UInt32(sample.raw))
    }
}

/// SHT3x: soft reset, then the status register must say so (CRC-checked: a Sensirion part answers).
struct SHT3xThermometer: RoomThermometer {
    let chip: SHT3x
    init(_ chip: SHT3x) { self.chip = chip }
    var partName: String { SHT3x.partName }

    mutating func beginPreparing() throws(DriverError) -> Seconds {
        try chip.softReset()
        return SHT3x.resetDuration
    }
    mutating func finishPreparing() throws(DriverError) {
        let status = try chip.readStatus()
        guard status & SHT3x.Status.resetDetected != 0 else {
            throw .implausible(part: partName, bus: chip.bus.name, address: chip.address,
                               detail: "status 0x\(hexByte(UInt8(status >> 8)))\(hexByte(UInt8(status & 0xFF))) does not show the soft reset just sent")
        }
        try chip.clearStatus()
    }
    func startConversion() throws(DriverError) -> Seconds {
        try chip.startMeasurement()
        return SHT3x.measurementDuration
    }
    func readConversion() throws(DriverError) -> ClimateSample { try chip.readMeasurement() }
}

/// SHT4x: its serial number (two CRC-checked words) proves the part is there.
struct SHT4xThermometer: RoomThermometer {
    let chip: SHT4x
    private(set) var serialNumber: UInt32?
    init(_ chip: SHT4x) { self.chip = chip }
    var partName: String { SHT4x.partName }

    mutating func beginPreparing() throws(DriverError) -> Seconds {
        try chip.requestSerialNumber()
        return SHT4x.serialNumberDelay
    }
    mutating func finishPreparing() throws(DriverError) { serialNumber = try chip.readSerialNumber() }
    func startConversion() throws(DriverError) -> Seconds {
        try chip.startMeasurement()
        return SHT4x.measurementDuration
    }
    func readConversion() throws(DriverError) -> ClimateSample { try chip.readMeasurement() }
}

/// BME280: chip id and trimming values once, then one forced conversion per reading.
struct BME280Thermometer: RoomThermometer {
    let chip: BME280
    private(set) var calibration: BME280.Calibration?
    init(_ chip: BME280) { self.chip = chip }
    var partName: String { BME280.partName }

    mutating func beginPreparing() throws(DriverError) -> Seconds {
        try chip.identify()
        calibration = try chip.readCalibration()
        return .zero
    }
    mutating func finishPreparing() throws(DriverError) {}
    func startConversion() throws(DriverError) -> Seconds {
        try chip.startMeasurement()
        return chip.measurementDuration
    }
    func readConversion() throws(DriverError) -> ClimateSample {
        guard let calibration else {
            throw .implausible(part: partName, bus: chip.bus.name, address: chip.address, detail: "read before its calibration")
        }
        return try chip.readMeasurement(calibration: calibration)
    }
}

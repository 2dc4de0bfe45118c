import HearthCore

/// Bosch BME280 humidity, pressure and temperature sensor (I²C 0x76, or 0x77 with SDO high).
///
/// Registers (datasheet §5): 0xD0 chip id (0x60), 0xE0 reset (write 0xB6), 0xF2
/// ctrl_hum, 0xF3 status (bit 3 measuring), 0xF4 ctrl_meas (oversampling and mode),
/// 0xF5 config, 0xF7…0xFE data burst (pressure 20 bit, temperature 20 bit, humidity
/// 16 bit, big-endian), trimming values at 0x88…0xA1 and 0xE1…0xE7. Hearth runs it in
/// forced mode with ×1 oversampling and the filter off (the datasheet's "weather
/// monitoring" setting): one conversion per start, then back to sleep, so the part does
/// not warm itself. The driver never waits: start, then read after `measurementDuration`.
public struct BME280 {
    public enum Register {
        public static let chipID: UInt8 = 0xD0
        public static let reset: UInt8 = 0xE0
        public static let controlHumidity: UInt8 = 0xF2
        public static let status: UInt8 = 0xF3
        public static let controlMeasurement: UInt8 = 0xF4
        public static let config: UInt8 = 0xF5
        /// First of the eight data registers (press_msb … hum_lsb).
        public static let data: UInt8 = 0xF7
        /// dig_T1 … dig_H1: 26 bytes.
        public static let calibrationTemperaturePressure: UInt8 = 0x88
        /// dig_H2 … dig_H6: 7 bytes.
        public static let calibrationHumidity: UInt8 = 0xE1
    }

    public static let chipIDValue: UInt8 = 0x60
    public static let resetCommand: UInt8 = 0xB6
    /// Status bit 3: a conversion is running (its results are not in the data registers yet).
    public static let measuringBit: UInt8 = 1 << 3
    /// ctrl_hum osrs_h = ×1.
    public static let humidityOversamplingX1: UInt8 = 0b001
    /// ctrl_meas: osrs_t = ×1 (bits 7:5), osrs_p = ×1 or skipped (bits 4:2), mode forced (01).
    public static func measurementControl(pressure: Bool) -> UInt8 { 0b001_000_01 | (pressure ? 0b000_001_00 : 0) }
    /// What a data register holds when its conversion was skipped or has never run.
    public static let skipped20Bit: Int32 = 0x80000
    public static let skipped16Bit: Int32 = 0x8000

    public static let partName = "BME280"

    public let bus: any I2CBus
    public let address: UInt8
    /// Pressure is measured only when asked (it adds 2.9 ms and nothing the thermostat uses).
    public let measuresPressure: Bool

    public init(bus: any I2CBus, address: UInt8 = 0x76, measuresPressure: Bool = false) {
        self.bus = bus
        self.address = address
        self.measuresPressure = measuresPressure
    }

    /// Longest forced conversion at ×1 oversampling (datasheet §9.1:
    /// 1.25 + 2.3 + [2.3 + 0.575 pressure] + 2.3 + 0.575 ms), with a margin.
    public var measurementDuration: Seconds {
        Seconds((1.25 + 2.3 + (measuresPressure ? 2.875 : 0) + 2.875 + 0.5) / 1000)
    }

    /// Check the chip id, naming the Bosch parts often mistaken for a BME280.
    public func identify() throws(DriverError) {
        let id = try onBus { () throws(BusError) in try bus.readRegister8(address: address, register: Register.chipID) }
        guard id == Self.chipIDValue else {
            let known: [UInt8: String] = [0x56: "a BMP280 sample", 0x57: "a BMP280 sample", 0x58: "a BMP280 (no humidity sensor)",
                                          0x61: "a BME680", 0x55: "a BMP180"]
            throw .wrongIdentity(part: Self.partName, bus: bus.name, address: address, register: Register.chipID,
                                 expected: "0x\(hex(Self.chipIDValue))",
                                 found: "0x\(hex(id))" + (known[id].map { " (\($0))" } ?? ""))
        }
    }

    /// Read the part's trimming values (factory-set, constant: read once).
    public func readCalibration() throws(DriverError) -> Calibration {
        let (first, second) = try onBus { () throws(BusError) in
            (try bus.writeRead(address: address, [Register.calibrationTemperaturePressure], readCount: 26),
             try bus.writeRead(address: address, [Register.calibrationHumidity], readCount: 7))
        }
        guard first.count == 26, second.count == 7 else {
            throw .bus(BusError(.io, bus: bus.name, address: address, detail: "short read of the calibration registers"))
        }
        let calibration = Calibration(temperaturePressureBlock: first, humidityBlock: second)
        guard calibration.t1 != 0, calibration.t1 != 0xFFFF, calibration.t2 > 0, calibration.p1 != 0 else {
            throw .implausible(part: Self.partName, bus: bus.name, address: address,
                               detail: "calibration dig_T1 = \(calibration.t1), dig_T2 = \(calibration.t2), dig_P1 = \(calibration.p1) "
                                   + "(a real part has dig_T1 and dig_T2 above 0)")
        }
        return calibration
    }

    /// Start one forced conversion. ctrl_hum takes effect only with the ctrl_meas write that follows it.
    public func startMeasurement() throws(DriverError) {
        try onBus { () throws(BusError) in
            try bus.writeRegister8(address: address, register: Register.controlHumidity, value: Self.humidityOversamplingX1)
            try bus.writeRegister8(address: address, register: Register.controlMeasurement,
                                   value: Self.measurementControl(pressure: measuresPressure))
        }
    }

    /// Read the finished conversion in one burst (so all values come from the same
    /// conversion) and compensate it with the datasheet's integer formulas.
    public func readMeasurement(calibration: Calibration) throws(DriverError) -> ClimateSample {
        let (status, data) = try onBus { () throws(BusError) in
            (try bus.readRegister8(address: address, register: Register.status),
             try bus.writeRead(address: address, [Register.data], readCount: 8))
        }
        if status & Self.measuringBit != 0 {
            throw .bus(BusError(.busy, bus: bus.name, address: address, detail: "BME280 still converting"))
        }
        guard data.count == 8 else {
            throw .bus(BusError(.io, bus: bus.name, address: address, detail: "short read: \(data.count) of 8 data bytes"))
        }
        let adcP = Int32(data[0]) << 12 | Int32(data[1]) << 4 | Int32(data[2]) >> 4
        let adcT = Int32(data[3]) << 12 | Int32(data[4]) << 4 | Int32(data[5]) >> 4
        let adcH = Int32(data[6]) << 8 | Int32(data[7])
        guard adcT != Self.skipped20Bit else {
            throw .implausible(part: Self.partName, bus: bus.name, address: address,
                               detail: "temperature register holds its reset value 0x80000: no conversion has run")
        }
        let (centidegrees, fine) = Compensation.temperature(adcT: adcT, calibration)
        let humidity = adcH == Self.skipped16Bit
            ? nil : RelativeHumidity(Double(Compensation.humidity(adcH: adcH, fine: fine, calibration)) / 1024)
        let pressure = !measuresPressure || adcP == Self.skipped20Bit
            ? nil : Pascals(Double(Compensation.pressure(adcP: adcP, fine: fine, calibration)) / 256)
        return ClimateSample(temperature: Celsius(Double(centidegrees) / 100), rawTemperature: UInt32(adcT),
                             humidity: humidity, pressure: pressure)
    }

    /// Put the part back to its power-up state (sleep mode, trimming reloaded).
    public func softReset() throws(DriverError) {
        try onBus { () throws(BusError) in
            try bus.writeRegister8(address: address, register: Register.reset, value: Self.resetCommand)
        }
    }
}

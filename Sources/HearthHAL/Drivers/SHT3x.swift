import HearthCore

/// Sensirion SHT30 / SHT31 / SHT35 humidity and temperature sensor (I²C 0x44, or 0x45
/// with ADDR high).
///
/// Commands are 16-bit, MSB first; every word the sensor returns is followed by its
/// CRC-8 (`SensirionCRC8`). A single-shot measurement without clock stretching (0x2400,
/// high repeatability) takes up to 15 ms, during which the sensor does not acknowledge
/// its address. So the driver never waits: `startMeasurement()`, then
/// `readMeasurement()` once `measurementDuration` has passed (the room sensor poller
/// spreads the two over control ticks). Reading with no measurement pending is refused
/// by the part; the driver reports whatever error the bus gives.
public struct SHT3x {
    public enum Command {
        /// Single shot, high repeatability, no clock stretching.
        public static let singleShotHighRepeatability: UInt16 = 0x2400
        public static let readStatus: UInt16 = 0xF32D
        public static let clearStatus: UInt16 = 0x3041
        public static let softReset: UInt16 = 0x30A2
        public static let heaterOn: UInt16 = 0x306D
        public static let heaterOff: UInt16 = 0x3066
    }

    /// Bits of the 16-bit status register.
    public enum Status {
        public static let alertPending: UInt16 = 1 << 15
        public static let heaterOn: UInt16 = 1 << 13
        public static let humidityAlert: UInt16 = 1 << 11
        public static let temperatureAlert: UInt16 = 1 << 10
        /// Set by power-up, soft reset or brown-out; cleared by `clearStatus()`.
        public static let resetDetected: UInt16 = 1 << 4
        /// The last command was not understood or its checksum failed.
        public static let commandFailed: UInt16 = 1 << 1
        public static let writeChecksumFailed: UInt16 = 1 << 0
    }

    /// Longest high-repeatability conversion (datasheet: 15 ms max), with a margin.
    public static let measurementDuration = Seconds(0.0155)
    /// Time the part needs after a soft reset before it answers (datasheet: 1.5 ms max).
    public static let resetDuration = Seconds(0.0015)

    public static let partName = "SHT3x"

    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8 = 0x44) {
        self.bus = bus
        self.address = address
    }

    /// Start one high-repeatability conversion; its result is ready after `measurementDuration`.
    public func startMeasurement() throws(DriverError) {
        try send(Command.singleShotHighRepeatability)
    }

    /// Read the conversion started by `startMeasurement()`: temperature and humidity, each CRC-checked.
    public func readMeasurement() throws(DriverError) -> ClimateSample {
        let bytes = try onBus { () throws(BusError) in try bus.writeRead(address: address, [], readCount: 6) }
        let words = try SensirionCRC8.words(bytes, names: ["temperature", "humidity"], part: Self.partName,
                                            bus: bus.name, address: address)
        return ClimateSample(temperature: Self.decodeTemperature(words[0]), rawTemperature: UInt32(words[0]),
                             humidity: Self.decodeHumidity(words[1]))
    }

    /// The status register (CRC-checked). Sent as a command, then read in its own transfer.
    public func readStatus() throws(DriverError) -> UInt16 {
        try send(Command.readStatus)
        let bytes = try onBus { () throws(BusError) in try bus.writeRead(address: address, [], readCount: 3) }
        return try SensirionCRC8.words(bytes, names: ["status"], part: Self.partName, bus: bus.name, address: address)[0]
    }

    /// Clear the alert and reset-detected flags.
    public func clearStatus() throws(DriverError) {
        try send(Command.clearStatus)
    }

    /// Reset the part to its power-up state; it answers again after `resetDuration`.
    public func softReset() throws(DriverError) {
        try send(Command.softReset)
    }

    /// Datasheet: T = −45 °C + 175 °C · S / (2¹⁶ − 1).
    public static func decodeTemperature(_ raw: UInt16) -> Celsius {
        Celsius(-45 + 175 * Double(raw) / 65535)
    }

    /// Datasheet: RH = 100 % · S / (2¹⁶ − 1).
    public static func decodeHumidity(_ raw: UInt16) -> RelativeHumidity {
        RelativeHumidity(100 * Double(raw) / 65535)
    }

    private func send(_ command: UInt16) throws(DriverError) {
        try onBus { () throws(BusError) in
            try bus.write(address: address, [UInt8(command >> 8), UInt8(command & 0xFF)])
        }
    }
}

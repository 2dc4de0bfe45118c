import HearthCore

/// Sensirion SHT40 / SHT41 / SHT45 humidity and temperature sensor (I²C 0x44; 0x45 or
/// 0x46 for the -B and -C variants).
///
/// Commands are one byte. A high-precision measurement (0xFD) takes up to 8.3 ms and
/// the serial number (0x89) needs a moment too; until then the part does not
/// acknowledge a read. Replies are 16-bit words, each followed by its CRC-8
/// (`SensirionCRC8`). As with the SHT3x the driver never waits: start, then read once
/// the stated duration has passed.
public struct SHT4x {
    public enum Command {
        public static let measureHighPrecision: UInt8 = 0xFD
        public static let readSerialNumber: UInt8 = 0x89
        public static let softReset: UInt8 = 0x94
    }

    /// Longest high-precision conversion (datasheet: 8.3 ms max), with a margin.
    public static let measurementDuration = Seconds(0.009)
    /// Wait between the serial-number command and its read (Sensirion's own driver waits 10 ms).
    public static let serialNumberDelay = Seconds(0.01)
    /// Time the part needs after a soft reset (datasheet: 1 ms max).
    public static let resetDuration = Seconds(0.001)

    public static let partName = "SHT4x"

    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8 = 0x44) {
        self.bus = bus
        self.address = address
    }

    public func startMeasurement() throws(DriverError) {
        try send(Command.measureHighPrecision)
    }

    /// Read the conversion started by `startMeasurement()`, each word CRC-checked.
    public func readMeasurement() throws(DriverError) -> ClimateSample {
        let words = try readWords(["temperature", "humidity"])
        return ClimateSample(temperature: Self.decodeTemperature(words[0]), rawTemperature: UInt32(words[0]),
                             humidity: Self.decodeHumidity(words[1]))
    }

    /// Ask for the serial number; read it with `readSerialNumber()` after `serialNumberDelay`.
    public func requestSerialNumber() throws(DriverError) {
        try send(Command.readSerialNumber)
    }

    /// The 32-bit serial number (two CRC-checked words, most significant first).
    public func readSerialNumber() throws(DriverError) -> UInt32 {
        let words = try readWords(["serial number high", "serial number low"])
        return UInt32(words[0]) << 16 | UInt32(words[1])
    }

    public func softReset() throws(DriverError) {
        try send(Command.softReset)
    }

    /// Datasheet: T = −45 °C + 175 °C · S / (2¹⁶ − 1).
    public static func decodeTemperature(_ raw: UInt16) -> Celsius {
        Celsius(-45 + 175 * Double(raw) / 65535)
    }

    /// Datasheet: RH = −6 % + 125 % · S / (2¹⁶ − 1), cropped to 0…100 % as the datasheet advises.
    public static func decodeHumidity(_ raw: UInt16) -> RelativeHumidity {
        RelativeHumidity(min(100, max(0, -6 + 125 * Double(raw) / 65535)))
    }

    private func send(_ command: UInt8) throws(DriverError) {
        try onBus { () throws(BusError) in try bus.write(address: address, [command]) }
    }

    private func readWords(_ names: [String]) throws(DriverError) -> [UInt16] {
        let bytes = try onBus { () throws(BusError) in try bus.writeRead(address: address, [], readCount: names.count * 3) }
        return try SensirionCRC8.words(bytes, names: names, part: Self.partName, bus: bus.name, address: address)
    }
}

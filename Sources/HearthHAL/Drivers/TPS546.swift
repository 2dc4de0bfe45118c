import HearthCore

/// TI TPS546D24A buck converter over PMBus (SMBus on I2C): the core-voltage regulator of
/// Bitaxe Supra/Gamma-class boards. PMBus words are little-endian. Output voltage is
/// ULINEAR16 with the exponent from VOUT_MODE (the TPS546D24A reports 0x17: 2⁻⁹ V/LSB);
/// current, temperature and input voltage are LINEAR11 (5-bit exponent, 11-bit mantissa,
/// both two's complement). Facts: TPS546D24A datasheet (SLUSEB2), PMBus 1.3 part II.
///
/// `setVoltage` refuses anything outside the board file's limits (`[core_voltage]`),
/// before the bus is touched: a wrong core voltage can destroy the chip.
///
/// On Bitaxe Supra/Gamma-class boards the regulator's output is the hash chips' supply:
/// `configure` leaves it off and hands on/off to OPERATION alone (ON_OFF_CONFIG), and
/// `setEnabled(true)` + `waitForOutput` is how the chips get power (docs/bm13xx.md).
public struct TPS546 {
    public enum Command {
        public static let operation: UInt8 = 0x01
        public static let onOffConfig: UInt8 = 0x02
        public static let voutMode: UInt8 = 0x20
        public static let voutCommand: UInt8 = 0x21
        public static let voutMax: UInt8 = 0x24
        public static let voutMin: UInt8 = 0x2B
        public static let statusWord: UInt8 = 0x79
        public static let readVin: UInt8 = 0x88
        public static let readVout: UInt8 = 0x8B
        public static let readIout: UInt8 = 0x8C
        public static let readTemperature1: UInt8 = 0x8D
    }

    /// OPERATION: on (0x80) / immediate off (0x00).
    public static let operationOn: UInt8 = 0x80
    public static let operationOff: UInt8 = 0x00
    /// ON_OFF_CONFIG: PU (0x10) act on CONTROL/OPERATION rather than start whenever input
    /// power is present, CMD (0x08) act on OPERATION, CP (0x04) clear: ignore the CONTROL pin,
    /// POLARITY (0x02), DELAY (0x01). Its reset value comes from NVM, where CMD may be clear
    /// (OPERATION ignored): SLUSEB2 §7.6 ON_OFF_CONFIG; ESP-Miner writes the same value.
    public static let onOffConfigOperationOnly: UInt8 = 0x1B

    /// How long `waitForOutput` gives the output after OPERATION on. The TPS546D24 family
    /// starts after TON_DELAY (at most 127.5 ms) and rises in TON_RISE (at most 31.75 ms),
    /// so 159 ms is the slowest start it can be programmed for; ESP-Miner allows 250 ms
    /// before it counts a missing power-good as a fault. Half a second covers both with
    /// margin and still fails a dead output within one control tick.
    public static let powerUpTimeout = Seconds(0.5)
    /// Between READ_VOUT polls: a PMBus word read takes well under a millisecond at 100 kHz.
    public static let powerUpPollInterval = Seconds(0.005)
    /// The output is up once READ_VOUT is within this fraction of VOUT_COMMAND: ESP-Miner sets
    /// VOUT_UV_WARN_LIMIT at 0.90 × VOUT_COMMAND, and the TPS546 holds PGOOD low below it.
    public static let powerGoodTolerance = 0.10

    public let bus: any I2CBus
    public let address: UInt8
    /// The board file's limits; `setVoltage` refuses anything outside them.
    public let limits: ClosedRange<Double>

    public init(bus: any I2CBus, address: UInt8 = 0x24, limits: ClosedRange<Millivolts>) {
        self.bus = bus
        self.address = address
        self.limits = limits.lowerBound.value...limits.upperBound.value
    }

    /// The VOUT exponent; a regulator not in ULINEAR16 mode is not one this driver knows.
    public func voutExponent() throws(DriverError) -> Int {
        let mode = try onBus { () throws(BusError) in try bus.readRegister8(address: address, register: Command.voutMode) }
        guard mode >> 5 == 0 else {
            throw .wrongIdentity(part: "TPS546", bus: bus.name, address: address, register: Command.voutMode,
                                 expected: "ULINEAR16 mode (bits 7:5 = 000)", found: "0x" + String(mode, radix: 16))
        }
        return Self.fiveBitSigned(mode & 0x1F)
    }

    /// Turns the output off and hands on/off to OPERATION (whatever state a previous run left
    /// it in, the chips stay unpowered until commanded), sets VOUT_MAX to the board's maximum
    /// (the regulator's own clamp), then the output voltage.
    public func configure(initial: Millivolts) throws(DriverError) {
        let e = try voutExponent()
        try setEnabled(false)
        try onBus { () throws(BusError) in
            try bus.writeRegister8(address: address, register: Command.onOffConfig, value: Self.onOffConfigOperationOnly)
        }
        try writeWord(Command.voutMax, try Self.ulinear16(Millivolts(limits.upperBound), exponent: e, part: self))
        try setVoltage(initial, exponent: e)
    }

    public func setVoltage(_ v: Millivolts) throws(DriverError) { try setVoltage(v, exponent: try voutExponent()) }

    private func setVoltage(_ v: Millivolts, exponent e: Int) throws(DriverError) {
        guard v.value.isFinite, limits.contains(v.value) else {
            throw .implausible(part: "TPS546", bus: bus.name, address: address,
                               detail: "core voltage \(v.value) mV refused: outside the board's \(limits.lowerBound)…\(limits.upperBound) mV")
        }
        try writeWord(Command.voutCommand, try Self.ulinear16(v, exponent: e, part: self))
    }

    public func setEnabled(_ on: Bool) throws(DriverError) {
        try onBus { () throws(BusError) in
            try bus.writeRegister8(address: address, register: Command.operation, value: on ? Self.operationOn : Self.operationOff)
        }
    }

    /// Polls READ_VOUT until it is within `powerGoodTolerance` of VOUT_COMMAND (read back:
    /// the regulator's own clamp included), at most `timeout` on `now` and never more than
    /// timeout / pollInterval + 1 polls; `sleep` and `now` are injected so tests never wait.
    /// An output that does not come up is a timeout naming both voltages and STATUS_WORD.
    @discardableResult
    public func waitForOutput(timeout: Seconds = powerUpTimeout, pollInterval: Seconds = powerUpPollInterval,
                              sleep: (Seconds) -> Void, now: () -> Seconds) throws(DriverError) -> Millivolts {
        let e = try voutExponent()
        let target = Double(try readWord(Command.voutCommand)) * Self.pow2(e) * 1000
        let window = (target * (1 - Self.powerGoodTolerance))...(target * (1 + Self.powerGoodTolerance))
        let start = now()
        let maxPolls = Int((timeout.value / max(pollInterval.value, 1e-6)).rounded(.up)) + 1
        var seen = 0.0
        for poll in 0..<maxPolls {
            seen = try readVoltage().value.value
            if window.contains(seen) { return Millivolts(seen) }
            if poll == maxPolls - 1 || now().value - start.value >= timeout.value { break }
            sleep(pollInterval)
        }
        let status = (try? readStatus()).map { ", STATUS_WORD \(hex16($0))" } ?? ""
        throw .bus(BusError(.timeout, bus: bus.name, address: address,
                            detail: "TPS546 output at \(Self.format(seen)) mV \(timeout.value) s after OPERATION on, "
                                + "VOUT_COMMAND \(Self.format(target)) mV\(status)"))
    }

    private static func format(_ mv: Double) -> String { String(Int(mv.rounded())) }

    public func readVoltage() throws(DriverError) -> RegisterSample<Millivolts> {
        let e = try voutExponent()
        let raw = try readWord(Command.readVout)
        return RegisterSample(Millivolts(Double(raw) * Self.pow2(e) * 1000), raw: raw)
    }

    public func readCurrent() throws(DriverError) -> RegisterSample<Amperes> {
        let raw = try readWord(Command.readIout)
        return RegisterSample(Amperes(Self.linear11(raw)), raw: raw)
    }

    public func readTemperature() throws(DriverError) -> RegisterSample<Celsius> {
        let raw = try readWord(Command.readTemperature1)
        return RegisterSample(Celsius(Self.linear11(raw)), raw: raw)
    }

    public func readInputVoltage() throws(DriverError) -> RegisterSample<Millivolts> {
        let raw = try readWord(Command.readVin)
        return RegisterSample(Millivolts(Self.linear11(raw) * 1000), raw: raw)
    }

    public func readStatus() throws(DriverError) -> UInt16 { try readWord(Command.statusWord) }

    // MARK: - PMBus number formats

    /// LINEAR11: bits 15:11 exponent, 10:0 mantissa, both two's complement.
    public static func linear11(_ word: UInt16) -> Double {
        let e = fiveBitSigned(UInt8(word >> 11))
        var m = Int(word & 0x7FF)
        if m & 0x400 != 0 { m -= 0x800 }
        return Double(m) * pow2(e)
    }

    /// The LINEAR11 word for `value` with the largest mantissa that fits (most precision).
    public static func linear11(encoding value: Double) -> UInt16 {
        for e in -16...15 {
            let m = (value / pow2(e)).rounded()
            if m >= -1024 && m <= 1023 {
                return UInt16(UInt8(bitPattern: Int8(e)) & 0x1F) << 11 | UInt16(bitPattern: Int16(m)) & 0x7FF
            }
        }
        return value < 0 ? 0x7C00 : 0x7BFF  // clamp to the largest magnitude
    }

    /// ULINEAR16 mantissa for `v` with exponent `e`.
    static func ulinear16(_ v: Millivolts, exponent e: Int, part: TPS546) throws(DriverError) -> UInt16 {
        let m = (v.value / 1000 / pow2(e)).rounded()
        guard m >= 0, m <= Double(UInt16.max) else {
            throw .implausible(part: "TPS546", bus: part.bus.name, address: part.address,
                               detail: "\(v.value) mV does not fit VOUT at exponent \(e)")
        }
        return UInt16(m)
    }

    static func fiveBitSigned(_ bits: UInt8) -> Int {
        let v = Int(bits & 0x1F)
        return v & 0x10 != 0 ? v - 32 : v
    }

    static func pow2(_ e: Int) -> Double { e >= 0 ? Double(1 << e) : 1 / Double(1 << -e) }

    // MARK: - Words (little-endian on PMBus)

    private func readWord(_ command: UInt8) throws(DriverError) -> UInt16 {
        let bytes = try onBus { () throws(BusError) in try bus.writeRead(address: address, [command], readCount: 2) }
        guard bytes.count == 2 else {
            throw .implausible(part: "TPS546", bus: bus.name, address: address, detail: "command 0x\(String(command, radix: 16)): \(bytes.count) bytes, expected 2")
        }
        return UInt16(bytes[0]) | UInt16(bytes[1]) << 8
    }

    private func writeWord(_ command: UInt8, _ word: UInt16) throws(DriverError) {
        try onBus { () throws(BusError) in try bus.write(address: address, [command, UInt8(word & 0xFF), UInt8(word >> 8)]) }
    }
}

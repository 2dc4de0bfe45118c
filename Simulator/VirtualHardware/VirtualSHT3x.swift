import HearthCore
import HearthHAL

/// An SHT3x at command level: 16-bit commands in, CRC-framed words out.
///
/// Physical inputs `temperature` and `humidity` are quantised the way the part does
/// (16 bits over −45…130 °C and 0…100 %RH). With a `clock`, a conversion takes
/// `SHT3x.measurementDuration` of its time and the part acknowledges nothing until it is
/// done (so `nack` reads true while it converts); without one, conversions finish at
/// once. A read with no result waiting returns 0xFF bytes, which the driver's CRC check
/// refuses, as it refuses the NACK the silicon would give.
public final class VirtualSHT3x: VirtualI2CDevice {
    public var temperature: Celsius
    public var humidity: RelativeHumidity
    /// Fault: the part stops acknowledging its address. Reads true while a conversion runs.
    public var nack: Bool {
        get { nackFault || isBusy }
        set { nackFault = newValue }
    }
    /// Fault: every conversion returns the bits of the last one before the fault.
    public var stuck = false {
        didSet { if stuck && !oldValue { frozen = (temperatureCode(temperature), humidityCode(humidity)) } }
    }
    /// Fault: the temperature word's CRC arrives damaged (noise on the bus).
    public var corruptChecksum = false
    /// Fault: every read returns 0xFF (a floating or shorted data line).
    public var garbage = false
    /// Control time, for conversion delays; nil makes conversions instantaneous.
    public var clock: (() -> Seconds)?

    /// The 16-bit status register: power-up value alert pending + reset detected.
    public private(set) var status: UInt16 = SHT3x.Status.alertPending | SHT3x.Status.resetDetected
    /// Conversions started, for tests.
    public private(set) var conversions = 0

    private var nackFault = false
    private var busyUntil: Seconds?
    private var frozen: (UInt16, UInt16) = (0, 0)
    private var output: [UInt8] = []

    public init(temperature: Celsius = Celsius(21), humidity: RelativeHumidity = RelativeHumidity(45)) {
        self.temperature = temperature
        self.humidity = humidity
    }

    private var isBusy: Bool {
        guard let busyUntil, let clock else { return false }
        return clock() < busyUntil
    }

    /// Nearest 16-bit code for T = −45 + 175 · S / 65535, clamped to the register.
    public func temperatureCode(_ t: Celsius) -> UInt16 {
        code((t.value + 45) / 175)
    }

    public func humidityCode(_ rh: RelativeHumidity) -> UInt16 {
        code(rh.value / 100)
    }

    private func code(_ fraction: Double) -> UInt16 {
        guard fraction.isFinite else { return 0 }
        return UInt16(min(65535, max(0, (fraction * 65535).rounded())))
    }

    public func handleWrite(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }   // the address phase of a plain read
        guard bytes.count == 2 else {
            status |= SHT3x.Status.commandFailed
            return
        }
        status &= ~SHT3x.Status.commandFailed
        let command = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        switch command {
        case 0x2400, 0x240B, 0x2416, 0x2C06, 0x2C0D, 0x2C10:   // single shot, any repeatability
            let words = stuck ? frozen : (temperatureCode(temperature), humidityCode(humidity))
            var t = SensirionCRC8.frame(words.0)
            if corruptChecksum { t[2] ^= 0x5A }
            output = t + SensirionCRC8.frame(words.1)
            conversions += 1
            startBusy(SHT3x.measurementDuration)
        case SHT3x.Command.readStatus:
            output = SensirionCRC8.frame(status)
        case SHT3x.Command.clearStatus:
            status &= ~(SHT3x.Status.alertPending | SHT3x.Status.humidityAlert | SHT3x.Status.temperatureAlert
                        | SHT3x.Status.resetDetected)
        case SHT3x.Command.softReset:
            status = SHT3x.Status.resetDetected
            output = []
            startBusy(SHT3x.resetDuration)
        case SHT3x.Command.heaterOn:
            status |= SHT3x.Status.heaterOn
        case SHT3x.Command.heaterOff:
            status &= ~SHT3x.Status.heaterOn
        default:
            status |= SHT3x.Status.commandFailed
        }
    }

    public func handleRead(count: Int) -> [UInt8] {
        let count = max(0, count)
        guard !garbage, !output.isEmpty else { return Array(repeating: 0xFF, count: count) }
        let reply = Array(output.prefix(count)) + Array(repeating: 0xFF, count: max(0, count - output.count))
        output = []   // a result is read once
        return reply
    }

    private func startBusy(_ duration: Seconds) {
        busyUntil = clock.map { $0() + duration }
    }
}

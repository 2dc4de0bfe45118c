import HearthCore
import HearthHAL

/// An SHT4x at command level: one-byte commands in, CRC-framed words out.
///
/// Like `VirtualSHT3x`: quantised inputs, conversions that take
/// `SHT4x.measurementDuration` on the given `clock` (the part NACKs until then; `nack`
/// reads true), 0xFF for a read with nothing waiting, and fault knobs.
public final class VirtualSHT4x: VirtualI2CDevice {
    public var temperature: Celsius
    public var humidity: RelativeHumidity
    public let serialNumber: UInt32
    /// Fault: the part stops acknowledging its address. Reads true while it is busy.
    public var nack: Bool {
        get { nackFault || isBusy }
        set { nackFault = newValue }
    }
    /// Fault: every conversion returns the bits of the last one before the fault.
    public var stuck = false {
        didSet { if stuck && !oldValue { frozen = (temperatureCode(temperature), humidityCode(humidity)) } }
    }
    /// Fault: the temperature word's CRC arrives damaged.
    public var corruptChecksum = false
    /// Fault: every read returns 0xFF.
    public var garbage = false
    /// Control time, for conversion delays; nil makes conversions instantaneous.
    public var clock: (() -> Seconds)?
    /// Conversions started, for tests.
    public private(set) var conversions = 0

    private var nackFault = false
    private var busyUntil: Seconds?
    private var frozen: (UInt16, UInt16) = (0, 0)
    private var output: [UInt8] = []

    public init(temperature: Celsius = Celsius(21), humidity: RelativeHumidity = RelativeHumidity(45),
                serialNumber: UInt32 = 0x0F3C_2A1B) {
        self.temperature = temperature
        self.humidity = humidity
        self.serialNumber = serialNumber
    }

    private var isBusy: Bool {
        guard let busyUntil, let clock else { return false }
        return clock() < busyUntil
    }

    /// Nearest code for T = −45 + 175 · S / 65535.
    public func temperatureCode(_ t: Celsius) -> UInt16 { code((t.value + 45) / 175) }
    /// Nearest code for RH = −6 + 125 · S / 65535.
    public func humidityCode(_ rh: RelativeHumidity) -> UInt16 { code((rh.value + 6) / 125) }

    private func code(_ fraction: Double) -> UInt16 {
        guard fraction.isFinite else { return 0 }
        return UInt16(min(65535, max(0, (fraction * 65535).rounded())))
    }

    public func handleWrite(_ bytes: [UInt8]) {
        guard let command = bytes.first else { return }
        switch command {
        case 0xFD, 0xF6, 0xE0:   // measure at high, medium, low precision
            let words = stuck ? frozen : (temperatureCode(temperature), humidityCode(humidity))
            var t = SensirionCRC8.frame(words.0)
            if corruptChecksum { t[2] ^= 0x5A }
            output = t + SensirionCRC8.frame(words.1)
            conversions += 1
            startBusy(SHT4x.measurementDuration)
        case SHT4x.Command.readSerialNumber:
            output = SensirionCRC8.frame(UInt16(serialNumber >> 16)) + SensirionCRC8.frame(UInt16(serialNumber & 0xFFFF))
            startBusy(SHT4x.serialNumberDelay)
        case SHT4x.Command.softReset:
            output = []
            startBusy(SHT4x.resetDuration)
        default:
            output = []   // unknown commands are ignored
        }
    }

    public func handleRead(count: Int) -> [UInt8] {
        let count = max(0, count)
        guard !garbage, !output.isEmpty else { return Array(repeating: 0xFF, count: count) }
        let reply = Array(output.prefix(count)) + Array(repeating: 0xFF, count: max(0, count - output.count))
        output = []
        return reply
    }

    private func startBusy(_ duration: Seconds) {
        busyUntil = clock.map { $0() + duration }
    }
}

import HearthCore
import HearthHAL

/// A BME280 at register level: chip id, trimming values, ctrl_hum / ctrl_meas, status and
/// the data burst, with the forced-mode cycle the part runs.
///
/// The physics sets `temperature`, `humidity` and `pressure`; a conversion writes the ADC
/// codes that the datasheet's compensation, with this chip's trimming values, turns back
/// into those values (to its 0.01 °C, 1/1024 %RH and 1/256 Pa steps). With a `clock`
/// a conversion takes the datasheet's maximum time for the chosen oversampling: status
/// bit 3 is set and the data registers keep the previous results until it is done.
/// Without one, conversions finish at once.
public final class VirtualBME280: VirtualI2CDevice {
    public var temperature: Celsius
    public var humidity: RelativeHumidity
    public var pressure: Pascals
    public var nack = false
    /// Fault: conversions stop updating the data registers.
    public var stuck = false
    /// Fault: every read returns 0xFF (a floating or shorted data line).
    public var garbage = false
    /// Control time, for conversion delays; nil makes conversions instantaneous.
    public var clock: (() -> Seconds)?
    public let chipID: UInt8
    public let calibration: BME280.Calibration
    /// Forced conversions started, for tests.
    public private(set) var conversions = 0

    /// Trimming values: temperature and pressure from Bosch's worked example (BMP280
    /// datasheet §3.12, the same formulas), humidity from a typical part.
    public static let typicalCalibration = BME280.Calibration(
        t1: 27504, t2: 26435, t3: -1000,
        p1: 36477, p2: -10685, p3: 3024, p4: 2855, p5: 140, p6: -7, p7: 15500, p8: -14600, p9: 6000,
        h1: 75, h2: 362, h3: 0, h4: 333, h5: 0, h6: 30)

    private var registers = [UInt8](repeating: 0, count: 256)
    private var pointer: UInt8 = 0
    private var pending: (data: [UInt8], readyAt: Seconds)?

    public init(chipID: UInt8 = BME280.chipIDValue, calibration: BME280.Calibration = VirtualBME280.typicalCalibration,
                temperature: Celsius = Celsius(21), humidity: RelativeHumidity = RelativeHumidity(45),
                pressure: Pascals = Pascals(101_325)) {
        self.chipID = chipID
        self.calibration = calibration
        self.temperature = temperature
        self.humidity = humidity
        self.pressure = pressure
        let blocks = calibration.registerBlocks
        registers.replaceSubrange(0x88..<(0x88 + 26), with: blocks.temperaturePressure)
        registers.replaceSubrange(0xE1..<(0xE1 + 7), with: blocks.humidity)
        registers[Int(BME280.Register.chipID)] = chipID
        powerUp()
    }

    public var controlMeasurement: UInt8 { registers[Int(BME280.Register.controlMeasurement)] }
    public var isMeasuring: Bool { settle(); return pending != nil }

    /// Power-up / soft-reset state: sleep mode, data registers at their reset values.
    private func powerUp() {
        for register in [BME280.Register.controlHumidity, BME280.Register.status, BME280.Register.controlMeasurement,
                         BME280.Register.config] {
            registers[Int(register)] = 0
        }
        registers.replaceSubrange(0xF7...0xFE, with: [0x80, 0, 0, 0x80, 0, 0, 0x80, 0])
        pending = nil
    }

    public func handleWrite(_ bytes: [UInt8]) {
        settle()
        guard let first = bytes.first else { return }
        pointer = first
        // A write carries (register, value) pairs; the first register is also the read pointer.
        var i = 0
        while i + 1 < bytes.count {
            write(bytes[i], bytes[i + 1])
            i += 2
        }
    }

    public func handleRead(count: Int) -> [UInt8] {
        settle()
        let count = max(0, count)
        guard !garbage else { return Array(repeating: 0xFF, count: count) }
        registers[Int(BME280.Register.status)] = pending == nil ? 0 : BME280.measuringBit
        return (0..<count).map { registers[(Int(pointer) + $0) & 0xFF] }
    }

    private func write(_ register: UInt8, _ value: UInt8) {
        switch register {
        case BME280.Register.reset where value == BME280.resetCommand:
            powerUp()
        case BME280.Register.controlHumidity:
            registers[Int(register)] = value & 0x07
        case BME280.Register.config:
            registers[Int(register)] = value
        case BME280.Register.controlMeasurement:
            registers[Int(register)] = value
            if value & 0x03 != 0 { convert() }   // forced (01, 10) or normal (11)
        default:
            break   // read-only
        }
    }

    /// Oversampling factor of a 3-bit osrs field (0 = skipped).
    private static func oversampling(_ code: UInt8) -> Double {
        switch code { case 0: 0; case 1: 1; case 2: 2; case 3: 4; case 4: 8; default: 16 }
    }

    private func convert() {
        let ctrl = controlMeasurement
        let osT = Self.oversampling(ctrl >> 5), osP = Self.oversampling((ctrl >> 2) & 0x07)
        let osH = Self.oversampling(registers[Int(BME280.Register.controlHumidity)] & 0x07)
        conversions += 1
        var data = stuck ? Array(registers[0xF7...0xFE]) : [0x80, 0, 0, 0x80, 0, 0, 0x80, 0]
        if !stuck {
            let adcT = osT > 0 ? adcTemperature(for: temperature) : BME280.skipped20Bit
            let fine = BME280.Compensation.temperature(adcT: adcT, calibration).fine
            if osT > 0 { data.replaceSubrange(3...5, with: bytes20(adcT)) }
            if osP > 0 { data.replaceSubrange(0...2, with: bytes20(adcPressure(for: pressure, fine: fine))) }
            if osH > 0 {
                let adcH = adcHumidity(for: humidity, fine: fine)
                data.replaceSubrange(6...7, with: [UInt8(adcH >> 8), UInt8(adcH & 0xFF)])
            }
        }
        // Datasheet §9.1: maximum measurement time in ms.
        let ms = 1.25 + 2.3 * osT + (osP > 0 ? 2.3 * osP + 0.575 : 0) + (osH > 0 ? 2.3 * osH + 0.575 : 0)
        pending = (data, (clock?() ?? .zero) + Seconds(ms / 1000))
        settle()
    }

    /// Finish a conversion whose time has come: results in, back to sleep after a forced one.
    private func settle() {
        guard let p = pending else { return }
        if let clock, clock() < p.readyAt { return }
        registers.replaceSubrange(0xF7...0xFE, with: p.data)
        if controlMeasurement & 0x03 != 0x03 { registers[Int(BME280.Register.controlMeasurement)] &= ~0x03 }
        pending = nil
    }

    private func bytes20(_ v: Int32) -> [UInt8] {
        [UInt8((v >> 12) & 0xFF), UInt8((v >> 4) & 0xFF), UInt8((v & 0x0F) << 4)]
    }

    /// The smallest code in 0…limit whose compensated value reaches `target`, for a
    /// compensation that rises with the code (binary search: 20 steps at most).
    private func firstCode(upTo limit: Int32, reaching target: Int64, _ value: (Int32) -> Int64) -> Int32 {
        var low: Int32 = 0, high = limit
        while low < high {
            let mid = low + (high - low) / 2
            if value(mid) >= target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    func adcTemperature(for t: Celsius) -> Int32 {
        let target = t.isFinite ? Int64((t.value * 100).rounded()) : 0
        return firstCode(upTo: 0xFFFFF, reaching: target) {
            Int64(BME280.Compensation.temperature(adcT: $0, calibration).centidegrees)
        }
    }

    func adcHumidity(for rh: RelativeHumidity, fine: Int32) -> Int32 {
        let target = rh.isFinite ? Int64((min(100, max(0, rh.value)) * 1024).rounded()) : 0
        return firstCode(upTo: 0xFFFF, reaching: target) {
            Int64(BME280.Compensation.humidity(adcH: $0, fine: fine, calibration))
        }
    }

    /// Pressure falls as its code rises: search on the negated value.
    func adcPressure(for p: Pascals, fine: Int32) -> Int32 {
        let target = p.isFinite ? Int64((p.value * 256).rounded()) : 0
        let code = firstCode(upTo: 0xFFFFF, reaching: -target) {
            -Int64(BME280.Compensation.pressure(adcP: $0, fine: fine, calibration))
        }
        return code
    }
}

import HearthCore
import HearthHAL
import HearthSimulator
import Testing

/// A control clock the test moves by hand.
final class ManualClimateClock {
    var now = Seconds(100)
    func advance(_ s: Seconds) { now += s }
}

/// The SHT3x, SHT4x and BME280 drivers, unchanged, against the virtual chips.
@Suite struct VirtualSHT3xTests {
    func setup() -> (VirtualSHT3x, SHT3x, ManualClimateClock) {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualSHT3x(temperature: Celsius(21.37), humidity: RelativeHumidity(41.2))
        let clock = ManualClimateClock()
        chip.clock = { clock.now }
        bus.attach(chip, at: 0x44)
        return (chip, SHT3x(bus: bus, address: 0x44), clock)
    }

    @Test func conversionTakesItsTimeThenReadsQuantised() throws {
        let (chip, sensor, clock) = setup()
        try sensor.startMeasurement()
        // Too early: the part does not acknowledge while it converts.
        #expect(throws: DriverError.self) { try sensor.readMeasurement() }
        clock.advance(SHT3x.measurementDuration)
        let sample = try sensor.readMeasurement()
        #expect(abs(sample.temperature.value - 21.37) <= 175.0 / 65535 / 2)
        #expect(abs((sample.humidity?.value ?? 0) - 41.2) <= 100.0 / 65535 / 2)
        #expect(sample.rawTemperature == UInt32(chip.temperatureCode(Celsius(21.37))))
        // A result is read once: reading again without a new conversion is refused.
        #expect(throws: DriverError.self) { try sensor.readMeasurement() }
        #expect(chip.conversions == 1)
    }

    @Test func statusShowsResetUntilCleared() throws {
        let (_, sensor, clock) = setup()
        #expect(try sensor.readStatus() & SHT3x.Status.resetDetected != 0)
        try sensor.clearStatus()
        #expect(try sensor.readStatus() == 0)
        try sensor.softReset()
        clock.advance(SHT3x.resetDuration)
        #expect(try sensor.readStatus() == SHT3x.Status.resetDetected)
    }

    @Test func faultsReachTheDriverAsTheSiliconWouldShowThem() throws {
        let (chip, sensor, clock) = setup()
        chip.corruptChecksum = true
        try sensor.startMeasurement()
        clock.advance(Seconds(1))
        #expect { try sensor.readMeasurement() } throws: { "\($0)".contains("SHT3x checksum mismatch: temperature word") }
        chip.corruptChecksum = false
        chip.garbage = true
        try sensor.startMeasurement()
        clock.advance(Seconds(1))
        #expect(throws: DriverError.self) { try sensor.readMeasurement() }
        chip.garbage = false
        chip.stuck = true
        chip.temperature = Celsius(35)
        try sensor.startMeasurement()
        clock.advance(Seconds(1))
        #expect(abs(try sensor.readMeasurement().temperature.value - 21.37) < 0.01)
        chip.nack = true
        #expect(throws: DriverError.bus(BusError(.nack, bus: "sim-i2c", address: 0x44, detail: "injected fault"))) {
            try sensor.startMeasurement()
        }
    }

    @Test func withoutAClockConversionsAreInstant() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        bus.attach(VirtualSHT3x(temperature: Celsius(-10)), at: 0x45)
        let sensor = SHT3x(bus: bus, address: 0x45)
        try sensor.startMeasurement()
        #expect(abs(try sensor.readMeasurement().temperature.value + 10) < 0.002)
    }
}

@Suite struct VirtualSHT4xTests {
    @Test func serialAndMeasurementHonourTheirDelays() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualSHT4x(temperature: Celsius(19.5), humidity: RelativeHumidity(60), serialNumber: 0x1234_5678)
        let clock = ManualClimateClock()
        chip.clock = { clock.now }
        bus.attach(chip, at: 0x44)
        let sensor = SHT4x(bus: bus, address: 0x44)
        try sensor.requestSerialNumber()
        #expect(throws: DriverError.self) { try sensor.readSerialNumber() }
        clock.advance(SHT4x.serialNumberDelay)
        #expect(try sensor.readSerialNumber() == 0x1234_5678)
        try sensor.startMeasurement()
        clock.advance(Seconds(0.005))
        #expect(chip.nack)   // still converting
        clock.advance(SHT4x.measurementDuration)
        let sample = try sensor.readMeasurement()
        #expect(abs(sample.temperature.value - 19.5) <= 175.0 / 65535 / 2)
        #expect(abs((sample.humidity?.value ?? 0) - 60) <= 125.0 / 65535 / 2)
    }

    @Test func checksumFaultIsReported() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualSHT4x()
        chip.corruptChecksum = true
        bus.attach(chip, at: 0x45)
        let sensor = SHT4x(bus: bus, address: 0x45)
        try sensor.startMeasurement()
        #expect { try sensor.readMeasurement() } throws: { "\($0)".hasPrefix("sim-i2c address 0x45: SHT4x checksum mismatch") }
    }
}

@Suite struct VirtualBME280Tests {
    func setup(chipID: UInt8 = 0x60) -> (VirtualBME280, BME280, ManualClimateClock) {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualBME280(chipID: chipID, temperature: Celsius(21.37), humidity: RelativeHumidity(43.5),
                                 pressure: Pascals(98_765))
        let clock = ManualClimateClock()
        chip.clock = { clock.now }
        bus.attach(chip, at: 0x76)
        return (chip, BME280(bus: bus, address: 0x76, measuresPressure: true), clock)
    }

    @Test func forcedConversionRoundTripsThroughTheCompensation() throws {
        let (chip, sensor, clock) = setup()
        try sensor.identify()
        let calibration = try sensor.readCalibration()
        #expect(calibration == VirtualBME280.typicalCalibration)
        #expect(throws: DriverError.self) { try sensor.readMeasurement(calibration: calibration) }   // nothing converted yet
        try sensor.startMeasurement()
        #expect(chip.isMeasuring)
        #expect { try sensor.readMeasurement(calibration: calibration) } throws: { ($0 as? DriverError)?.busError?.kind == .busy }
        clock.advance(sensor.measurementDuration)
        let sample = try sensor.readMeasurement(calibration: calibration)
        #expect(sample.temperature == Celsius(21.37))
        #expect(abs((sample.humidity?.value ?? 0) - 43.5) < 0.01)   // one ADC step is ≈ 0.005 %RH here
        #expect(abs((sample.pressure?.value ?? 0) - 98_765) < 0.5)
        #expect(chip.controlMeasurement & 0x03 == 0)   // back to sleep after the forced conversion
    }

    @Test func skippedPressureStaysAtItsResetCode() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        bus.attach(VirtualBME280(temperature: Celsius(-5.5)), at: 0x77)
        let sensor = BME280(bus: bus, address: 0x77)
        let calibration = try sensor.readCalibration()
        try sensor.startMeasurement()
        let sample = try sensor.readMeasurement(calibration: calibration)
        #expect(sample.temperature == Celsius(-5.5))
        #expect(sample.pressure == nil)
        #expect(sample.humidity != nil)
    }

    @Test func wrongChipAndFaults() throws {
        let (chip, sensor, clock) = setup(chipID: 0x58)
        #expect { try sensor.identify() } throws: { "\($0)".contains("reads 0x58 (a BMP280 (no humidity sensor)), expected 0x60") }
        let calibration = try sensor.readCalibration()
        try sensor.startMeasurement()
        clock.advance(Seconds(1))
        let before = try sensor.readMeasurement(calibration: calibration)
        chip.stuck = true
        chip.temperature = Celsius(30)
        try sensor.startMeasurement()
        clock.advance(Seconds(1))
        #expect(try sensor.readMeasurement(calibration: calibration) == before)
        chip.garbage = true
        #expect(throws: DriverError.self) { try sensor.readCalibration() }
        chip.garbage = false
        chip.nack = true
        #expect(throws: DriverError.self) { try sensor.identify() }
    }

    @Test func softResetReturnsToPowerUp() throws {
        let (_, sensor, clock) = setup()
        let calibration = try sensor.readCalibration()
        try sensor.startMeasurement()
        clock.advance(Seconds(1))
        _ = try sensor.readMeasurement(calibration: calibration)
        try sensor.softReset()
        #expect { try sensor.readMeasurement(calibration: calibration) } throws: { "\($0)".contains("no conversion has run") }
    }
}

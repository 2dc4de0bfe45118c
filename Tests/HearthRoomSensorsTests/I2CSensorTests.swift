import HearthCore
import HearthHAL
import HearthRoomSensors
import HearthSimulator
import Testing

/// The I²C room sensor poller over the register-level virtual chips, on a test clock.
@Suite struct I2CSensorTests {
    let clock = TestClock()
    let logs = LogRecorder()

    func sensor(_ driver: I2CSensorDriver, chip: any VirtualI2CDevice, at address: UInt8,
                interval: Double = 2) -> I2CRoomSensor {
        let bus = VirtualI2CBus(name: "sim-i2c")
        bus.attach(chip, at: address)
        return I2CRoomSensor(name: "\(driver)", thermometer: makeRoomThermometer(driver, bus: bus, address: address),
                             pollInterval: Seconds(interval), logger: logs.logger())
    }

    /// Observe once a second (the control tick) until a value arrives, at most `ticks` times.
    func firstValue(_ s: I2CRoomSensor, ticks: Int = 10) -> Reading<Celsius>? {
        for _ in 0..<ticks {
            if let last = s.observe(now: clock.now).last { return last }
            clock.advance(1)
        }
        return nil
    }

    @Test func sht3xWaitsForItsConversionAcrossTicks() throws {
        let chip = VirtualSHT3x(temperature: Celsius(20.4), humidity: RelativeHumidity(38))
        chip.clock = { [clock] in clock.now }
        let s = sensor(.sht3x, chip: chip, at: 0x44)
        let start = clock.now
        let reading = try #require(firstValue(s))
        // Reset at t0, status and start at t0 + 1, read at t0 + 2: stamped when the conversion finished.
        #expect(clock.now == start + Seconds(2))
        #expect(reading.takenAt == start + Seconds(1) + SHT3x.measurementDuration)
        #expect(abs((reading.value?.value ?? 0) - 20.4) < 0.002)
        #expect(reading.raw == UInt32(chip.temperatureCode(Celsius(20.4))))
        #expect(abs((s.humidity?.value ?? 0) - 38) < 0.002)
        #expect(chip.status & SHT3x.Status.resetDetected == 0)   // set-up cleared it
        // Then one conversion per poll interval, never two at once.
        for _ in 0..<10 {
            clock.advance(1)
            _ = s.observe(now: clock.now)
        }
        #expect(chip.conversions == 6)
    }

    @Test func sht4xAndBME280AndTMP75ReadTheirChips() throws {
        let sht4 = VirtualSHT4x(temperature: Celsius(22.2))
        sht4.clock = { [clock] in clock.now }
        #expect(abs((try #require(firstValue(sensor(.sht4x, chip: sht4, at: 0x46))).value?.value ?? 0) - 22.2) < 0.002)
        let bme = VirtualBME280(temperature: Celsius(19.87))
        bme.clock = { [clock] in clock.now }
        let bmeReading = try #require(firstValue(sensor(.bme280, chip: bme, at: 0x76)))
        #expect(bmeReading.value == Celsius(19.87))
        #expect(bme.conversions == 1)
        let tmp = VirtualTMP75(temperature: Celsius(23.3))
        let tmpSensor = sensor(.tmp75, chip: tmp, at: 0x48)
        #expect(try #require(firstValue(tmpSensor)).value == Celsius(23.3125))
        #expect(tmp.resolutionBits == 12)
    }

    @Test func aSensorThatStopsIsReportedOnceAndComesBack() throws {
        let chip = VirtualSHT3x(temperature: Celsius(21))
        let s = sensor(.sht3x, chip: chip, at: 0x44)
        let first = try #require(firstValue(s))
        chip.nack = true
        for _ in 0..<5 {
            clock.advance(1)
            _ = s.observe(now: clock.now)
        }
        let failing = s.observe(now: clock.now)
        #expect(failing.last == first)   // the last good value stays, growing old
        #expect(failing.problem == "sim-i2c address 0x44: nack (injected fault)")
        #expect(logs.all.filter { $0.contains("nack") }.count == 1)
        chip.nack = false
        chip.temperature = Celsius(22)
        var recovered: Reading<Celsius>?
        for _ in 0..<6 {
            clock.advance(1)
            let o = s.observe(now: clock.now)
            if let v = o.last?.value, abs(v.value - 22) < 0.002 { recovered = o.last; break }
        }
        #expect(recovered != nil)
        #expect(s.observe(now: clock.now).problem == nil)
        #expect(logs.all.contains { $0.contains("reads again") })
    }

    @Test func wrongChipAndDamagedWordsAreProblemsNotValues() {
        let bmp = VirtualBME280(chipID: 0x58)
        let s = sensor(.bme280, chip: bmp, at: 0x77)
        #expect(firstValue(s, ticks: 4) == nil)
        #expect(s.observe(now: clock.now).problem?.contains("not an BME280: register 0xd0 reads 0x58") == true)
        let noisy = VirtualSHT4x()
        noisy.corruptChecksum = true
        let n = sensor(.sht4x, chip: noisy, at: 0x44)
        #expect(firstValue(n, ticks: 4) == nil)
        #expect(n.observe(now: clock.now).problem?.contains("SHT4x checksum mismatch: temperature word") == true)
        let present = sensor(.sht3x, chip: VirtualSHT3x(), at: 0x45)
        let bus = VirtualI2CBus(name: "sim-i2c")
        let empty = I2CRoomSensor(name: "empty", thermometer: makeRoomThermometer(.sht3x, bus: bus, address: 0x44),
                                  pollInterval: Seconds(2), logger: logs.logger())
        #expect(empty.observe(now: clock.now).problem == "sim-i2c address 0x44: nack (no device)")
        #expect(firstValue(present) != nil)
    }
}

import HearthCore
import HearthHAL
import Testing

/// SHT3x, SHT4x and BME280 drivers against datasheet examples, byte for byte.
@Suite struct SensirionCRC8Tests {
    @Test func matchesTheDatasheetExample() {
        // SHT3x and SHT4x datasheets: CRC(0xBEEF) = 0x92.
        #expect(SensirionCRC8.checksum([0xBE, 0xEF]) == 0x92)
        #expect(SensirionCRC8.checksum([0x00, 0x00]) == 0x81)
        #expect(SensirionCRC8.checksum([0xFF, 0xFF]) == 0xAC)   // an all-ones bus never passes
        #expect(SensirionCRC8.frame(0x6666) == [0x66, 0x66, 0x93])
    }
}

@Suite struct SHT3xTests {
    @Test func decodesDatasheetFormula() {
        #expect(SHT3x.decodeTemperature(0x0000) == Celsius(-45))
        #expect(SHT3x.decodeTemperature(0xFFFF) == Celsius(130))
        #expect(SHT3x.decodeTemperature(0x6666) == Celsius(25))       // 0.4 of full scale
        #expect(SHT3x.decodeHumidity(0xFFFF) == RelativeHumidity(100))
        #expect(abs(SHT3x.decodeHumidity(0x8000).value - 50.00076) < 1e-5)
    }

    @Test func singleShotSendsTheCommandThenReadsSixBytes() throws {
        let bus = ScriptedI2CBus()
        let sensor = SHT3x(bus: bus, address: 0x44)
        try sensor.startMeasurement()
        #expect(bus.writes == [[0x24, 0x00]])
        bus.replies = [[0x66, 0x66, 0x93, 0x80, 0x00, 0xA2]]
        let sample = try sensor.readMeasurement()
        #expect(sample.temperature == Celsius(25))
        #expect(sample.rawTemperature == 0x6666)
        #expect(sample.reading.raw == 0x6666)
        #expect(abs((sample.humidity?.value ?? 0) - 50.00076) < 1e-5)
        #expect(bus.writes == [[0x24, 0x00]])   // the read is a plain read: no command byte
    }

    @Test func checksumMismatchNamesBusAddressAndWord() {
        let bus = ScriptedI2CBus(name: "/dev/i2c-1")
        bus.replies = [[0x66, 0x66, 0x93, 0x80, 0x00, 0x00]]
        #expect {
            try SHT3x(bus: bus, address: 0x45).readMeasurement()
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("/dev/i2c-1 address 0x45: SHT3x checksum mismatch")
                && text.contains("humidity word 0x8000 came with CRC 0x00, expected 0xa2")
        }
    }

    @Test func allOnesFromAFloatingBusIsRefused() {
        let bus = ScriptedI2CBus()
        bus.replies = [[UInt8](repeating: 0xFF, count: 6)]
        #expect(throws: DriverError.self) { try SHT3x(bus: bus, address: 0x44).readMeasurement() }
    }

    @Test func shortReplyIsABusError() {
        let bus = ScriptedI2CBus()
        bus.replies = [[0x66, 0x66, 0x93]]
        #expect {
            try SHT3x(bus: bus, address: 0x44).readMeasurement()
        } throws: { error in
            (error as? DriverError)?.busError?.detail.contains("short read: 3 of 6 bytes") == true
        }
    }

    @Test func statusIsACommandThenACheckedRead() throws {
        let bus = ScriptedI2CBus()
        bus.replies = [[0x80, 0x10, 0xE1]]
        let status = try SHT3x(bus: bus, address: 0x44).readStatus()
        #expect(status == SHT3x.Status.alertPending | SHT3x.Status.resetDetected)
        #expect(bus.writes == [[0xF3, 0x2D]])
        try SHT3x(bus: bus, address: 0x44).clearStatus()
        try SHT3x(bus: bus, address: 0x44).softReset()
        #expect(bus.writes.suffix(2) == [[0x30, 0x41], [0x30, 0xA2]])
    }
}

@Suite struct SHT4xTests {
    @Test func decodesDatasheetFormulaAndCropsHumidity() {
        #expect(SHT4x.decodeTemperature(0x6666) == Celsius(25))
        #expect(SHT4x.decodeHumidity(0x6666) == RelativeHumidity(44))   // −6 + 125 · 0.4
        #expect(SHT4x.decodeHumidity(0x0000) == RelativeHumidity(0))    // −6 % cropped
        #expect(SHT4x.decodeHumidity(0xFFFF) == RelativeHumidity(100))  // 119 % cropped
    }

    @Test func measuresWithOneByteCommands() throws {
        let bus = ScriptedI2CBus()
        let sensor = SHT4x(bus: bus, address: 0x44)
        try sensor.startMeasurement()
        bus.replies = [[0x66, 0x66, 0x93, 0x66, 0x66, 0x93]]
        let sample = try sensor.readMeasurement()
        #expect(bus.writes == [[0xFD]])
        #expect(sample.temperature == Celsius(25))
        #expect(sample.humidity == RelativeHumidity(44))
    }

    @Test func serialNumberIsTwoCheckedWords() throws {
        let bus = ScriptedI2CBus()
        let sensor = SHT4x(bus: bus, address: 0x46)
        try sensor.requestSerialNumber()
        bus.replies = [[0x0F, 0x3C, 0xA0, 0x2A, 0x1B, 0x1A]]
        #expect(try sensor.readSerialNumber() == 0x0F3C_2A1B)
        #expect(bus.writes == [[0x89]])
        bus.replies = [[0x0F, 0x3C, 0xA0, 0x2A, 0x1B, 0x1B]]
        #expect {
            try sensor.readSerialNumber()
        } throws: { "\($0)".contains("address 0x46: SHT4x checksum mismatch: serial number low word 0x2a1b") }
    }

    @Test func nackIsABusErrorNamingTheAddress() {
        let bus = ScriptedI2CBus()
        bus.nacking = true
        #expect(throws: DriverError.bus(BusError(.nack, bus: "script-i2c", address: 0x44))) {
            try SHT4x(bus: bus, address: 0x44).startMeasurement()
        }
    }
}

@Suite struct BME280Tests {
    let example = BME280.Calibration(
        t1: 27504, t2: 26435, t3: -1000,
        p1: 36477, p2: -10685, p3: 3024, p4: 2855, p5: 140, p6: -7, p7: 15500, p8: -14600, p9: 6000,
        h1: 75, h2: 362, h3: 0, h4: 333, h5: 0, h6: 30)

    @Test func temperatureAndPressureMatchBoschWorkedExample() {
        // Bosch's worked example (BMP280 datasheet §3.12, same formulas as the BME280):
        // adc_T = 519888 → 25.08 °C, t_fine 128422; adc_P = 415148 → 100653.27 Pa (float formula).
        let (centi, fine) = BME280.Compensation.temperature(adcT: 519_888, example)
        #expect(centi == 2508)
        #expect(fine == 128_422)
        let q24_8 = BME280.Compensation.pressure(adcP: 415_148, fine: fine, example)
        #expect(q24_8 == 25_767_233)   // the 64-bit integer formula, bit for bit (checked against the C)
        #expect(abs(Double(q24_8) / 256 - 100_653.27) < 0.05)
    }

    @Test func humidityMatchesTheFloatingPointFormula() {
        let fine: Int32 = 128_422
        for adcH: Int32 in [20_000, 25_000, 0x6FF0, 30_000] {
            let fixed = Double(BME280.Compensation.humidity(adcH: adcH, fine: fine, example)) / 1024
            // Datasheet §8.1 double-precision formula, computed here independently.
            let c = example
            let var1 = Double(fine) - 76800
            let var2 = Double(c.h4) * 64 + Double(c.h5) / 16384 * var1
            let var5 = 1 + Double(c.h3) / 67_108_864 * var1
            let var6 = (Double(adcH) - var2) * (Double(c.h2) / 65536)
                * (var5 * (1 + Double(c.h6) / 67_108_864 * var1 * var5))
            let float = min(100, max(0, var6 * (1 - Double(c.h1) * var6 / 524_288)))   // cropped, as the datasheet does
            #expect(abs(fixed - float) < 0.01, "adc_H \(adcH): \(fixed) vs \(float)")
        }
        #expect(BME280.Compensation.humidity(adcH: 0x6FF0, fine: fine, example) == 42_245)
        #expect(BME280.Compensation.humidity(adcH: 0, fine: fine, example) == 0)            // clamped at 0 %
        #expect(BME280.Compensation.humidity(adcH: 0xFFFF, fine: fine, example) == 102_400) // clamped at 100 %
    }

    @Test func garbageCodesNeverCrash() {
        let zero = BME280.Calibration(t1: 0xFFFF, t2: .max, t3: .min, p1: 0, p2: .min, p3: .max, p4: .min, p5: .max,
                                      p6: .min, p7: .max, p8: .min, p9: .max, h1: 255, h2: .max, h3: 255,
                                      h4: 2047, h5: -2048, h6: .min)
        for adc: Int32 in [0, 0xFFFFF, 0x80000] {
            let fine = BME280.Compensation.temperature(adcT: adc, zero).fine
            _ = BME280.Compensation.pressure(adcP: adc, fine: fine, zero)
            _ = BME280.Compensation.humidity(adcH: adc & 0xFFFF, fine: fine, zero)
        }
        #expect(BME280.Compensation.pressure(adcP: 415_148, fine: 0, zero) == 0)   // dig_P1 = 0: the datasheet's guard
    }

    @Test func calibrationNibblesDecodeAndRoundTrip() {
        // 0xE4 = 0x14, 0xE5 = 0x0D, 0xE6 = 0x00 → dig_H4 = 0x14D = 333, dig_H5 = 0.
        var humidity: [UInt8] = [0x6A, 0x01, 0x00, 0x14, 0x0D, 0x00, 0x1E]
        var block = example.registerBlocks
        #expect(block.humidity == humidity)
        #expect(BME280.Calibration(temperaturePressureBlock: block.temperaturePressure, humidityBlock: humidity) == example)
        // Negative 12-bit values: 0xE4 = 0xFE, 0xE5 = 0x3F, 0xE6 = 0x80 → dig_H4 = −17, dig_H5 = −2045.
        humidity = [0x6A, 0x01, 0x00, 0xFE, 0x3F, 0x80, 0x1E]
        let negative = BME280.Calibration(temperaturePressureBlock: block.temperaturePressure, humidityBlock: humidity)
        #expect(negative.h4 == -17)
        #expect(negative.h5 == -2045)
        block = negative.registerBlocks
        #expect(block.humidity == humidity)
        #expect(block.temperaturePressure[0...1] == [0x70, 0x6B])   // dig_T1 27504, little-endian
    }

    @Test func wrongChipIDNamesWhatWasFound() {
        let bus = MockI2CBus(name: "/dev/i2c-1")
        bus.set(0x76, 0xD0, [0x58])
        #expect {
            try BME280(bus: bus, address: 0x76).identify()
        } throws: { error in
            "\(error)" == "/dev/i2c-1 address 0x76: not an BME280: register 0xd0 reads 0x58 (a BMP280 (no humidity sensor)), expected 0x60"
        }
        bus.set(0x76, 0xD0, [0x60])
        #expect(throws: Never.self) { try BME280(bus: bus, address: 0x76).identify() }
    }

    @Test func forcedModeWritesOversamplingThenMode() throws {
        let bus = MockI2CBus()
        try BME280(bus: bus, address: 0x77).startMeasurement()
        #expect(bus.writes.map(\.bytes) == [[0xF2, 0x01], [0xF4, 0x21]])
        try BME280(bus: bus, address: 0x77, measuresPressure: true).startMeasurement()
        #expect(bus.writes.last?.bytes == [0xF4, 0x25])
    }

    @Test func readsTheBurstAndCompensates() throws {
        let bus = MockI2CBus()
        bus.set(0x76, 0xF3, [0x00])
        // adc_P 415148 = 0x655AC, adc_T 519888 = 0x7EED0, adc_H 0x6FF0.
        bus.set(0x76, 0xF7, [0x65, 0x5A, 0xC0, 0x7E, 0xED, 0x00, 0x6F, 0xF0])
        let sample = try BME280(bus: bus, address: 0x76, measuresPressure: true).readMeasurement(calibration: example)
        #expect(sample.temperature == Celsius(25.08))
        #expect(sample.rawTemperature == 519_888)
        #expect(sample.humidity == RelativeHumidity(42_245.0 / 1024))
        #expect(sample.pressure == Pascals(25_767_233.0 / 256))
        bus.set(0x76, 0xF3, [0x08])
        #expect {
            try BME280(bus: bus, address: 0x76).readMeasurement(calibration: example)
        } throws: { ($0 as? DriverError)?.busError?.kind == .busy }
        bus.set(0x76, 0xF3, [0x00])
        bus.set(0x76, 0xF7, [0x80, 0, 0, 0x80, 0, 0, 0x80, 0])
        #expect {
            try BME280(bus: bus, address: 0x76).readMeasurement(calibration: example)
        } throws: { "\($0)".contains("no conversion has run") }
    }

    @Test func blankCalibrationIsRefused() {
        let bus = MockI2CBus()
        bus.set(0x76, 0x88, [UInt8](repeating: 0xFF, count: 26))
        bus.set(0x76, 0xE1, [UInt8](repeating: 0xFF, count: 7))
        #expect {
            try BME280(bus: bus, address: 0x76).readCalibration()
        } throws: { "\($0)".contains("does not behave like an BME280: calibration dig_T1 = 65535") }
    }
}

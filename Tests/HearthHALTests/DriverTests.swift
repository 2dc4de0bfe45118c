import HearthCore
import HearthHAL
import Testing

@Suite struct TMP75Tests {
    @Test func decodesDatasheetExamples() {
        // TMP75 datasheet table: 0x7FF0 = 127.9375, 0x1900 = 25, 0x0040 = 0.25, 0xFFC0 = -0.25, 0xE700 = -25, 0xC900 = -55.
        #expect(TMP75.decode(0x7FF0, variant: .tmp75) == Celsius(127.9375))
        #expect(TMP75.decode(0x1900, variant: .tmp75) == Celsius(25))
        #expect(TMP75.decode(0x0040, variant: .tmp75) == Celsius(0.25))
        #expect(TMP75.decode(0xFFC0, variant: .tmp75) == Celsius(-0.25))
        #expect(TMP75.decode(0xE700, variant: .tmp75) == Celsius(-25))
        #expect(TMP75.decode(0xC900, variant: .tmp75) == Celsius(-55))
    }

    @Test func lm75IgnoresBitsBelowHalfDegree() {
        // LM75 is 9-bit: 0x1970 has junk below bit 7, reads 25.0 not 25.4375.
        #expect(TMP75.decode(0x1970, variant: .lm75) == Celsius(25))
        #expect(TMP75.decode(0xFF80, variant: .lm75) == Celsius(-0.5))
        #expect(TMP75.decode(0x1970, variant: .tmp75) == Celsius(25.4375))
    }

    @Test func configureWritesTwelveBitResolution() throws {
        let bus = MockI2CBus()
        try TMP75(bus: bus, address: 0x48).configure()
        #expect(bus.byte(0x48, 0x01) == 0x60)
        let lmBus = MockI2CBus()
        try TMP75(bus: lmBus, address: 0x49, variant: .lm75).configure()
        #expect(lmBus.writes.isEmpty)
    }

    @Test func readReturnsValueAndRawBits() throws {
        let bus = MockI2CBus()
        bus.set16(0x48, 0x00, 0xF630)  // -9.8125 °C
        let s = try TMP75(bus: bus, address: 0x48).readTemperature()
        #expect(s.value == Celsius(-9.8125))
        #expect(s.raw == 0xF630)
    }

    @Test func nackBecomesDriverBusError() {
        let bus = MockI2CBus()
        bus.nacking = [0x48]
        #expect(throws: DriverError.bus(BusError(.nack, bus: "mock-i2c", address: 0x48))) {
            try TMP75(bus: bus, address: 0x48).readTemperature()
        }
    }

    @Test func plausibilityRejectsUnconfiguredOrWrongChip() throws {
        let bus = MockI2CBus()
        let sensor = TMP75(bus: bus, address: 0x48)
        bus.set(0x48, 0x01, [0x00])
        bus.set16(0x48, 0x02, 0x4B00)
        bus.set16(0x48, 0x03, 0x5000)
        #expect(throws: DriverError.self) { try sensor.checkPlausible() }
        try sensor.configure()
        try sensor.checkPlausible()
        bus.set16(0x48, 0x03, 0x0000)  // T_high below T_low: not a TMP75
        #expect(throws: DriverError.self) { try sensor.checkPlausible() }
    }
}

@Suite struct EMC2101Tests {
    func chip(product: UInt8 = 0x16) -> (MockI2CBus, EMC2101) {
        let bus = MockI2CBus()
        bus.set(0x4C, 0xFE, [0x5D])
        bus.set(0x4C, 0xFD, [product])
        bus.set(0x4C, 0x03, [0b0101_0000])  // standby + DAC set: configure must clear both
        bus.set(0x4C, 0x4A, [0b0100_0000])  // force bit set: configure must clear it
        return (bus, EMC2101(bus: bus, address: 0x4C))
    }

    @Test func identifiesBothProductIDs() throws {
        #expect(try chip().1.identify() == "EMC2101")
        #expect(try chip(product: 0x28).1.identify() == "EMC2101-R")
    }

    @Test func wrongIDsNameRegisterAndValue() {
        let (bus, emc) = chip(product: 0x17)
        #expect {
            try emc.identify()
        } throws: { error in
            "\(error)".contains("0xfd") && "\(error)".contains("0x17")
        }
        bus.set(0x4C, 0xFE, [0x54])
        #expect(throws: DriverError.wrongIdentity(part: "EMC2101", bus: "mock-i2c", address: 0x4C, register: 0xFE,
                                                  expected: "0x5d", found: "0x54")) { try emc.identify() }
    }

    @Test func configureEnablesTachPWMAndDirectSetting() throws {
        let (bus, emc) = chip()
        try emc.configure()
        #expect(bus.byte(0x4C, 0x03) == 0b0000_0100)
        #expect(bus.byte(0x4C, 0x4A) == 0b0010_0000)
    }

    @Test func externalTemperatureHighAndLowBytes() throws {
        let (bus, emc) = chip()
        bus.set(0x4C, 0x01, [0x19]); bus.set(0x4C, 0x10, [0x60])  // 25 + 3 × 0.125
        var s = try emc.readExternalTemperature()
        #expect(s.value == Celsius(25.375))
        #expect(s.raw == 0x1960)
        bus.set(0x4C, 0x01, [0xF6]); bus.set(0x4C, 0x10, [0x1F])  // -10 + 0; low junk bits ignored
        s = try emc.readExternalTemperature()
        #expect(s.value == Celsius(-10))
        bus.set(0x4C, 0x01, [0xFF]); bus.set(0x4C, 0x10, [0xE0])  // -0.125
        #expect(try emc.readExternalTemperature().value == Celsius(-0.125))
    }

    @Test func diodeFaultIsAnError() {
        let (bus, emc) = chip()
        bus.set(0x4C, 0x01, [0x7F]); bus.set(0x4C, 0x10, [0xE0])
        #expect(throws: DriverError.diodeFault(bus: "mock-i2c", address: 0x4C, detail: "short")) {
            try emc.readExternalTemperature()
        }
    }

    @Test func internalTemperatureIsSigned() throws {
        let (bus, emc) = chip()
        bus.set(0x4C, 0x00, [0xFB])
        #expect(try emc.readInternalTemperature().value == Celsius(-5))
    }

    @Test func tachConversionAndStall() throws {
        let (bus, emc) = chip()
        bus.set(0x4C, 0x46, [0x08]); bus.set(0x4C, 0x47, [0x07])  // 0x0708 = 1800 → 3000 rpm
        let s = try emc.readFanSpeed()
        #expect(s.value == RPM(3000))
        #expect(s.raw == 0x0708)
        bus.set(0x4C, 0x46, [0xFF]); bus.set(0x4C, 0x47, [0xFF])
        #expect(try emc.readFanSpeed().value == .zero)
        bus.set(0x4C, 0x46, [0x00]); bus.set(0x4C, 0x47, [0x00])
        #expect(try emc.readFanSpeed().value == .zero)
    }

    @Test func fanDutyMapsToSixBitSetting() throws {
        let (bus, emc) = chip()
        try emc.setFanDuty(.full)
        #expect(bus.byte(0x4C, 0x4C) == 63)
        try emc.setFanDuty(DutyCycle(0.5))
        #expect(bus.byte(0x4C, 0x4C) == 32)
        try emc.setFanDuty(.zero)
        #expect(bus.byte(0x4C, 0x4C) == 0)
        #expect(EMC2101.fanSetting(for: DutyCycle(0.3)) == 19)
    }

    @Test func nackOnFanWrite() {
        let (bus, emc) = chip()
        bus.nacking = [0x4C]
        #expect(throws: DriverError.self) { try emc.setFanDuty(.full) }
    }
}

@Suite struct INA260Tests {
    func chip() -> (MockI2CBus, INA260) {
        let bus = MockI2CBus()
        bus.set16(0x40, 0xFE, 0x5449)
        bus.set16(0x40, 0xFF, 0x2270)
        return (bus, INA260(bus: bus, address: 0x40))
    }

    @Test func identifies() throws {
        let (bus, ina) = chip()
        try ina.identify()
        bus.set16(0x40, 0xFF, 0x2260)  // INA226's die id is 0x2260
        #expect(throws: DriverError.self) { try ina.identify() }
    }

    @Test func conversionsAtDatasheetScale() throws {
        let (bus, ina) = chip()
        bus.set16(0x40, 0x01, 0x2710)  // 10000 × 1.25 mA = 12.5 A
        bus.set16(0x40, 0x02, 0x2580)  // 9600 × 1.25 mV = 12 V
        bus.set16(0x40, 0x03, 0x3A98)  // 15000 × 10 mW = 150 W
        #expect(try ina.readCurrent().value == Amperes(12.5))
        #expect(try ina.readBusVoltage().value == Millivolts(12_000))
        let p = try ina.readPower()
        #expect(p.value.value.isApproximately(150))
        #expect(p.raw == 0x3A98)
        bus.set16(0x40, 0x01, 0xFFFC)  // -4 × 1.25 mA
        #expect(try ina.readCurrent().value == Amperes(-0.005))
    }

    @Test func configureWritesAveraging() throws {
        let (bus, ina) = chip()
        try ina.configure()
        #expect(bus.registers[0x40]?[0x00] == [0x65, 0x27])
    }
}

extension Double {
    func isApproximately(_ other: Double, tolerance: Double = 1e-9) -> Bool { abs(self - other) <= tolerance * max(1, abs(other)) }
}

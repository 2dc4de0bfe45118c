import HearthCore
import HearthHAL
import HearthSimulator
import Testing

/// The production drivers, unchanged, against the register-level virtual chips.
@Suite struct VirtualTMP75Tests {
    @Test func powersUpNineBitThenTwelveAfterConfigure() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualTMP75(temperature: Celsius(21.3))
        bus.attach(chip, at: 0x48)
        let sensor = TMP75(bus: bus, address: 0x48)
        #expect(try sensor.readTemperature().value == Celsius(21.5))   // 9-bit: 0.5 °C steps
        try sensor.configure()
        #expect(chip.resolutionBits == 12)
        #expect(try sensor.readTemperature().value == Celsius(21.3125)) // nearest 0.0625 step
        try sensor.checkPlausible()
    }

    @Test func negativeTemperaturesRoundTrip() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualTMP75(temperature: Celsius(-12.34))
        bus.attach(chip, at: 0x49)
        let sensor = TMP75(bus: bus, address: 0x49)
        try sensor.configure()
        let s = try sensor.readTemperature()
        #expect(s.value == Celsius(-12.3125))
        #expect(s.raw == 0xF3B0)
        chip.temperature = Celsius(-55)
        #expect(try sensor.readTemperature().value == Celsius(-55))
    }

    @Test func lm75StaysNineBit() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualTMP75(variant: .lm75, temperature: Celsius(-0.7))
        bus.attach(chip, at: 0x4A)
        let sensor = TMP75(bus: bus, address: 0x4A, variant: .lm75)
        try sensor.configure()
        // A TMP75 driver mistakenly used on an LM75 cannot switch it to 12 bits.
        try TMP75(bus: bus, address: 0x4A).configure()
        #expect(chip.resolutionBits == 9)
        #expect(try sensor.readTemperature().value == Celsius(-0.5))
        #expect(throws: DriverError.self) { try TMP75(bus: bus, address: 0x4A).checkPlausible() }
    }

    @Test func stuckRegisterStopsUpdating() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualTMP75(temperature: Celsius(30))
        bus.attach(chip, at: 0x48)
        let sensor = TMP75(bus: bus, address: 0x48)
        try sensor.configure()
        chip.stuck = true
        chip.temperature = Celsius(80)
        let s = try sensor.readTemperature()
        #expect(s.value == Celsius(30))
        chip.stuck = false
        #expect(try sensor.readTemperature().value == Celsius(80))
    }

    @Test func nackFaultAndAbsentDeviceThrow() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualTMP75()
        bus.attach(chip, at: 0x48)
        chip.nack = true
        #expect(throws: DriverError.bus(BusError(.nack, bus: "sim-i2c", address: 0x48, detail: "injected fault"))) {
            try TMP75(bus: bus, address: 0x48).readTemperature()
        }
        #expect(throws: DriverError.self) { try TMP75(bus: bus, address: 0x4F).readTemperature() }
        chip.nack = false
        _ = try TMP75(bus: bus, address: 0x48).readTemperature()
    }
}

@Suite struct VirtualEMC2101Tests {
    func setup() -> (VirtualEMC2101, EMC2101) {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualEMC2101(productID: 0x28)
        bus.attach(chip, at: 0x4C)
        return (chip, EMC2101(bus: bus, address: 0x4C))
    }

    @Test func identifyAndConfigure() throws {
        let (chip, emc) = setup()
        #expect(try emc.identify() == "EMC2101-R")
        try emc.configure()
        #expect(chip.configuration & EMC2101.altTach != 0)
        #expect(chip.fanConfiguration & EMC2101.lutDisable != 0)
    }

    @Test func fanDutyReachesCommandedDutyOnlyAfterConfigure() throws {
        let (chip, emc) = setup()
        try emc.setFanDuty(DutyCycle(0.25))
        #expect(chip.commandedDuty == .full)   // LUT still owns the output: write ignored
        try emc.configure()
        try emc.setFanDuty(DutyCycle(0.25))
        #expect(chip.commandedDuty == DutyCycle(16.0 / 63))
        #expect(try emc.readFanDuty() == chip.commandedDuty)
    }

    @Test func rpmThroughTachRegisters() throws {
        let (chip, emc) = setup()
        chip.fanRPM = RPM(3000)
        #expect(try emc.readFanSpeed().value == .zero)   // tach input not enabled yet
        try emc.configure()
        #expect(try emc.readFanSpeed().value == RPM(3000))
        chip.fanRPM = RPM(4321)
        let rpm = try emc.readFanSpeed().value.value
        #expect(abs(rpm - 4321) < 4321 * 0.001)
        chip.fanRPM = .zero
        let stalled = try emc.readFanSpeed()
        #expect(stalled.value == .zero)
        #expect(stalled.raw == 0xFFFF)
    }

    @Test func externalAndInternalTemperatures() throws {
        let (chip, emc) = setup()
        chip.externalTemperature = Celsius(71.3)
        chip.internalTemperature = Celsius(-3.4)
        #expect(try emc.readExternalTemperature().value == Celsius(71.25))
        #expect(try emc.readInternalTemperature().value == Celsius(-3))
        chip.externalTemperature = Celsius(-20.06)
        #expect(try emc.readExternalTemperature().value == Celsius(-20))
    }

    @Test func stuckAndDiodeFaults() throws {
        let (chip, emc) = setup()
        chip.externalTemperature = Celsius(60)
        chip.stuck = true
        chip.externalTemperature = Celsius(90)
        #expect(try emc.readExternalTemperature().value == Celsius(60))
        chip.diodeOpen = true
        #expect(throws: DriverError.self) { try emc.readExternalTemperature() }
    }

    @Test func nackFault() {
        let (chip, emc) = setup()
        chip.nack = true
        #expect(throws: DriverError.self) { try emc.setFanDuty(.full) }
        #expect(throws: DriverError.self) { try emc.identify() }
    }
}

@Suite struct VirtualINA260Tests {
    @Test func powerComputedFromQuantisedRegisters() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let chip = VirtualINA260(busVoltage: Millivolts(12_003), current: Amperes(10.0003))
        bus.attach(chip, at: 0x40)
        let ina = INA260(bus: bus, address: 0x40)
        try ina.identify()
        try ina.configure()
        #expect(chip.configuration == INA260.averagingConfiguration)
        #expect(try ina.readBusVoltage().value == Millivolts(12_002.5))
        #expect(try ina.readCurrent().value == Amperes(10))
        // 10 A × 12.0025 V = 120.025 W → 12002 × 10 mW
        #expect(try ina.readPower().raw == 12_002)
        chip.current = Amperes(-2)
        #expect(try ina.readCurrent().value == Amperes(-2))
        #expect(try ina.readPower().raw == 2_400)
        chip.nack = true
        #expect(throws: DriverError.self) { try ina.readPower() }
    }
}

@Suite struct VirtualLineTests {
    @Test func gpioDirectionIsEnforced() throws {
        let out = VirtualGPIOLine(name: "asic_enable", direction: .output)
        try out.set(true)
        #expect(out.level)
        let input = VirtualGPIOLine(name: "power_good", direction: .input, level: true)
        #expect(throws: BusError.self) { try input.set(false) }
        #expect(try input.get())
    }

    @Test func pwmEffectiveDuty() throws {
        let pwm = VirtualPWMChannel(name: "pwmchip0/0")
        try pwm.configure(periodNanoseconds: 40_000, inverted: true)
        try pwm.setDuty(DutyCycle(0.3))
        #expect(pwm.effectiveDuty == .zero)
        try pwm.setEnabled(true)
        #expect(abs(pwm.effectiveDuty.value - 0.7) < 1e-12)
    }
}

@Suite struct VirtualBusPerformanceTests {
    /// A simulated day (86 400 ticks × ~10 transfers) must stay far below a second.
    @Test func aDayOfTransfersIsFast() throws {
        let bus = VirtualI2CBus(name: "sim-i2c")
        let tmp = VirtualTMP75(); let emc = VirtualEMC2101(); let ina = VirtualINA260()
        bus.attach(tmp, at: 0x48); bus.attach(emc, at: 0x4C); bus.attach(ina, at: 0x40)
        let t = TMP75(bus: bus, address: 0x48), e = EMC2101(bus: bus, address: 0x4C), i = INA260(bus: bus, address: 0x40)
        try e.configure()
        let clock = ContinuousClock()
        var sum = 0.0
        let elapsed = try clock.measure {
            for tick in 0..<86_400 {
                tmp.temperature = Celsius(20 + Double(tick % 100) * 0.01)
                emc.fanRPM = RPM(2000 + Double(tick % 7))
                sum += try t.readTemperature().value.value
                sum += try e.readExternalTemperature().value.value
                sum += try e.readFanSpeed().value.value
                sum += try i.readPower().value.value
                try e.setFanDuty(DutyCycle(0.5))
            }
        }
        #expect(sum > 0)
        #expect(bus.transferCount == 86_400 * 7 + 4)   // 7 per tick + 4 in configure()
        // Generous bound for a debug build on a shared 2-core machine.
        #expect(elapsed < .seconds(3))
    }
}

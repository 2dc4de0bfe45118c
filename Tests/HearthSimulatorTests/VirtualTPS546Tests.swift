import HearthCore
import HearthHAL
import HearthSimulator
import Testing

/// The production TPS546 driver against the register-level virtual regulator.
@Suite struct VirtualTPS546Tests {
    /// `chip` at 0x24 on its own bus, and the driver for it with the Gamma's 1000…1250 mV.
    static func rig(_ chip: VirtualTPS546 = VirtualTPS546()) -> (bus: VirtualI2CBus, tps: TPS546) {
        let bus = VirtualI2CBus(name: "sim-i2c")
        bus.attach(chip, at: 0x24)
        return (bus, TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250)))
    }

    @Test func driverSetsAndReadsBackThroughTheVirtualChip() throws {
        let chip = VirtualTPS546(initial: Millivolts(1200))
        let (_, tps) = Self.rig(chip)
        try tps.configure(initial: Millivolts(1150))
        try tps.setEnabled(true)
        #expect(chip.on)
        #expect(abs(chip.output.value - 1150) < 2)
        #expect(abs(try tps.readVoltage().value.value - 1150) < 2)
        chip.load = Amperes(12.5)
        chip.temperature = Celsius(57.25)
        #expect(abs(try tps.readCurrent().value.value - 12.5) < 0.02)
        #expect(abs(try tps.readTemperature().value.value - 57.25) < 0.1)
        #expect(abs(try tps.readInputVoltage().value.value - 5000) < 5)
        try tps.setEnabled(false)
        #expect(try tps.readVoltage().value == .zero)
    }

    @Test func theChipClampsToVoutMaxWhateverItIsSent() throws {
        let chip = VirtualTPS546()
        let (bus, tps) = Self.rig(chip)
        try tps.configure(initial: Millivolts(1100))
        // A raw write past VOUT_MAX (a driver without limits) is clamped by the silicon.
        try bus.write(address: 0x24, [TPS546.Command.voutCommand, 0x00, 0x04])  // 2.0 V
        try tps.setEnabled(true)
        #expect(abs(chip.output.value - 1250) < 2)
        #expect(try tps.readStatus() & 0x8000 != 0)
    }

    @Test func aSilentRegulatorIsReported() {
        let chip = VirtualTPS546()
        chip.nack = true
        let (_, tps) = Self.rig(chip)
        #expect(throws: DriverError.self) { try tps.setVoltage(Millivolts(1100)) }
    }

    @Test func operationIsIgnoredUntilOnOffConfigHandsItTheOutput() throws {
        let chip = VirtualTPS546()   // NVM ON_OFF_CONFIG 0x16: CONTROL pin only
        let (_, tps) = Self.rig(chip)
        try tps.setEnabled(true)
        #expect(!chip.on)                                            // powers up off, OPERATION ignored
        #expect(try tps.readStatus() & 0x0840 == 0x0840)             // OFF and POWER_GOOD# set
        try tps.configure(initial: Millivolts(1150))
        #expect(!chip.on)                                            // configure leaves it off
        try tps.setEnabled(true)
        #expect(chip.on)
        #expect(try tps.readStatus() & 0x0840 == 0)
    }

    @Test func theWaitSeesTheSoftStartAndGivesUpOnADeadOutput() throws {
        let chip = VirtualTPS546()
        let (_, tps) = Self.rig(chip)
        try tps.configure(initial: Millivolts(1150))
        chip.riseReads = 3
        var t = 0.0
        try tps.setEnabled(true)
        let v = try tps.waitForOutput(sleep: { t += $0.value }, now: { Seconds(t) })
        #expect(abs(v.value - 1150.4) < 0.1)
        #expect(abs(t - 3 * TPS546.powerUpPollInterval.value) < 1e-9)   // three polls at 0 V, then up

        try tps.setEnabled(false)
        chip.outputFails = true
        t = 0
        try tps.setEnabled(true)
        #expect { try tps.waitForOutput(sleep: { t += $0.value }, now: { Seconds(t) }) } throws: { error in
            let text = "\(error)"
            return text.contains("sim-i2c address 0x24") && text.contains("TPS546 output at 0 mV")
                && text.contains("STATUS_WORD 0x0800")
        }
        #expect(abs(t - TPS546.powerUpTimeout.value) < 1e-9)
    }
}

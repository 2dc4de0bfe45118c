import HearthCore
import HearthHAL
import Testing

/// TPS546 driver: PMBus number formats (vectors worked out by hand from the PMBus part II
/// definitions) and the bytes it puts on the bus.
@Suite struct TPS546Tests {
    @Test("LINEAR11 decodes", arguments: [
        (UInt16(0xD3A0), 14.5),     // e = 11010 (−6), m = 0x3A0 (928): 928 / 64
        (UInt16(0xE8C8), 25.0),     // e = 11101 (−3), m = 0x0C8 (200): 200 / 8
        (UInt16(0xEFFF), -0.125),   // e = −3, m = 0x7FF (−1)
        (UInt16(0x0801), 2.0),      // e = 1, m = 1
    ])
    func linear11(word: UInt16, value: Double) {
        #expect(TPS546.linear11(word) == value)
        #expect(TPS546.linear11(TPS546.linear11(encoding: value)) == value)
    }

    @Test func setsTheVoltageInULinear16LittleEndian() throws {
        let bus = MockI2CBus()
        bus.set(0x24, TPS546.Command.voutMode, [0x17])  // exponent −9: 1/512 V per LSB
        let tps = TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250))
        #expect(try tps.voutExponent() == -9)
        try tps.setVoltage(Millivolts(1150))  // 1.15 × 512 = 588.8 → 589 = 0x024D
        #expect(bus.writes.last?.bytes == [0x21, 0x4D, 0x02])
        bus.set(0x24, TPS546.Command.readVout, [0x4D, 0x02])
        let v = try tps.readVoltage()
        #expect(abs(v.value.value - 1150.39) < 0.01)
        #expect(v.raw == 0x024D)
    }

    @Test func refusesAVoltageOutsideTheBoardsLimitsBeforeTouchingTheBus() {
        let bus = MockI2CBus()
        bus.set(0x24, TPS546.Command.voutMode, [0x17])
        let tps = TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250))
        #expect(throws: DriverError.self) { try tps.setVoltage(Millivolts(1400)) }
        #expect(throws: DriverError.self) { try tps.setVoltage(Millivolts(.nan)) }
        #expect(bus.writes.isEmpty)
    }

    @Test func aRegulatorNotInULinear16ModeIsNotTaken() {
        let bus = MockI2CBus()
        bus.set(0x24, TPS546.Command.voutMode, [0x40])  // VID mode
        let tps = TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250))
        #expect(throws: DriverError.self) { try tps.setVoltage(Millivolts(1100)) }
    }

    @Test func anAbsentRegulatorIsABusError() {
        let bus = MockI2CBus()
        bus.nacking = [0x24]
        let tps = TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250))
        do {
            _ = try tps.readTemperature()
            Issue.record("read from a silent address")
        } catch {
            #expect("\(error)".contains("0x24") || "\(error)".lowercased().contains("nack"), "\(error)")
        }
    }

    @Test func configureTurnsTheOutputOffAndHandsItToOperationBeforeAnyVoltage() throws {
        let bus = MockI2CBus()
        bus.set(0x24, TPS546.Command.voutMode, [0x17])
        let tps = TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250))
        try tps.configure(initial: Millivolts(1150))
        // OPERATION off, ON_OFF_CONFIG PU|CMD|POLARITY|DELAY (CONTROL pin ignored), VOUT_MAX 1.25 V
        // (640 = 0x0280), VOUT_COMMAND 1.15 V (589 = 0x024D): the output stays off throughout.
        #expect(bus.writes.map(\.bytes) == [[0x01, 0x00], [0x02, 0x1B], [0x24, 0x80, 0x02], [0x21, 0x4D, 0x02]])
        try tps.setEnabled(true)
        #expect(bus.writes.last?.bytes == [0x01, 0x80])
    }

    @Test func theWaitForTheOutputEndsWhenReadVoutIsWithinTenPercentOfVoutCommand() throws {
        let bus = MockI2CBus()
        bus.set(0x24, TPS546.Command.voutMode, [0x17])
        bus.set(0x24, TPS546.Command.voutCommand, [0x4D, 0x02])   // 1150.4 mV
        bus.set(0x24, TPS546.Command.readVout, [0x0F, 0x02])      // 527 → 1029.3 mV: under 90 % (1035.4 mV)
        let tps = TPS546(bus: bus, limits: Millivolts(1000)...Millivolts(1250))
        var t = 0.0
        var sleeps = 0
        do {
            try tps.waitForOutput(sleep: { t += $0.value; sleeps += 1 }, now: { Seconds(t) })
            Issue.record("1029 mV passed for 1150 mV")
        } catch {
            #expect(error.busError?.kind == .timeout)
            #expect("\(error)".contains("mock-i2c address 0x24"), "\(error)")
            #expect("\(error)".contains("TPS546 output at 1029 mV") && "\(error)".contains("VOUT_COMMAND 1150 mV"), "\(error)")
        }
        // Bounded in time on the injected clock (0.5 s at 5 ms a poll) and in count.
        #expect(abs(t - TPS546.powerUpTimeout.value) < 1e-9)
        #expect(sleeps == 100)
        bus.set(0x24, TPS546.Command.readVout, [0x20, 0x02])      // 544 → 1062.5 mV: up
        t = 0
        let v = try tps.waitForOutput(sleep: { t += $0.value }, now: { Seconds(t) })
        #expect(abs(v.value - 1062.5) < 0.01)
        #expect(t == 0)   // up at the first poll: no wait
    }
}

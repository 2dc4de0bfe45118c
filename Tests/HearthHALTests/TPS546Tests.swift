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
}

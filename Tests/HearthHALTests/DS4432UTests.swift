import HearthCore
import HearthHAL
import Testing

/// DS4432U: code ↔ voltage on a Bitaxe Ultra 204's feedback network, against values worked out
/// by hand from the datasheet, the bytes on the bus, refusals and a NACK.
///
/// Reference values (computed apart from the driver, in Python, from the datasheet's
/// I_FS = (0.997 V / R_FS) · 127/16 and I_OUT = I_FS · m/127, and Kirchhoff at the FB node
/// V_OUT = V_FB + R_top · (V_FB / R_bottom − I), I > 0 sourcing): R_FS = 80 kΩ, R_top = 4750 Ω,
/// R_bottom = 3320 Ω, V_FB = 600 mV (ESP-Miner's Ultra 204 constants) give
/// I_FS = 98.921 µA (ESP-Miner's BITAXE_IFS is 0.000098921: agrees), 3.6998 mV per step,
/// nominal (code 0) 1458.434 mV, reach 988.559…1928.309 mV.
@Suite struct DS4432UTests {
    static let ultra204 = DS4432U.Feedback(output: .out0, fullScaleResistorOhms: 80_000, topResistorOhms: 4750,
                                           bottomResistorOhms: 3320, reference: Millivolts(600))

    @Test func fullScaleCurrentNominalAndReach() {
        let f = Self.ultra204
        #expect(abs(f.fullScaleCurrent.value - 98.921_09e-6) < 1e-10)
        #expect(abs(f.nominal.value - 1458.4337) < 0.001)
        #expect(abs(f.reach.lowerBound.value - 988.5585) < 0.001)
        #expect(abs(f.reach.upperBound.value - 1928.3089) < 0.001)
    }

    /// target → (raw register, voltage of that code). Below nominal the DAC sources (bit 7 set);
    /// the magnitude is rounded so the output never exceeds the target.
    @Test(arguments: [
        (1200.0, UInt8(0xC6), 1199.4474),   // 69.85 steps → source 70 (ESP-Miner's ceil gives 70 too)
        (1150.0, UInt8(0xD4), 1147.6501),   // 83.36 → source 84
        (1100.0, UInt8(0xE1), 1099.5527),   // 96.88 → source 97
        (1300.0, UInt8(0xAB), 1299.3421),   // 42.82 → source 43
        (1458.0, UInt8(0x81), 1454.7339),   // just under nominal: source 1
        (1500.0, UInt8(0x0B), 1499.1316),   // above nominal: sink 11.23 → 11 (ESP-Miner's ceil: 12, i.e. 1502.8 mV)
    ])
    func codeForVoltage(target: Double, raw: UInt8, volts: Double) throws {
        let code = try #require(Self.ultra204.code(for: Millivolts(target)))
        #expect(code.raw == raw, "\(code)")
        #expect(abs(Self.ultra204.voltage(for: code).value - volts) < 0.001)
        #expect(Self.ultra204.voltage(for: code).value <= target)
        #expect(DS4432U.Code(raw: raw) == code)
    }

    @Test func anExactCodeIsNotPushedOneStepByRounding() throws {
        // Code source 70 gives exactly 1199.4474… mV; asking for that voltage must return 70, not 71.
        let exact = Self.ultra204.voltage(for: DS4432U.Code(sourcing: true, magnitude: 70))
        #expect(Self.ultra204.code(for: exact)?.raw == 0xC6)
        #expect(Self.ultra204.code(for: Self.ultra204.nominal)?.raw == 0x00)
    }

    @Test func writesTheOutputRegister() throws {
        let bus = MockI2CBus()
        let dac = DS4432U(bus: bus, feedback: Self.ultra204, limits: Millivolts(1000)...Millivolts(1300))
        let set = try dac.setVoltage(Millivolts(1200))
        #expect(bus.writes.last?.address == 0x48)
        #expect(bus.writes.last?.bytes == [0xF8, 0xC6])
        #expect(set.code.raw == 0xC6)
        let read = try dac.readVoltage()
        #expect(read.raw == 0xC6)
        #expect(abs(read.value.value - 1199.4474) < 0.001)

        var out1 = Self.ultra204
        out1.output = .out1
        try DS4432U(bus: bus, feedback: out1, limits: Millivolts(1000)...Millivolts(1300)).release()
        #expect(bus.writes.last?.bytes == [0xF9, 0x00])
    }

    @Test func refusesOutsideTheBoardsLimitsBeforeTheBus() {
        let bus = MockI2CBus()
        let dac = DS4432U(bus: bus, feedback: Self.ultra204, limits: Millivolts(1100)...Millivolts(1300))
        for (mv, words) in [(1350.0, "above the board's max_mv 1300 mV"), (1050.0, "below the board's min_mv 1100 mV"),
                            (Double.nan, "not a number")] {
            do {
                try dac.setVoltage(Millivolts(mv))
                Issue.record("\(mv) mV accepted")
            } catch {
                #expect(error.description.contains(words), "\(error)")
                #expect(error.description.contains("0x48"))
            }
        }
        #expect(bus.writes.isEmpty)
    }

    @Test func refusesWhatTheDACCannotReach() {
        // Limits wider than the network's reach (a board file the parser would refuse): the reach is named.
        let dac = DS4432U(bus: MockI2CBus(), feedback: Self.ultra204, limits: Millivolts(500)...Millivolts(2000))
        #expect(Self.ultra204.code(for: Millivolts(950)) == nil)
        do {
            try dac.setVoltage(Millivolts(950))
            Issue.record("950 mV accepted")
        } catch {
            #expect(error.description.contains("988.6 mV…1928.3 mV"), "\(error)")
        }
    }

    @Test func aNackIsReportedWithTheRegister() {
        let bus = MockI2CBus()
        bus.nacking = [0x48]
        let dac = DS4432U(bus: bus, feedback: Self.ultra204, limits: Millivolts(1100)...Millivolts(1300))
        do {
            try dac.setVoltage(Millivolts(1200))
            Issue.record("no error")
        } catch {
            guard case .bus(let e, let register) = error else { Issue.record("\(error)"); return }
            #expect(e.kind == .nack)
            #expect(register == 0xF8)
            #expect(error.description.contains("0x48") && error.description.contains("nack"), "\(error)")
            #expect(error.busError.kind == .nack)
        }
    }
}

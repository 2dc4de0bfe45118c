import HearthCore
import HearthHAL
import HearthSimulator
import Testing
@testable import HearthDaemon

/// The core-voltage setter `LinuxPlant` gives the BM13xx driver, built from `[core_voltage]`:
/// TPS546 and DS4432U on their virtual chips, refusals and a NACK as the bus errors the
/// control loop trips on, and nothing for a fixed-voltage board.
@Suite struct LinuxPlantCoreVoltageTests {
    static func spec(_ regulator: CoreVoltageSpec.Regulator, address: UInt8) -> CoreVoltageSpec {
        let feedback = regulator == .ds4432u
            ? DS4432U.Feedback(fullScaleResistorOhms: 80_000, topResistorOhms: 4750, bottomResistorOhms: 3320,
                               reference: Millivolts(600))
            : nil
        return CoreVoltageSpec(control: .init(regulator: regulator, bus: "i2c-1", address: address, minimum: Millivolts(1100),
                                              maximum: Millivolts(1300), dacFeedback: feedback),
                               nominal: Millivolts(1200), source: "test")
    }

    @Test func tps546GetsItsClampThenTheVoltage() throws {
        let bus = VirtualI2CBus(name: "i2c-1")
        let tps = VirtualTPS546(initial: Millivolts(1000))
        bus.attach(tps, at: 0x24)
        let setter = try #require(try CoreVoltageSetter.make(Self.spec(.tps546, address: 0x24), buses: OneBus(bus)))
        try setter.configure(initial: Millivolts(1200))
        #expect(tps.voutMax == UInt16((1.3 * 512).rounded()))          // 666: the board's max_mv as VOUT_MAX
        #expect(tps.voutCommand == UInt16((1.2 * 512).rounded()))      // 614
        try setter.set(Millivolts(1150))
        #expect(tps.voutCommand == UInt16((1.15 * 512).rounded()))     // 589
        #expect { try setter.set(Millivolts(1350)) } throws: { error in
            guard let e = error as? BusError else { return false }
            return e.kind == .notSupported && e.description.contains("1100.0…1300.0")
        }
        #expect(tps.voutCommand == 589)
    }

    @Test func ds4432uRefusalAndNackAreBusErrors() throws {
        let bus = VirtualI2CBus(name: "i2c-1")
        let dac = VirtualDS4432U()
        bus.attach(dac, at: 0x48)
        let setter = try #require(try CoreVoltageSetter.make(Self.spec(.ds4432u, address: 0x48), buses: OneBus(bus)))
        try setter.set(Millivolts(1200))
        #expect(dac.out0 == 0xC6)
        #expect { try setter.set(Millivolts(1050)) } throws: { error in
            guard let e = error as? BusError else { return false }
            return e.kind == .notSupported && e.description.contains("below the board's min_mv 1100 mV")
        }
        dac.nack = true
        #expect { try setter.set(Millivolts(1250)) } throws: { ($0 as? BusError)?.kind == .nack }
        #expect(dac.out0 == 0xC6)
    }

    @Test func aMissingBusIsNamedAndAFixedBoardHasNoSetter() throws {
        #expect(try CoreVoltageSetter.make(CoreVoltageSpec(control: nil, nominal: Millivolts(1200), source: "t"),
                                           buses: OneBus(VirtualI2CBus(name: "i2c-1"))) == nil)
        #expect { try CoreVoltageSetter.make(Self.spec(.ds4432u, address: 0x48), buses: OneBus(VirtualI2CBus(name: "i2c-9"))) }
            throws: { "\($0)".contains("[core_voltage] ds4432u on i2c-1") }
    }
}

/// A provider with one I2C bus (the regulator's); nothing else exists.
final class OneBus: BusProvider {
    let bus: any I2CBus
    init(_ bus: any I2CBus) { self.bus = bus }
    func i2cBus(named name: String) throws(BusError) -> any I2CBus {
        guard name == bus.name else { throw BusError(.notFound, bus: name) }
        return bus
    }
    func gpioLine(_ spec: GPIOSpec) throws(BusError) -> any GPIOLine { throw BusError(.notFound, bus: spec.chip) }
    func pwmChannel(_ spec: FanPWMSpec) throws(BusError) -> any PWMChannel { throw BusError(.notFound, bus: spec.chip) }
    func tachometer(_ spec: GPIOSpec) throws(BusError) -> any Tachometer { throw BusError(.notFound, bus: spec.chip) }
}

import HearthCore
import HearthHAL

/// The simulator's `BusProvider`: virtual I2C buses with register-level chips,
/// virtual GPIO lines and PWM channels, and a tach fed by the fan model.
final class SimulatorBuses: BusProvider {
    var i2c: [String: VirtualI2CBus] = [:]
    var lines: [GPIOFunction: VirtualGPIOLine] = [:]
    var pwm: VirtualPWMChannel?
    var tach: SimulatedTachometer?

    func i2cBus(named name: String) throws(BusError) -> any I2CBus {
        guard let b = i2c[name] else { throw BusError(.notFound, bus: name, detail: "no such simulated bus") }
        return b
    }

    func gpioLine(_ spec: GPIOSpec) throws(BusError) -> any GPIOLine {
        if let l = lines[spec.function] { return l }
        let l = VirtualGPIOLine(name: "sim:\(spec.chip):\(spec.line)", direction: spec.direction == .output ? .output : .input)
        lines[spec.function] = l
        return l
    }

    func pwmChannel(_ spec: FanPWMSpec) throws(BusError) -> any PWMChannel {
        let c = pwm ?? VirtualPWMChannel(name: "sim:\(spec.chip):\(spec.channel)")
        pwm = c
        return c
    }

    func tachometer(_ spec: GPIOSpec) throws(BusError) -> any Tachometer {
        let t = tach ?? SimulatedTachometer(name: "sim:\(spec.chip):\(spec.line)")
        tach = t
        return t
    }
}

/// A tach line counted by the backend; here it reports the fan model's speed.
final class SimulatedTachometer: Tachometer {
    let name: String
    var rpm = RPM.zero
    init(name: String) { self.name = name }
    func readSpeed() throws(BusError) -> RPM { rpm }
}

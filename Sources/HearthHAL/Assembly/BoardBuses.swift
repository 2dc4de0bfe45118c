/// Where a board assembly gets its buses: Linux device files, the simulator's
/// virtual hardware or test mocks. Each lookup names what it could not open.
public struct BoardBuses {
    public var i2c: (String) throws(BusError) -> any I2CBus
    public var gpio: (GPIOSpec) throws(BusError) -> any GPIOLine
    public var pwm: (PWMSpec) throws(BusError) -> any PWMChannel

    public init(i2c: @escaping (String) throws(BusError) -> any I2CBus,
                gpio: @escaping (GPIOSpec) throws(BusError) -> any GPIOLine,
                pwm: @escaping (PWMSpec) throws(BusError) -> any PWMChannel) {
        self.i2c = i2c
        self.gpio = gpio
        self.pwm = pwm
    }
}

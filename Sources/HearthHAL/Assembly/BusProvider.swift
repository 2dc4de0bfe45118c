/// Hands a board assembly the buses and lines its board file names. Linux
/// opens /dev/i2c-N, gpiochips and pwmchips; the simulator returns virtual ones.
public protocol BusProvider: AnyObject {
    func i2cBus(named name: String) throws(BusError) -> any I2CBus
    func gpioLine(_ spec: GPIOSpec) throws(BusError) -> any GPIOLine
    func pwmChannel(_ spec: FanPWMSpec) throws(BusError) -> any PWMChannel
    /// Speed source for a `fan_tach` line (boards whose fan is on `[fan_pwm]`).
    func tachometer(_ spec: GPIOSpec) throws(BusError) -> any Tachometer
}

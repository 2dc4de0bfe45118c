import HearthCore

/// A PWM output such as a fan drive (Linux sysfs pwmchip, simulator, mock).
public protocol PWMChannel: AnyObject {
    var name: String { get }
    func configure(periodNanoseconds: UInt64, inverted: Bool) throws(BusError)
    func setDuty(_ duty: DutyCycle) throws(BusError)
    func setEnabled(_ enabled: Bool) throws(BusError)
}

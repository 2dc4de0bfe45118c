import HearthCore
import HearthHAL

/// Opens the real devices a board file names: "i2c-1" → /dev/i2c-1, gpio chip +
/// line through libgpiod, pwmchip + channel through sysfs, fan_tach → edge counting.
/// Buses are shared: several devices on "i2c-1" use one descriptor.
public final class LinuxBusProvider: BusProvider {
    public let deviceRoot: String
    public let pwmRoot: String
    public let tachWindow: Seconds
    private var buses: [String: LinuxI2CBus] = [:]

    public init(deviceRoot: String = "/dev", pwmRoot: String = "/sys/class/pwm", tachWindow: Seconds = Seconds(0.25)) {
        self.deviceRoot = deviceRoot
        self.pwmRoot = pwmRoot
        self.tachWindow = tachWindow
    }

    /// The device node a board's bus name means: "i2c-1" → "/dev/i2c-1"; paths pass through.
    public func i2cPath(for name: String) -> String {
        name.hasPrefix("/") ? name : "\(deviceRoot)/\(name)"
    }

    public func i2cBus(named name: String) throws(BusError) -> any I2CBus {
        if let open = buses[name] { return open }
        let bus = try LinuxI2CBus(path: i2cPath(for: name))
        buses[name] = bus
        return bus
    }

    public func gpioLine(_ spec: GPIOSpec) throws(BusError) -> any GPIOLine {
        let request: GPIORequest = spec.direction == .output ? .output(initial: false) : .input(edges: false)
        return try LinuxGPIOLine(.chip(spec.chip, offset: spec.line), request: request,
                                 activeLow: spec.activeLow, name: spec.function.rawValue)
    }

    public func pwmChannel(_ spec: FanPWMSpec) throws(BusError) -> any PWMChannel {
        try SysfsPWMChannel(chip: spec.chip, channel: spec.channel, root: pwmRoot)
    }

    public func tachometer(_ spec: GPIOSpec) throws(BusError) -> any Tachometer {
        let line = try LinuxGPIOLine(.chip(spec.chip, offset: spec.line), request: .input(edges: true),
                                     activeLow: spec.activeLow, name: spec.function.rawValue)
        return GPIOEdgeTachometer(line: line, window: tachWindow)
    }

    /// The hash-chip UART (`[uart]`).
    public func serialPort(_ spec: UARTSpec) throws(BusError) -> any SerialPort {
        try LinuxSerialPort(path: spec.device, baud: spec.baud)
    }

    /// Close every bus opened so far (lines and ports close with their owners).
    public func closeAll() {
        for bus in buses.values { bus.close() }
        buses = [:]
    }
}

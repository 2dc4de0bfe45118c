import Glibc
import HearthHAL

/// What kind of device a path is, so an errno can come with the right fix.
enum DeviceClass {
    case i2c, gpio, pwm, serial, hwmon

    var group: String {
        switch self {
        case .i2c: "i2c"
        case .gpio, .pwm: "gpio"
        case .serial: "dialout"
        case .hwmon: "(any; hwmon is world-readable)"
        }
    }

    func missingFix(_ path: String) -> String {
        switch self {
        case .i2c: "enable I2C (raspi-config / dtparam=i2c_arm=on) or load i2c-dev (modprobe i2c-dev)"
        case .gpio: "check the chip name with gpiodetect; the board file may name the wrong chip"
        case .pwm: "enable hardware PWM (dtoverlay=pwm in config.txt) and check the chip with ls /sys/class/pwm"
        case .serial: "enable the UART (raspi-config → serial port, enable_uart=1) or fix the device in the board file"
        case .hwmon: "check the sensor with ls /sys/class/hwmon/*/name"
        }
    }
}

/// The text of an errno value ("Permission denied").
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Turn an errno from `action` on `path` into a BusError whose detail reads
/// "what happened; fix: what to do" (the probe splits it into two columns).
func linuxError(_ code: Int32, _ device: DeviceClass, path: String, address: UInt8? = nil,
                action: String) -> BusError {
    let what = "\(action): \(errnoText(code))"
    switch code {
    case ENOENT:
        return BusError(.notFound, bus: path, address: address,
                        detail: "\(what); fix: no \(path): \(device.missingFix(path))")
    case ENODEV where action.hasPrefix("open"):
        return BusError(.notFound, bus: path, address: address,
                        detail: "\(what); fix: no \(path): \(device.missingFix(path))")
    case EACCES, EPERM:
        return BusError(.permissionDenied, bus: path, address: address,
                        detail: "\(what); fix: add the user to group \(device.group) or install the udev rules in docs/linux.md")
    case EBUSY:
        return BusError(.busy, bus: path, address: address,
                        detail: "\(what); fix: another program or a kernel driver holds it; stop it or unbind the driver")
    case ETIMEDOUT:
        return BusError(.timeout, bus: path, address: address, detail: "\(what); fix: check wiring, pull-ups and power")
    case ENXIO, EREMOTEIO:
        return BusError(.nack, bus: path, address: address,
                        detail: "\(what): no acknowledge; fix: check wiring, power and the address (i2cdetect -y \(busNumber(path)))")
    case ENODEV where device == .i2c:
        return BusError(.nack, bus: path, address: address,
                        detail: "\(what): no acknowledge; fix: check wiring, power and the address (i2cdetect -y \(busNumber(path)))")
    case EOPNOTSUPP, ENOTTY:
        return BusError(.notSupported, bus: path, address: address, detail: what)
    default:
        return BusError(.io, bus: path, address: address, detail: what)
    }
}

/// "1" for "/dev/i2c-1", for the i2cdetect hint.
private func busNumber(_ path: String) -> String {
    guard let dash = path.lastIndex(of: "-") else { return "N" }
    return String(path[path.index(after: dash)...])
}

/// Monotonic seconds, for windows and deadlines (never wall-clock time).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A timespec for a non-negative duration in seconds.
func timespecFor(seconds: Double) -> timespec {
    let s = max(0, seconds)
    let whole = s.rounded(.down)
    return timespec(tv_sec: Int(whole), tv_nsec: Int((s - whole) * 1e9))
}

import Glibc
import HearthCore
import HearthHAL

/// A PWM output through sysfs: `<root>/pwmchipN/pwmM/{period,duty_cycle,polarity,enable}`.
/// The root is injectable so tests run on a temporary tree.
public final class SysfsPWMChannel: PWMChannel {
    public let name: String
    /// `<root>/pwmchipN/pwmM`.
    public let channelDirectory: String
    private var periodNanoseconds: UInt64?

    /// Export the channel if needed and wait (up to `exportTimeout`) for udev to create it.
    /// - Parameters:
    ///   - chip: "pwmchip0" (or a bare number).
    ///   - root: the sysfs PWM class directory.
    public init(chip: String, channel: Int, root: String = "/sys/class/pwm", exportTimeout: Seconds = Seconds(1)) throws(BusError) {
        let chipName = chip.hasPrefix("pwmchip") ? chip : "pwmchip\(chip)"
        let chipDir = "\(root)/\(chipName)"
        channelDirectory = "\(chipDir)/pwm\(channel)"
        name = "\(chipName) channel \(channel)"
        guard SysfsFile.exists(chipDir) else {
            throw BusError(.notFound, bus: chipDir,
                           detail: "no such PWM chip; fix: \(DeviceClass.pwm.missingFix(chipDir))")
        }
        guard channel >= 0 else { throw BusError(.notFound, bus: chipDir, detail: "channel \(channel) is negative") }
        if !SysfsFile.exists(channelDirectory) {
            do {
                try SysfsFile.write("\(channel)", to: "\(chipDir)/export", .pwm)
            } catch where error.kind == .notSupported {
                let count = (try? SysfsFile.read("\(chipDir)/npwm", .pwm)) ?? "?"
                throw BusError(.notFound, bus: chipDir, detail: "no channel \(channel) (npwm = \(count))")
            }
            // The kernel creates the directory at once; udev fixes its permissions shortly after.
            let deadline = monotonicSeconds() + exportTimeout.value
            while !SysfsFile.exists("\(channelDirectory)/enable") {
                guard monotonicSeconds() < deadline else {
                    throw BusError(.timeout, bus: channelDirectory,
                                   detail: "exported but did not appear within \(exportTimeout.value) s")
                }
                var pause = timespecFor(seconds: 0.01)
                nanosleep(&pause, nil)
            }
        }
    }

    /// Duty 0 first so a shorter period is never below the old duty (the kernel
    /// rejects that); polarity can only change while disabled.
    public func configure(periodNanoseconds: UInt64, inverted: Bool) throws(BusError) {
        guard periodNanoseconds > 0 else {
            throw BusError(.notSupported, bus: channelDirectory, detail: "period must be > 0 ns")
        }
        try attribute("duty_cycle", "0")
        try attribute("period", "\(periodNanoseconds)")
        self.periodNanoseconds = periodNanoseconds
        let polarity = inverted ? "inversed" : "normal"
        if (try? SysfsFile.read("\(channelDirectory)/polarity", .pwm)) != polarity {
            try attribute("enable", "0")
            try attribute("polarity", polarity)
        }
    }

    public func setDuty(_ duty: DutyCycle) throws(BusError) {
        let period = try currentPeriod()
        try attribute("duty_cycle", "\(UInt64((Double(period) * duty.value).rounded()))")
    }

    public func setEnabled(_ enabled: Bool) throws(BusError) {
        try attribute("enable", enabled ? "1" : "0")
    }

    /// The period set by `configure`, or the one the kernel already has.
    private func currentPeriod() throws(BusError) -> UInt64 {
        if let periodNanoseconds { return periodNanoseconds }
        let text = try SysfsFile.read("\(channelDirectory)/period", .pwm)
        guard let p = UInt64(text), p > 0 else {
            throw BusError(.io, bus: channelDirectory, detail: "period not set (reads \"\(text)\"); configure first")
        }
        periodNanoseconds = p
        return p
    }

    private func attribute(_ file: String, _ value: String) throws(BusError) {
        try SysfsFile.write(value, to: "\(channelDirectory)/\(file)", .pwm)
    }
}

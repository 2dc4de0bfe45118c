import Glibc
import HearthCore
import HearthHAL

/// A temperature from a kernel hwmon driver (`tempN_input`, millidegrees), for
/// sensors a kernel driver already owns (CPU, or an lm75 bound by the device tree).
public final class HwmonTemperature {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The `temp<input>_input` of the hwmon device whose `name` file reads `chipName`.
    public convenience init(chipName: String, input: Int = 1, root: String = "/sys/class/hwmon") throws(BusError) {
        for i in 0..<64 {
            let dir = "\(root)/hwmon\(i)"
            guard SysfsFile.exists(dir) else { continue }
            if (try? SysfsFile.read("\(dir)/name", .hwmon)) == chipName {
                self.init(path: "\(dir)/temp\(input)_input")
                return
            }
        }
        throw BusError(.notFound, bus: root, detail: "no hwmon device named \"\(chipName)\"; fix: \(DeviceClass.hwmon.missingFix(root))")
    }

    public func read() throws(BusError) -> Celsius {
        let text = try SysfsFile.read(path, .hwmon)
        guard let milli = Int(text) else {
            throw BusError(.io, bus: path, detail: "not a temperature: \"\(text)\"")
        }
        return Celsius(Double(milli) / 1000)
    }
}

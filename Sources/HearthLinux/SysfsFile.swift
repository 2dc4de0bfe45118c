import Glibc
import HearthHAL

/// Small attribute-file helpers for sysfs (PWM, hwmon). Each call opens,
/// transfers and closes, so no descriptor outlives it.
enum SysfsFile {
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func write(_ text: String, to path: String, _ device: DeviceClass) throws(BusError) {
        // O_TRUNC is ignored by sysfs; it keeps a test's plain-file tree looking the same.
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw linuxError(errno, device, path: path, action: "open") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            let code = errno
            if code == EINVAL {
                throw BusError(.notSupported, bus: path, detail: "the driver rejected \"\(text)\" (invalid argument)")
            }
            throw linuxError(code, device, path: path, action: "write \"\(text)\"")
        }
        guard n == bytes.count else { throw BusError(.io, bus: path, detail: "short write: \(n) of \(bytes.count) bytes") }
    }

    static func read(_ path: String, _ device: DeviceClass) throws(BusError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw linuxError(errno, device, path: path, action: "open") }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 256)
        let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n < 0 { throw linuxError(errno, device, path: path, action: "read") }
        let text = String(decoding: buf.prefix(n), as: UTF8.self)
        return String(text.filter { !$0.isWhitespace })
    }
}

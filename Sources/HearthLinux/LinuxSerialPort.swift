import Glibc
import HearthCore
import HearthHAL

/// A hash-chip UART over termios: raw 8N1, no flow control, reads bounded by poll().
/// Its speed can change while open (the BM13xx chain moves to 1 Mbaud after bring-up).
public final class LinuxSerialPort: BaudRateConfigurable {
    public let name: String
    public private(set) var baud: Int
    private var fd: Int32
    /// How long a write may wait for room in the kernel's buffer.
    private let writeTimeout: Double

    /// Baud rates this platform's termios defines, to their speed constants.
    public static let supportedBaudRates: [Int: speed_t] = [
        9600: speed_t(B9600), 19200: speed_t(B19200), 38400: speed_t(B38400), 57600: speed_t(B57600),
        115200: speed_t(B115200), 230400: speed_t(B230400), 460800: speed_t(B460800),
        500000: speed_t(B500000), 576000: speed_t(B576000), 921600: speed_t(B921600),
        1000000: speed_t(B1000000), 1152000: speed_t(B1152000), 1500000: speed_t(B1500000),
        2000000: speed_t(B2000000), 2500000: speed_t(B2500000), 3000000: speed_t(B3000000),
    ]

    public init(path: String, baud: Int, writeTimeout: Seconds = Seconds(1)) throws(BusError) {
        name = path
        self.baud = baud
        self.writeTimeout = writeTimeout.value
        guard let speed = Self.supportedBaudRates[baud] else {
            let known = Self.supportedBaudRates.keys.sorted().map(String.init).joined(separator: ", ")
            throw BusError(.notSupported, bus: path, detail: "baud \(baud) not supported; fix: use one of \(known)")
        }
        // Non-blocking: every wait goes through poll() with a timeout.
        let opened = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else { throw linuxError(errno, .serial, path: path, action: "open") }
        var tio = termios()
        guard tcgetattr(opened, &tio) == 0 else {
            let code = errno
            Glibc.close(opened)
            if code == ENOTTY { throw BusError(.notSupported, bus: path, detail: "not a serial port (no termios)") }
            throw linuxError(code, .serial, path: path, action: "read settings")
        }
        Self.makeRaw8N1(&tio)
        guard cfsetispeed(&tio, speed) == 0, cfsetospeed(&tio, speed) == 0, tcsetattr(opened, TCSANOW, &tio) == 0 else {
            let code = errno
            Glibc.close(opened)
            throw linuxError(code, .serial, path: path, action: "set \(baud) baud raw mode")
        }
        tcflush(opened, TCIOFLUSH)
        fd = opened
    }

    deinit { close() }

    /// Raw 8N1, no flow control, reads that never block in the kernel (poll() does the waiting).
    static func makeRaw8N1(_ tio: inout termios) {
        cfmakeraw(&tio)
        tio.c_cflag |= tcflag_t(CLOCAL) | tcflag_t(CREAD)
        tio.c_cflag &= ~(tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        withUnsafeMutableBytes(of: &tio.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
    }

    /// Changes both directions' speed once what was written has left (tcdrain), so a
    /// command that tells the far end to switch goes out at the old speed. Raw 8N1 is kept.
    public func setBaudRate(_ newBaud: Int) throws(BusError) {
        guard fd >= 0 else { throw BusError(.io, bus: name, detail: "port is closed") }
        guard let speed = Self.supportedBaudRates[newBaud] else {
            let known = Self.supportedBaudRates.keys.sorted().map(String.init).joined(separator: ", ")
            throw BusError(.notSupported, bus: name, detail: "baud \(newBaud) not supported; fix: use one of \(known)")
        }
        var tio = termios()
        guard tcgetattr(fd, &tio) == 0 else { throw linuxError(errno, .serial, path: name, action: "read settings") }
        Self.makeRaw8N1(&tio)
        _ = tcdrain(fd)
        guard cfsetispeed(&tio, speed) == 0, cfsetospeed(&tio, speed) == 0, tcsetattr(fd, TCSANOW, &tio) == 0 else {
            throw linuxError(errno, .serial, path: name, action: "set \(newBaud) baud")
        }
        baud = newBaud
    }

    /// The speed termios reports for an open terminal, in baud (nil for a rate outside the table).
    public static func currentBaud(of fd: Int32) -> Int? {
        var tio = termios()
        guard tcgetattr(fd, &tio) == 0 else { return nil }
        let speed = cfgetospeed(&tio)
        return supportedBaudRates.first { $0.value == speed }?.key
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    public func write(_ bytes: [UInt8]) throws(BusError) {
        guard fd >= 0 else { throw BusError(.io, bus: name, detail: "port is closed") }
        var sent = 0
        let deadline = monotonicSeconds() + writeTimeout
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + sent, $0.count - sent) }
            if n > 0 { sent += n; continue }
            let code = errno
            guard n < 0, code == EAGAIN || code == EINTR else {
                throw linuxError(code, .serial, path: name, action: "write")
            }
            guard try waitFor(Int16(POLLOUT), until: deadline) else {
                throw BusError(.timeout, bus: name, detail: "write stalled: \(sent) of \(bytes.count) bytes sent in \(writeTimeout) s")
            }
        }
    }

    /// Whatever arrives within `timeout`, up to `maxCount` bytes; [] when nothing came.
    public func read(maxCount: Int, timeout: Seconds) throws(BusError) -> [UInt8] {
        guard fd >= 0 else { throw BusError(.io, bus: name, detail: "port is closed") }
        guard maxCount > 0 else { return [] }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: min(maxCount, 4096))
        let deadline = monotonicSeconds() + timeout.value
        while out.count < maxCount {
            let want = min(buf.count, maxCount - out.count)
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
            if n > 0 { out += buf.prefix(n); continue }
            // Raw mode with VMIN = VTIME = 0 returns 0 when nothing is buffered.
            if n < 0 && errno != EAGAIN && errno != EINTR {
                throw linuxError(errno, .serial, path: name, action: "read")
            }
            guard try waitFor(Int16(POLLIN), until: deadline) else { break }
        }
        return out
    }

    /// poll() for `events` until the deadline; false on timeout or hang-up.
    private func waitFor(_ events: Int16, until deadline: Double) throws(BusError) -> Bool {
        while true {
            let left = deadline - monotonicSeconds()
            if left <= 0 { return false }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let r = poll(&p, 1, Int32((left * 1000).rounded(.up)))
            if r > 0 { return p.revents & events != 0 }
            if r < 0 && errno != EINTR { throw linuxError(errno, .serial, path: name, action: "poll") }
        }
    }
}

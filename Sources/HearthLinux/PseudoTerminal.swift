import Glibc
import HearthCore
import HearthHAL

// Glibc's module map hides the XSI pty calls (they need _XOPEN_SOURCE); declare the four
// plain-C functions here. Their int/pointer signatures match the C ABI.
@_silgen_name("posix_openpt") private func c_posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func c_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func c_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func c_ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A pseudo-terminal pair for standing in for a UART: a driver opens `slavePath` as its
/// serial port, the device side reads and writes `master`. A pty carries bytes at memory
/// speed whatever baud is set; the speed is only a termios field, which `slaveBaud` reads
/// back (termios belongs to the terminal, so it is what the driver's port last set).
public final class PseudoTerminal: @unchecked Sendable {
    public let master: Int32
    public let slavePath: String
    /// Our own handle on the slave: keeps the master readable (no EIO) between the
    /// driver's opens, and lets us read the terminal's settings.
    private let slave: Int32

    public init() throws(BusError) {
        let m = c_posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard m >= 0 else { throw linuxError(errno, .serial, path: "/dev/ptmx", action: "posix_openpt") }
        guard c_grantpt(m) == 0, c_unlockpt(m) == 0, let name = c_ptsname(m) else {
            let code = errno
            Glibc.close(m)
            throw linuxError(code, .serial, path: "/dev/ptmx", action: "grantpt/unlockpt")
        }
        let path = String(cString: name)
        _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
        let s = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard s >= 0 else {
            let code = errno
            Glibc.close(m)
            throw linuxError(code, .serial, path: path, action: "open pty slave")
        }
        // Raw from the start: no echo or line editing before the driver's port sets its own mode.
        var tio = termios()
        if tcgetattr(s, &tio) == 0 {
            LinuxSerialPort.makeRaw8N1(&tio)
            _ = cfsetispeed(&tio, speed_t(B115200))
            _ = cfsetospeed(&tio, speed_t(B115200))
            _ = tcsetattr(s, TCSANOW, &tio)
        }
        master = m
        slave = s
        slavePath = path
    }

    deinit {
        Glibc.close(master)
        Glibc.close(slave)
    }

    /// The baud the slave's termios is set to now (nil when outside the standard table).
    public var slaveBaud: Int? { LinuxSerialPort.currentBaud(of: slave) }

    /// Writes every byte to the master (the driver reads them), waiting at most `timeout` for room.
    public func send(_ bytes: [UInt8], timeout: Seconds = Seconds(1)) throws(BusError) {
        var sent = 0
        let deadline = monotonicSeconds() + timeout.value
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress! + sent, $0.count - sent) }
            if n > 0 { sent += n; continue }
            let code = errno
            guard n < 0, code == EAGAIN || code == EINTR else { throw linuxError(code, .serial, path: slavePath, action: "write master") }
            let left = deadline - monotonicSeconds()
            guard left > 0 else { throw BusError(.timeout, bus: slavePath, detail: "master write stalled at \(sent) of \(bytes.count) bytes") }
            var p = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
            _ = poll(&p, 1, Int32((left * 1000).rounded(.up)))
        }
    }

    /// What the driver wrote within `timeout` (up to 4096 bytes); [] when nothing came.
    public func receive(timeout: Seconds) throws(BusError) -> [UInt8] {
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, Int32(max(0, timeout.value * 1000).rounded(.up)))
        if r < 0 && errno != EINTR { throw linuxError(errno, .serial, path: slavePath, action: "poll master") }
        guard r > 0, p.revents & Int16(POLLIN) != 0 else { return [] }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return [] }
            throw linuxError(errno, .serial, path: slavePath, action: "read master")
        }
        return Array(buf.prefix(n))
    }
}

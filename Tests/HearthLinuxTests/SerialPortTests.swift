import Glibc
import HearthCore
import HearthHAL
import HearthLinux
import Testing

// Glibc's module map hides the XSI pty calls (they need _XOPEN_SOURCE); declare the
// four plain-C functions here. Their int/pointer signatures match the C ABI.
@_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A pseudo-terminal pair: the port opens the slave side, the test plays the chip on the master.
final class PtyPair {
    let master: Int32
    let slavePath: String

    init() throws {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw BusError(.io, bus: "pty", detail: "posix_openpt failed")
        }
        slavePath = String(cString: name)
    }

    deinit { close(master) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    func receive(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while out.count < count, poll(&p, 1, 1000) > 0 {
            var buf = [UInt8](repeating: 0, count: count - out.count)
            let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out += buf.prefix(n)
        }
        return out
    }
}

@Suite struct SerialPortTests {
    @Test(arguments: [115200, 3_000_000])
    func bytesBothWaysRawMode(baud: Int) throws {
        let pty = try PtyPair()
        let port = try LinuxSerialPort(path: pty.slavePath, baud: baud)
        // 0x0a, 0x0d and 0x03 would be translated or swallowed in cooked mode.
        let frame: [UInt8] = [0x55, 0xAA, 0x0A, 0x0D, 0x03, 0x00, 0xFF]
        try port.write(frame)
        #expect(pty.receive(frame.count) == frame)
        pty.send(frame)
        #expect(try port.read(maxCount: frame.count, timeout: Seconds(1)) == frame)
    }

    @Test func readTimesOutWithWhatArrived() throws {
        let pty = try PtyPair()
        let port = try LinuxSerialPort(path: pty.slavePath, baud: 115200)
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        pty.send([1, 2])
        let got = try port.read(maxCount: 10, timeout: Seconds(0.2))
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &end)
        let elapsed = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        #expect(got == [1, 2])
        #expect(elapsed >= 0.15 && elapsed < 2)
        #expect(try port.read(maxCount: 10, timeout: Seconds(0.05)).isEmpty)
    }

    @Test func closedPortAndBadInputAreErrors() throws {
        let pty = try PtyPair()
        #expect(throws: BusError.self) { try LinuxSerialPort(path: pty.slavePath, baud: 12345) }
        do {
            _ = try LinuxSerialPort(path: "/dev/ttyHEARTH9", baud: 115200)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.description.contains("enable the UART"))
        }
        #expect(throws: BusError.self) { try LinuxSerialPort(path: "/dev/null", baud: 115200) }
        let port = try LinuxSerialPort(path: pty.slavePath, baud: 115200)
        port.close()
        #expect(throws: BusError.self) { try port.write([1]) }
    }
}

import HearthCore
import HearthHAL
import HearthLinux
import Testing

/// LinuxSerialPort's speed change, read back from the terminal's termios through our own
/// handle on the pty slave (a pty keeps the setting though it moves bytes at any speed).
@Suite struct SerialPortBaudTests {
    @Test func setBaudRateChangesTermiosSpeedAndKeepsBytesFlowing() throws {
        let pty = try PseudoTerminal()
        let port = try LinuxSerialPort(path: pty.slavePath, baud: 115_200)
        #expect(pty.slaveBaud == 115_200)
        try port.setBaudRate(1_000_000)
        #expect(port.baud == 1_000_000)
        #expect(pty.slaveBaud == 1_000_000)
        try port.write([0x55, 0xAA, 0x01])
        #expect(try pty.receive(timeout: Seconds(2)) == [0x55, 0xAA, 0x01])
        try pty.send([0xAA, 0x55])
        #expect(try port.read(maxCount: 2, timeout: Seconds(2)) == [0xAA, 0x55])
        try port.setBaudRate(115_200)
        #expect(pty.slaveBaud == 115_200)
    }

    @Test func unsupportedBaudIsOneClearErrorAndKeepsTheOldSpeed() throws {
        let pty = try PseudoTerminal()
        let port = try LinuxSerialPort(path: pty.slavePath, baud: 115_200)
        do {
            try port.setBaudRate(123_456)
            Issue.record("123456 baud accepted")
        } catch {
            #expect(error.kind == .notSupported)
            #expect(error.description.contains("123456"))
            #expect(error.description.contains(pty.slavePath))
        }
        #expect(port.baud == 115_200)
        #expect(pty.slaveBaud == 115_200)
    }
}

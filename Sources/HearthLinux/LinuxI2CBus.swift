import CI2C
import Glibc
import HearthHAL

/// An I²C bus master over Linux `/dev/i2c-N`.
///
/// Adapters that can do plain I²C get one combined `I2C_RDWR` transaction per
/// register read (write, repeated start, read). SMBus-only adapters (i2c-stub,
/// some PMBus bridges) lack `I2C_FUNC_I2C`; there the same calls are mapped to
/// SMBus byte/word/block transfers, which is all the Hearth drivers need.
public final class LinuxI2CBus: I2CBus {
    public let name: String
    /// The adapter's `I2C_FUNCS` mask.
    public let functionality: UInt
    private var fd: Int32
    /// Address last set with I2C_SLAVE (SMBus path only), to skip repeated ioctls.
    private var selectedAddress: UInt8?

    /// True when the adapter can't do plain I²C and transfers go through SMBus calls.
    public var usesSMBus: Bool { functionality & UInt(I2C_FUNC_I2C) == 0 }

    /// Open `/dev/i2c-N` (or any path to an i2c-dev node).
    /// - Parameter timeout: per-transfer adapter timeout, so a stuck bus can't block the control loop.
    public init(path: String, timeout: Double = 0.1) throws(BusError) {
        name = path
        let opened = open(path, O_RDWR | O_CLOEXEC)
        guard opened >= 0 else { throw linuxError(errno, .i2c, path: path, action: "open") }
        var funcs: UInt = 0
        guard hearth_i2c_funcs(opened, &funcs) == 0 else {
            let code = errno
            Glibc.close(opened)
            throw linuxError(code, .i2c, path: path, action: "query I2C_FUNCS (is this an i2c-dev node?)")
        }
        fd = opened
        functionality = funcs
        // I2C_TIMEOUT counts in units of 10 ms; adapters that ignore it keep their own limit.
        _ = hearth_i2c_set_timeout(opened, UInt(max(1, (timeout * 100).rounded())))
    }

    /// Open bus number `n`, i.e. `/dev/i2c-n`.
    public convenience init(busNumber n: Int) throws(BusError) {
        try self.init(path: "/dev/i2c-\(n)")
    }

    deinit { close() }

    /// Close the file descriptor; later transfers fail with a clear error.
    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    public func write(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        try checkOpen(address)
        if usesSMBus { return try smbusWrite(address: address, bytes) }
        var data = bytes
        let result = data.withUnsafeMutableBufferPointer { buf in
            var msg = i2c_msg(addr: UInt16(address), flags: 0, len: UInt16(buf.count), buf: buf.baseAddress)
            return hearth_i2c_rdwr(fd, &msg, 1)
        }
        if result < 0 { throw linuxError(errno, .i2c, path: name, address: address, action: "write") }
    }

    public func writeRead(address: UInt8, _ bytes: [UInt8], readCount count: Int) throws(BusError) -> [UInt8] {
        try checkOpen(address)
        guard (0...4096).contains(count) else {
            throw BusError(.notSupported, bus: name, address: address, detail: "read of \(count) bytes")
        }
        if usesSMBus { return try smbusWriteRead(address: address, bytes, count: count) }
        var out = bytes
        var input = [UInt8](repeating: 0, count: count)
        let result = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeMutableBufferPointer { i in
                var msgs = [
                    i2c_msg(addr: UInt16(address), flags: 0, len: UInt16(o.count), buf: o.baseAddress),
                    i2c_msg(addr: UInt16(address), flags: UInt16(I2C_M_RD), len: UInt16(i.count), buf: i.baseAddress),
                ]
                // An empty write would put a stray address+W on the wire: send the read alone.
                let skip = o.isEmpty ? 1 : 0
                return msgs.withUnsafeMutableBufferPointer { m in
                    hearth_i2c_rdwr(fd, m.baseAddress! + skip, UInt32(2 - skip))
                }
            }
        }
        if result < 0 { throw linuxError(errno, .i2c, path: name, address: address, action: "read") }
        return input
    }

    private func checkOpen(_ address: UInt8) throws(BusError) {
        guard fd >= 0 else { throw BusError(.io, bus: name, address: address, detail: "bus is closed") }
        guard address <= 0x7F else {
            throw BusError(.notSupported, bus: name, address: address, detail: "not a 7-bit address")
        }
    }

    // MARK: SMBus fallback

    private func select(_ address: UInt8) throws(BusError) {
        guard selectedAddress != address else { return }
        if hearth_i2c_set_address(fd, UInt(address)) < 0 {
            let code = errno
            if code == EBUSY {
                throw BusError(.busy, bus: name, address: address,
                               detail: "address claimed by a kernel driver; fix: unbind it (echo … > /sys/bus/i2c/drivers/…/unbind) or read it through hwmon")
            }
            throw linuxError(code, .i2c, path: name, address: address, action: "select address")
        }
        selectedAddress = address
    }

    private func has(_ flag: Int32) -> Bool { functionality & UInt(flag) != 0 }

    private func unsupported(_ address: UInt8, _ what: String) -> BusError {
        BusError(.notSupported, bus: name, address: address,
                 detail: "\(what) on an SMBus-only adapter (functionality 0x\(String(functionality, radix: 16)))")
    }

    /// SMBus calls return -1 and set errno on failure.
    private func check(_ result: Int32, _ address: UInt8, _ action: String) throws(BusError) -> Int32 {
        if result < 0 { throw linuxError(errno, .i2c, path: name, address: address, action: action) }
        return result
    }

    private func smbusWrite(address: UInt8, _ bytes: [UInt8]) throws(BusError) {
        try select(address)
        switch bytes.count {
        case 0 where has(I2C_FUNC_SMBUS_QUICK):
            _ = try check(i2c_smbus_write_quick(fd, UInt8(I2C_SMBUS_WRITE)), address, "SMBus quick write")
        case 1 where has(I2C_FUNC_SMBUS_WRITE_BYTE):
            _ = try check(i2c_smbus_write_byte(fd, bytes[0]), address, "SMBus write byte")
        case 2 where has(I2C_FUNC_SMBUS_WRITE_BYTE_DATA):
            _ = try check(i2c_smbus_write_byte_data(fd, bytes[0], bytes[1]), address, "SMBus write byte data")
        case 3 where has(I2C_FUNC_SMBUS_WRITE_WORD_DATA):
            // SMBus words go low byte first on the wire: bytes[1] is sent first.
            let word = UInt16(bytes[1]) | UInt16(bytes[2]) << 8
            _ = try check(i2c_smbus_write_word_data(fd, bytes[0], word), address, "SMBus write word data")
        case 2...33 where has(I2C_FUNC_SMBUS_WRITE_I2C_BLOCK):
            let rest = Array(bytes.dropFirst())
            _ = try check(i2c_smbus_write_i2c_block_data(fd, bytes[0], UInt8(rest.count), rest), address,
                          "SMBus write block")
        default:
            throw unsupported(address, "a \(bytes.count)-byte write")
        }
    }

    private func smbusWriteRead(address: UInt8, _ bytes: [UInt8], count: Int) throws(BusError) -> [UInt8] {
        try select(address)
        if bytes.isEmpty && count == 1 && has(I2C_FUNC_SMBUS_READ_BYTE) {
            return [UInt8(truncatingIfNeeded: try check(i2c_smbus_read_byte(fd), address, "SMBus read byte"))]
        }
        guard bytes.count == 1 else { throw unsupported(address, "a \(bytes.count)-byte write before a read") }
        let register = bytes[0]
        switch count {
        case 1 where has(I2C_FUNC_SMBUS_READ_BYTE_DATA):
            let v = try check(i2c_smbus_read_byte_data(fd, register), address, "SMBus read byte data")
            return [UInt8(truncatingIfNeeded: v)]
        case 2 where has(I2C_FUNC_SMBUS_READ_WORD_DATA):
            let v = try check(i2c_smbus_read_word_data(fd, register), address, "SMBus read word data")
            // Low byte came first on the wire, so it is the first byte of the register.
            return [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)]
        case 1...32 where has(I2C_FUNC_SMBUS_READ_I2C_BLOCK):
            var buf = [UInt8](repeating: 0, count: 32)
            let n = try check(i2c_smbus_read_i2c_block_data(fd, register, UInt8(count), &buf), address, "SMBus read block")
            guard Int(n) == count else {
                throw BusError(.io, bus: name, address: address, detail: "short SMBus block read: \(n) of \(count) bytes")
            }
            return Array(buf.prefix(count))
        default:
            throw unsupported(address, "a \(count)-byte read")
        }
    }
}

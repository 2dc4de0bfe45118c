/// Host → chip frames: `55 AA | header | length | data | CRC`.
///
/// Header bits (ESP-Miner bm1366.c): 0x40 command or 0x20 job, 0x10 all chips, low
/// bits the command. Command frames carry CRC5 and length = data + 3; job frames
/// CRC16 big-endian and length = data + 4 (the length counts header, length and CRC).
public enum BM13xxFrame {
    public static let preamble: [UInt8] = [0x55, 0xAA]

    public enum Command: UInt8, Sendable {
        case setAddress = 0, write = 1, read = 2, chainInactive = 3
    }

    public static let typeJob: UInt8 = 0x20
    public static let typeCommand: UInt8 = 0x40
    public static let allChips: UInt8 = 0x10

    /// A command frame for one chip (`all == false`) or every chip.
    public static func command(_ command: Command, all: Bool, data: [UInt8]) -> [UInt8] {
        let header = typeCommand | (all ? allChips : 0) | command.rawValue
        var frame = preamble
        frame.reserveCapacity(data.count + 5)
        frame.append(header)
        frame.append(UInt8(truncatingIfNeeded: data.count + 3))
        frame += data
        frame.append(BM13xxCRC.crc5(frame[2...]))
        return frame
    }

    /// Write a 32-bit register (big-endian on the wire) of chip `address`, or of all chips.
    public static func writeRegister(_ register: UInt8, value: UInt32, chip address: UInt8 = 0, all: Bool) -> [UInt8] {
        command(.write, all: all, data: [address, register] + bigEndian(value))
    }

    /// Ask chip `address` (or all chips) for a register; each answers with an 11-byte reply.
    public static func readRegister(_ register: UInt8, chip address: UInt8 = 0, all: Bool) -> [UInt8] {
        command(.read, all: all, data: [address, register])
    }

    /// A job frame (`data` is the chip's job layout, see `BM13xxJobEncoder`).
    public static func job(_ data: [UInt8]) -> [UInt8] {
        var frame = preamble
        frame.reserveCapacity(data.count + 6)
        frame.append(typeJob | Command.write.rawValue)
        frame.append(UInt8(truncatingIfNeeded: data.count + 4))
        frame += data
        let crc = BM13xxCRC.crc16False(frame[2...])
        frame.append(UInt8(crc >> 8))
        frame.append(UInt8(crc & 0xFF))
        return frame
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}

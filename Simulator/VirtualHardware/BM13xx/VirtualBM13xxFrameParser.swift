import HearthHAL

/// The chip's side of the UART: cuts host bytes into frames (`55 AA`, header, length),
/// checks the CRC5 or CRC16 they carry, and drops what does not check out, as a chip
/// ignores a garbled frame. Written apart from the driver's encoder on purpose.
struct VirtualBM13xxFrameParser {
    enum Frame {
        case command(header: UInt8, data: [UInt8])
        case job(data: [UInt8])
    }

    private var buffer: [UInt8] = []
    private(set) var badFrames = 0

    mutating func feed(_ bytes: [UInt8]) -> [Frame] {
        buffer += bytes
        var frames: [Frame] = []
        var i = 0
        while buffer.count - i >= 4 {
            guard buffer[i] == 0x55, buffer[i + 1] == 0xAA else { i += 1; continue }
            let header = buffer[i + 2]
            let length = Int(buffer[i + 3])
            let isJob = header & 0x20 != 0
            // Length counts header, length, data and CRC (1 byte, or 2 for jobs).
            guard length >= (isJob ? 4 : 3) else { badFrames += 1; i += 1; continue }
            let total = 2 + length
            guard buffer.count - i >= total else { break }
            let body = buffer[(i + 2)..<(i + total)]
            if isJob {
                let crc = UInt16(buffer[i + total - 2]) << 8 | UInt16(buffer[i + total - 1])
                if BM13xxCRC.crc16False(body.dropLast(2)) == crc {
                    frames.append(.job(data: Array(buffer[(i + 4)..<(i + total - 2)])))
                    i += total
                    continue
                }
            } else if BM13xxCRC.crc5(body.dropLast()) == buffer[i + total - 1] {
                frames.append(.command(header: header, data: Array(buffer[(i + 4)..<(i + total - 1)])))
                i += total
                continue
            }
            badFrames += 1
            i += 1
        }
        buffer.removeFirst(i)
        if buffer.count > 4096 { buffer.removeAll() }
        return frames
    }

    mutating func clear() { buffer.removeAll() }
}

/// Cuts the chip's byte stream into replies: syncs on `AA 55`, takes 11 bytes, and
/// checks the CRC. Noise before a preamble and replies with a bad CRC are counted and
/// skipped (resync one byte further), never fatal; the buffer never grows past one
/// reply plus what one read delivered.
public struct BM13xxReplyDecoder: Sendable {
    public private(set) var crcErrors = 0
    /// Bytes dropped while looking for a preamble.
    public private(set) var discardedBytes = 0
    private var buffer: [UInt8] = []

    public init() {}

    /// Bytes waiting for the rest of their reply (a short frame shows as these at a timeout).
    public var pendingBytes: Int { buffer.count }

    /// Drops a partial reply (after a timeout: the rest is not coming).
    public mutating func dropPartial() {
        discardedBytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    public mutating func feed(_ bytes: [UInt8]) -> [BM13xxReply] {
        buffer += bytes
        var replies: [BM13xxReply] = []
        var i = 0
        while buffer.count - i >= BM13xxReply.size {
            guard buffer[i] == 0xAA, buffer[i + 1] == 0x55 else {
                i += 1
                discardedBytes += 1
                continue
            }
            if let reply = BM13xxReply.decode(buffer[i..<(i + BM13xxReply.size)]) {
                replies.append(reply)
                i += BM13xxReply.size
            } else {
                crcErrors += 1
                i += 1
                discardedBytes += 1
            }
        }
        // Keep a tail that may still become a reply: from the last possible preamble on.
        if i > 0 { buffer.removeFirst(i) }
        if buffer.count >= 1, buffer[0] != 0xAA {
            discardedBytes += 1
            buffer.removeFirst()
        }
        return replies
    }
}

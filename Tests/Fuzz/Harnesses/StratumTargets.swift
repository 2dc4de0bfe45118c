import HearthStratum
import HearthSupport
import NIOCore
import NIOEmbedded

/// One Stratum V1 line (after framing): JSON-RPC envelope, then the notification or result view.
let stratumMessageTarget = FuzzTarget(name: "stratum-message") { bytes in
    guard let message = try? StratumMessage(line: bytes) else { return }
    _ = String(describing: message)
}

/// A pool's byte stream through the real line framer (EmbeddedChannel), each line through the codec.
let stratumStreamTarget = FuzzTarget(name: "stratum-stream") { bytes in
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(StratumLineDecoder(maxLineLength: 4_096)))
    defer { _ = try? channel.finish() }
    // Feed in two chunks so a line split across reads is exercised too.
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    for chunk in [bytes[..<cut], bytes[cut...]] {
        do { try channel.writeInbound(ByteBuffer(bytes: chunk)) } catch { return }
        while let line = try? channel.readInbound(as: ByteBuffer.self) {
            _ = try? StratumMessage(line: Array(line.readableBytesView))
        }
    }
}

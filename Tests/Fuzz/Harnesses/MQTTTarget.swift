import HearthMQTT
import NIOCore

/// The MQTT 3.1.1 packet decoder on a broker's byte stream: packets until it needs more or refuses.
let mqttTarget = FuzzTarget(name: "mqtt") { bytes in
    let decoder = MQTTPacketDecoder(maxPacketSize: 65_536)
    var buffer = ByteBuffer(bytes: bytes)
    // Each packet consumes ≥ 2 bytes, so this bound is never the one that stops a correct decoder.
    for _ in 0...bytes.count {
        let before = buffer.readerIndex
        guard let packet = try? decoder.next(from: &buffer) else { return }
        _ = String(describing: packet)
        if buffer.readerIndex == before { fatalError("mqtt: decoder returned a packet without consuming bytes") }
    }
}

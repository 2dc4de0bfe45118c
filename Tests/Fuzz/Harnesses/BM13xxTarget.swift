import HearthHAL

/// BM13xx UART replies from the hash chips: the resynchronising stream decoder, fed in two reads,
/// and one reply decoded on its own.
let bm13xxTarget = FuzzTarget(name: "bm13xx") { bytes in
    var decoder = BM13xxReplyDecoder()
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    _ = decoder.feed(Array(bytes[..<cut]))
    _ = decoder.feed(Array(bytes[cut...]))
    _ = BM13xxReply.decode(bytes[...])
}

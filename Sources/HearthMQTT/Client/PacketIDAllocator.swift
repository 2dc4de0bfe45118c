/// Packet identifiers (1…65535) for PUBLISH QoS 1, SUBSCRIBE and UNSUBSCRIBE: one is never
/// reused while its acknowledgement is outstanding.
struct PacketIDAllocator {
    private var inUse: Set<UInt16> = []
    private var next: UInt16 = 1

    var count: Int { inUse.count }

    mutating func allocate() -> UInt16? {
        guard inUse.count < Int(UInt16.max) else { return nil }
        while true {
            let candidate = next
            next = next == UInt16.max ? 1 : next + 1
            if inUse.insert(candidate).inserted { return candidate }
        }
    }

    mutating func release(_ id: UInt16) { inUse.remove(id) }
}

/// The QoS 1 messages the client owes the broker: waiting to be sent, or sent and not yet
/// acknowledged (in flight). Bounded twice: at most `window` in flight (so a reconnect
/// resends a bounded burst) and `capacity` in all (a broker away for a day must not eat
/// the Pi's memory). When full, the oldest message not yet sent makes room: for state
/// topics the newest value is the one worth keeping.
struct OutgoingQueue {
    let capacity: Int
    let window: Int
    /// Sent, in the order they were first sent; each has its packet identifier.
    private(set) var inflight: [MQTTPublish] = []
    private var waiting: [MQTTPublish] = []
    private var waitingHead = 0

    init(capacity: Int, window: Int) {
        self.capacity = max(capacity, 1)
        self.window = max(min(window, self.capacity), 1)
    }

    var count: Int { inflight.count + waitingCount }
    var waitingCount: Int { waiting.count - waitingHead }

    /// Queues a message; returns the one dropped to make room (possibly `publish` itself,
    /// when every queued message is already in flight).
    mutating func enqueue(_ publish: MQTTPublish) -> MQTTPublish? {
        var dropped: MQTTPublish?
        if count >= capacity {
            guard waitingCount > 0 else { return publish }
            dropped = waiting[waitingHead]
            waitingHead += 1
        }
        waiting.append(publish)
        compact()
        return dropped
    }

    /// The next message to send, now in flight with the identifier `allocate` gives; nil
    /// when the window is full, nothing waits, or no identifier is free.
    mutating func nextToSend(allocate: () -> UInt16?) -> MQTTPublish? {
        guard inflight.count < window, waitingCount > 0, let id = allocate() else { return nil }
        var publish = waiting[waitingHead]
        waitingHead += 1
        compact()
        publish.packetID = id
        publish.dup = false
        inflight.append(publish)
        return publish
    }

    /// PUBACK: forgets the message; false for an identifier nothing is in flight under.
    mutating func acknowledge(_ id: UInt16) -> Bool {
        guard let index = inflight.firstIndex(where: { $0.packetID == id }) else { return false }
        inflight.remove(at: index)
        return true
    }

    /// After a reconnect: everything in flight goes again, same identifiers, DUP set (§4.4).
    mutating func resend() -> [MQTTPublish] {
        for i in inflight.indices { inflight[i].dup = true }
        return inflight
    }

    private mutating func compact() {
        if waitingHead > 64 && waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }
}

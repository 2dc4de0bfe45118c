/// The last 24 h of the room at 10 s resolution: a fixed-size ring, so memory stays
/// bounded however long the daemon runs (8 640 samples × 48 bytes ≈ 0.4 MB).
public struct HistoryRing: Sendable {
    public struct Sample: Sendable, Hashable, Codable {
        public var time: Double
        public var room: Double?
        public var target: Double
        public var chip: Double?
        public var power: Double?
        public var fanRPM: Double?

        enum CodingKeys: String, CodingKey {
            case time = "time_s"
            case room = "room_c"
            case target = "target_c"
            case chip = "chip_c"
            case power = "power_w"
            case fanRPM = "fan_rpm"
        }
    }

    public let capacity: Int
    public let resolution: Double
    private var storage: [Sample] = []
    private var head = 0
    private var lastRecorded = -Double.infinity

    public init(capacity: Int = 8_640, resolution: Double = 10) {
        self.capacity = capacity
        self.resolution = resolution
        storage.reserveCapacity(capacity)
    }

    /// Keeps at most one sample per `resolution` seconds of control time.
    public mutating func record(_ sample: Sample) {
        guard sample.time - lastRecorded >= resolution else { return }
        lastRecorded = sample.time
        if storage.count < capacity {
            storage.append(sample)
        } else {
            storage[head] = sample
            head = (head + 1) % capacity
        }
    }

    public var count: Int { storage.count }

    /// Oldest first; `since` filters on control time.
    public func samples(since: Double = -.infinity) -> [Sample] {
        let ordered = Array(storage[head...] + storage[..<head])
        return ordered.filter { $0.time >= since }
    }
}

import HearthCore
import Synchronization

/// The room temperature the thermostat uses: every configured source, combined on each
/// call of `reading()` at the control time of an injected clock. Thread-safe: the
/// control loop reads, the API pushes and asks for the status list.
public final class RoomTemperature: Sendable {
    /// One source and how it counts.
    public struct Entry: Sendable {
        public var source: any RoomTemperatureSource
        public var kind: String
        public var staleAfter: Seconds
        public var priority: Int?
        public var isLastResort: Bool

        public init(source: any RoomTemperatureSource, kind: String, staleAfter: Seconds, priority: Int? = nil,
                    isLastResort: Bool = false) {
            self.source = source
            self.kind = kind
            self.staleAfter = staleAfter
            self.priority = priority
            self.isLastResort = isLastResort
        }
    }

    public let entries: [Entry]
    public let combination: RoomSensorCombination
    private let now: @Sendable () -> Seconds
    private let state: Mutex<(combiner: RoomTemperatureCombiner, statuses: [RoomSensorStatus])>

    public init(entries: [Entry], combination: RoomSensorCombination, now: @escaping @Sendable () -> Seconds) {
        self.entries = entries
        self.combination = combination
        self.now = now
        let combiner = RoomTemperatureCombiner(combination: combination, startedAt: now())
        self.state = Mutex((combiner, []))
    }

    /// Connect what needs connecting (MQTT). Returns once each source has begun.
    public func start() async {
        for entry in entries { await entry.source.start() }
    }

    public func stop() async {
        for entry in entries { await entry.source.stop() }
    }

    /// Observe every source now (polled ones read their chip when due) and combine.
    public func reading() -> Reading<Celsius> {
        let t = now()
        let inputs = entries.map { entry in
            RoomTemperatureCombiner.Input(name: entry.source.name, kind: entry.kind, staleAfter: entry.staleAfter,
                                          priority: entry.priority, isLastResort: entry.isLastResort,
                                          observation: entry.source.observe(now: t))
        }
        return state.withLock { s in
            let (reading, statuses) = s.combiner.combine(inputs, now: t)
            s.statuses = statuses
            return reading
        }
    }

    /// Per source, as of the last `reading()` (no bus or network I/O here).
    public func status() -> [RoomSensorStatus] {
        state.withLock { $0.statuses }
    }

    /// A value POSTed to the API, with the name its sender gave (`"source"` in the request),
    /// if any. The push sensor of that name takes it; with a single push sensor, that one
    /// takes it whatever the name (kept as its last sender, for status).
    public func push(_ value: Celsius, sender: String? = nil) throws(RoomSensorPushError) {
        let pushSensors = entries.compactMap { $0.source as? PushRoomSensor }
        guard !pushSensors.isEmpty else { throw .noPushSensor }
        let target: PushRoomSensor
        if let sender, let named = pushSensors.first(where: { $0.name == sender }) {
            target = named
        } else if pushSensors.count == 1 {
            target = pushSensors[0]
        } else if let sender {
            throw .unknownSensor(sender, known: pushSensors.map(\.name))
        } else {
            throw .ambiguous(known: pushSensors.map(\.name))
        }
        try target.submit(value, sender: sender, at: now())
    }
}

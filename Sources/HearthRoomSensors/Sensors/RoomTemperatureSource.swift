import HearthCore

/// One place a room temperature comes from: an MQTT topic, values pushed to the API, a
/// chip on an I²C bus, the miner's inlet. `RoomTemperature` asks each for its newest
/// observation on every tick and decides what is fresh.
public protocol RoomTemperatureSource: AnyObject, Sendable {
    var name: String { get }
    /// The newest observation at control time `now`. A polled source does its short,
    /// bounded I/O here when it is due; the others only read their state.
    func observe(now: Seconds) -> RoomSensorObservation
    /// Begin listening (an MQTT source connects and subscribes). Nothing for the others.
    func start() async
    /// Stop listening and let go of connections.
    func stop() async
}

extension RoomTemperatureSource {
    public func start() async {}
    public func stop() async {}
}

/// What a source knows: its last good value and what went wrong since, if anything.
public struct RoomSensorObservation: Sendable, Hashable {
    /// The last good value, `takenAt` set to the control time it was measured or received.
    public var last: Reading<Celsius>?
    /// The latest failure in plain words (a broker away, a NACK, a payload refused); nil
    /// once a good value arrived after it.
    public var problem: String?

    public init(last: Reading<Celsius>? = nil, problem: String? = nil) {
        self.last = last
        self.problem = problem
    }
}

/// The range a value must be in to be a room temperature at all: the supervisor's own
/// plausibility range for air, so a sensor cannot feed the loop what it would trip on.
public let plausibleRoomTemperature = SafetySupervisor.Policy().airPlausible

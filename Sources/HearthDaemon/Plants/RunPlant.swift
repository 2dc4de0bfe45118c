import Foundation
import HearthCore
import HearthHAL
import HearthRuntime

/// What the daemon's control loop runs against: a device, and for the simulator
/// the world behind it. One plant per backend; a new backend is a new plant
/// (docs/ARCHITECTURE.md, "Adding a backend").
public protocol RunPlant: AnyObject {
    var device: any HeaterMiner { get }
    /// The hash board mining work goes to, when this backend can mine.
    var hashBoard: (any HashBoard)? { get }
    /// Local week time for schedules and tariffs at control time `t`.
    func weekTime(at t: Seconds) -> WeekTime
    /// Moves the world on by one tick (the simulator); real hardware advances by itself.
    func advance(from t: Seconds, by dt: Seconds)
    /// One line for the log at shutdown.
    var summary: String? { get }
    /// Releases buses, threads and connections.
    func close()
    /// How often the planner may switch: a stock unit restarts its hashing on each change.
    var planningTiming: OperatingPointPlanner.Timing { get }
    /// Plain words for `hearth status` about the device (empty when all is as expected).
    var notes: [String] { get }
    /// Where `POST /v1/room-temperature` goes; nil when no `push` room sensor is configured.
    var roomPush: (@Sendable (Celsius, String?) throws -> Void)? { get }
}

extension RunPlant {
    public var hashBoard: (any HashBoard)? { nil }
    public var planningTiming: OperatingPointPlanner.Timing { .standard }
    public var notes: [String] { [] }
    public var roomPush: (@Sendable (Celsius, String?) throws -> Void)? { nil }
    public var summary: String? { nil }
    public func close() {}
}

/// Local week time from the wall clock, for schedules and tariffs on real hardware.
public enum LocalWeekTime {
    public static func now() -> WeekTime { WallClock.system.weekTime() }
}

import Foundation
import HearthCore

/// What a person changed at run time and the daemon must remember across restarts,
/// crashes and `kill -9`: the thermostat's state, not the machine's configuration.
public struct DaemonSettings: Sendable, Hashable, Codable {
    public var mode: Mode
    /// Room target in °C (`ControlSettings.targetRange`).
    public var target: Double
    /// Weekly schedule in its text form; empty means none.
    public var schedule: String
    /// Fixed fan duty in percent (0…100); nil lets the fan loop decide.
    public var fanOverride: Double?
    /// Operating point name (or its frequency in MHz as text); nil lets the planner decide.
    public var pointOverride: String?
    public var pools: [PoolSetting]
    /// Index into `pools` of the pool to mine on first; nil when there are no pools.
    public var activePool: Int?
    /// Bumped each time a person clears a trip, so a restart knows it was cleared.
    public var tripsCleared: Int
    /// Bumped on every accepted change; lets tests and clients tell writes apart.
    public var revision: Int

    public init(mode: Mode = .heat, target: Double = 21, schedule: String = "", fanOverride: Double? = nil,
                pointOverride: String? = nil, pools: [PoolSetting] = [], activePool: Int? = nil,
                tripsCleared: Int = 0, revision: Int = 0) {
        self.mode = mode
        self.target = target
        self.schedule = schedule
        self.fanOverride = fanOverride
        self.pointOverride = pointOverride
        self.pools = pools
        self.activePool = activePool
        self.tripsCleared = tripsCleared
        self.revision = revision
    }

    enum CodingKeys: String, CodingKey {
        case mode, target, schedule, revision, pools
        case fanOverride = "fan_override"
        case pointOverride = "point_override"
        case activePool = "active_pool"
        case tripsCleared = "trips_cleared"
    }
}

/// One pool a person added. The password is stored (the daemon needs it) but never
/// shown: `redacted` is what the API and logs see.
public struct PoolSetting: Sendable, Hashable, Codable {
    public var url: String
    public var user: String
    public var password: String

    public init(url: String, user: String, password: String = "x") {
        self.url = url
        self.user = user
        self.password = password
    }
}

extension DaemonSettings {
    /// The control settings for `board`: resolves the point name and the schedule text.
    /// Values were validated when they were accepted; anything that no longer fits the
    /// board (a settings file from another board) is dropped rather than trusted.
    public func controlSettings(board: BoardProfile, tariff: Tariff?) -> ControlSettings {
        var s = ControlSettings(mode: mode, target: Celsius(target).clamped(to: ControlSettings.targetRange))
        s.schedule = schedule.isEmpty ? nil : try? WeeklySchedule(parsing: schedule)
        s.tariff = tariff
        s.fanOverride = fanOverride.map { DutyCycle($0 / 100) }
        s.pointOverride = pointOverride.flatMap { Self.pointIndex($0, board: board) }
        return s
    }

    /// A point by name (case-insensitive) or by frequency in MHz.
    public static func pointIndex(_ text: String, board: BoardProfile) -> Int? {
        if let i = board.operatingPoints.firstIndex(where: { $0.name.lowercased() == text.lowercased() }) { return i }
        let mhz = text.lowercased().hasSuffix("mhz") ? String(text.dropLast(3)) : text
        if let f = Double(mhz.trimmingCharacters(in: .whitespaces)) {
            return board.operatingPoints.firstIndex { abs($0.frequency.value - f) < 0.5 }
        }
        return nil
    }
}

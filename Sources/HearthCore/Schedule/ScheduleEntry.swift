/// One line of a weekly schedule: from `start` on each of `days`, hold `target`
/// and/or switch to `mode` until the next entry starts.
public struct ScheduleEntry: Sendable, Hashable, Codable {
    public var days: Weekdays
    public var start: TimeOfDay
    /// Room target; nil keeps whatever target was set before (e.g. `22:00 off`).
    public var target: Celsius?
    /// Mode to switch to; nil keeps the current mode.
    public var mode: Mode?

    public init(days: Weekdays, start: TimeOfDay, target: Celsius? = nil, mode: Mode? = nil) {
        self.days = days
        self.start = start
        self.target = target
        self.mode = mode
    }
}

/// What a schedule says at a given moment: the entry in force and when it began.
public struct ScheduleSetting: Sendable, Hashable, Codable {
    public var entry: ScheduleEntry
    /// 0-based position of `entry` in the schedule.
    public var entryIndex: Int
    /// When this entry last started (may be in the previous week, i.e. a later week time).
    public var since: WeekTime

    public var target: Celsius? { entry.target }
    public var mode: Mode? { entry.mode }

    public init(entry: ScheduleEntry, entryIndex: Int, since: WeekTime) {
        self.entry = entry
        self.entryIndex = entryIndex
        self.since = since
    }
}

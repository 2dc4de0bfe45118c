import Foundation
import HearthCore

/// The wall clock, for what follows the owner's calendar: the weekly schedule and the
/// tariff. Nothing that times control reads it (ticks, reading ages, timeouts and
/// uptime run on monotonic clocks), so an NTP step, a Raspberry Pi without RTC booting
/// in 1970, or a step backwards moves the schedule to the new time at once and does
/// nothing else. Injected so tests can step it.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date
    /// nil: the system's zone, looked up at each reading (a changed zone applies at once).
    public var timeZone: TimeZone?

    public init(timeZone: TimeZone? = nil, now: @escaping @Sendable () -> Date) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The system clock in the system's zone.
    public static let system = WallClock { Date() }

    /// Local week time now.
    public func weekTime() -> WeekTime { Self.weekTime(of: now(), in: timeZone ?? .current) }

    /// Local week time of `date` in `zone` (Monday 00:00 is zero).
    public static func weekTime(of date: Date, in zone: TimeZone) -> WeekTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.weekday, .hour, .minute, .second], from: date)
        // Calendar: 1 = Sunday … 7 = Saturday; WeekTime: 0 = Monday.
        let day = ((c.weekday ?? 2) + 5) % 7
        return WeekTime(day: day, hour: c.hour ?? 0, minute: c.minute ?? 0, second: Double(c.second ?? 0))
    }
}

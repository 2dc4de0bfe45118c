/// A moment within a week, in local time: what schedules and tariffs need.
/// Monday 00:00 is 0. HearthCore never reads a clock; callers convert.
public struct WeekTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public static let week = 7 * 86_400.0
    /// Seconds since Monday 00:00, in `0..<604800`.
    public var secondsSinceMonday: Double

    public init(secondsSinceMonday: Double) {
        var s = secondsSinceMonday.truncatingRemainder(dividingBy: Self.week)
        if s < 0 { s += Self.week }
        self.secondsSinceMonday = s
    }
    /// `day` 0 = Monday … 6 = Sunday.
    public init(day: Int, hour: Int, minute: Int = 0, second: Double = 0) {
        self.init(secondsSinceMonday: Double(day) * 86_400 + Double(hour) * 3600 + Double(minute) * 60 + second)
    }

    public var day: Int { Int(secondsSinceMonday / 86_400) }
    public var secondOfDay: Double { secondsSinceMonday - Double(day) * 86_400 }
    public func advanced(by d: Seconds) -> WeekTime { WeekTime(secondsSinceMonday: secondsSinceMonday + d.value) }
    public static func < (a: WeekTime, b: WeekTime) -> Bool { a.secondsSinceMonday < b.secondsSinceMonday }

    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public var description: String {
        let s = Int(secondOfDay)
        let hh = s / 3600, mm = (s % 3600) / 60
        return "\(Self.dayNames[day]) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}

/// A wall-clock time of day to the minute (`06:30`): when schedule entries and
/// tariff periods start.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, `0..<1440`.
    public let minutesSinceMidnight: Int

    public init(hour: Int, minute: Int = 0) throws(TokenError) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw TokenError(token: "\(hour):\(minute)", problem: "hour must be 0-23 and minute 0-59")
        }
        minutesSinceMidnight = hour * 60 + minute
    }

    /// Parses `HH:MM` or `H:MM` (24-hour clock).
    public init(parsing text: String) throws(TokenError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let allowed = "expected a 24-hour time HH:MM from 00:00 to 23:59"
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { throw TokenError(token: text, problem: allowed) }
        minutesSinceMidnight = h * 60 + m
    }

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }
    public var secondOfDay: Double { Double(minutesSinceMidnight * 60) }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

extension WeekTime {
    /// This time of day on `day` (0 = Monday).
    public init(day: Int, time: TimeOfDay) {
        self.init(secondsSinceMonday: Double(day) * 86_400 + time.secondOfDay)
    }
}

/// Encoded as `"HH:MM"`.
extension TimeOfDay: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            self = try TimeOfDay(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

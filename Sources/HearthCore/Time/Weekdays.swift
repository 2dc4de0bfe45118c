/// A set of days of the week, as used by schedules and tariffs.
///
/// Text form (what people type): `mon`…`sun`, ranges `mon-fri` (may wrap: `fri-mon`),
/// comma lists `sat,sun`, mixes `mon-wed,fri`, or `*` for every day.
public struct Weekdays: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x7F }

    /// `day` 0 = Monday … 6 = Sunday, as in `WeekTime.day`. Out-of-range days give an empty set.
    public init(day: Int) { self.init(rawValue: (0..<7).contains(day) ? 1 << UInt8(day) : 0) }

    public static let monday = Weekdays(day: 0)
    public static let tuesday = Weekdays(day: 1)
    public static let wednesday = Weekdays(day: 2)
    public static let thursday = Weekdays(day: 3)
    public static let friday = Weekdays(day: 4)
    public static let saturday = Weekdays(day: 5)
    public static let sunday = Weekdays(day: 6)
    public static let workdays = Weekdays(rawValue: 0x1F)
    public static let weekend = Weekdays(rawValue: 0x60)
    public static let everyDay = Weekdays(rawValue: 0x7F)

    public func contains(day: Int) -> Bool { !intersection(Weekdays(day: day)).isEmpty }
    /// Member days in week order, 0 = Monday.
    public var days: [Int] { (0..<7).filter { contains(day: $0) } }

    public static let allowedText =
        "days mon, tue, wed, thu, fri, sat, sun; ranges like mon-fri; lists like sat,sun; or * for every day"

    public init(parsing text: String) throws(TokenError) {
        let trimmed = text.lowercased()
        if trimmed == "*" {
            self = .everyDay
            return
        }
        var set = Weekdays()
        for item in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else {
                throw TokenError(token: text, problem: "\"\(item)\" has more than one '-'; allowed: \(Self.allowedText)")
            }
            guard let first = Self.dayIndex(ends[0]), let last = Self.dayIndex(ends[ends.count - 1]) else {
                let bad = ends.first { Self.dayIndex($0) == nil } ?? item
                throw TokenError(token: text, problem: "\"\(bad)\" is not a day; allowed: \(Self.allowedText)")
            }
            // Ranges may wrap past Sunday (fri-mon = fri, sat, sun, mon).
            var day = first
            while true {
                set.insert(Weekdays(day: day))
                if day == last { break }
                day = (day + 1) % 7
            }
        }
        self = set
    }

    private static func dayIndex(_ word: Substring) -> Int? {
        let fullNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return WeekTime.dayNames.firstIndex(of: String(word)) ?? fullNames.firstIndex(of: String(word))
    }

    /// Canonical text: `*`, or runs of three or more days as ranges (`mon-fri,sun`).
    public var description: String {
        if self == .everyDay { return "*" }
        if isEmpty { return "none" }
        var parts: [String] = []
        var day = 0
        while day < 7 {
            guard contains(day: day) else { day += 1; continue }
            var end = day
            while end + 1 < 7 && contains(day: end + 1) { end += 1 }
            let name = WeekTime.dayNames
            switch end - day {
            case 0: parts.append(name[day])
            case 1: parts.append(name[day] + "," + name[end])
            default: parts.append(name[day] + "-" + name[end])
            }
            day = end + 1
        }
        return parts.joined(separator: ",")
    }
}

/// Encoded as the text form (`"mon-fri"`) so JSON and TOML stay readable.
extension Weekdays: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            self = try Weekdays(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A week of thermostat settings: each entry starts on some weekdays at a time of
/// day and stays in force until the next one, wrapping round the week.
///
/// Text form (the CLI and config files use it; `description` prints it back):
///
///     mon-fri 06:30 21.5; mon-fri 22:30 18 quiet; sat,sun 08:00 22; * 23:30 17.5 quiet
///
/// Entries are separated by `;` or newlines: days, `HH:MM`, then a target
/// (`21.5`, `21.5C`, `70F`) and/or a mode (heat, mine, quiet, eco, off).
/// When two entries start at the same moment the later one wins.
public struct WeeklySchedule: Sendable, Hashable, CustomStringConvertible {
    public let entries: [ScheduleEntry]
    private let timeline: WeeklyTimeline

    /// An empty schedule: `setting(at:)` is always nil.
    public init() {
        entries = []
        timeline = WeeklyTimeline([])
    }

    /// Checks every entry (days present, target within `TargetTemperature.range`,
    /// a target or a mode given) and builds the lookup.
    public init(entries: [ScheduleEntry]) throws(ScheduleParseError) {
        for (i, e) in entries.enumerated() {
            func fail(_ token: String, _ problem: String) -> ScheduleParseError {
                ScheduleParseError(entry: i + 1, entryText: Self.text(of: e), token: token, problem: problem)
            }
            if e.days.isEmpty { throw fail("", "no days given; allowed: \(Weekdays.allowedText)") }
            if let t = e.target {
                do { _ = try TargetTemperature.validate(t) } catch { throw fail(error.text, error.problem) }
            }
            if e.target == nil && e.mode == nil {
                throw fail("", "needs a target temperature (like 21.5 or 70F), a mode (\(Self.modeList)), or both")
            }
        }
        self.entries = entries
        timeline = WeeklyTimeline(entries.map { ($0.days, $0.start) })
    }

    /// The entry in force at `t`: the latest start at or before `t`, wrapping round
    /// the week; nil for an empty schedule.
    public func setting(at t: WeekTime) -> ScheduleSetting? {
        guard let i = timeline.entry(at: t), let since = timeline.since(at: t) else { return nil }
        return ScheduleSetting(entry: entries[i], entryIndex: i, since: since)
    }

    /// The next moment after `t` when the target or mode changes; nil if it never does.
    public func nextChange(after t: WeekTime) -> WeekTime? {
        timeline.nextChange(after: t) { a, b in
            entries[a].target != entries[b].target || entries[a].mode != entries[b].mode
        }
    }

    static let modeList = Mode.allCases.map(\.rawValue).joined(separator: "|")

    static func text(of e: ScheduleEntry) -> String {
        var words = [e.days.description, e.start.description]
        if let t = e.target { words.append(t.typedText) }
        if let m = e.mode { words.append(m.rawValue) }
        return words.joined(separator: " ")
    }

    /// The text form, entries joined by `"; "`; parses back to an equal schedule.
    public var description: String { entries.map(Self.text(of:)).joined(separator: "; ") }
}

/// Encoded as the text form so settings files stay human-editable.
extension WeeklySchedule: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            self = try WeeklySchedule(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

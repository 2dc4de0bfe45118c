extension WeeklySchedule {
    /// Parses the text form (see `WeeklySchedule`). Empty text, or only separators,
    /// gives an empty schedule.
    public init(parsing text: String) throws(ScheduleParseError) {
        var entries: [ScheduleEntry] = []
        let chunks = text.split(whereSeparator: { $0 == ";" || $0 == "\n" })
        for chunk in chunks {
            let words = chunk.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            let number = entries.count + 1
            let entryText = words.joined(separator: " ")
            entries.append(try Self.parseEntry(words, number: number, entryText: entryText))
        }
        try self.init(entries: entries)
    }

    private static func parseEntry(_ words: [String], number: Int, entryText: String) throws(ScheduleParseError) -> ScheduleEntry {
        func fail(_ token: String, _ problem: String) -> ScheduleParseError {
            ScheduleParseError(entry: number, entryText: entryText, token: token, problem: problem)
        }
        let days: Weekdays
        do { days = try Weekdays(parsing: words[0]) } catch { throw fail(error.token, error.problem) }

        guard words.count >= 2 else { throw fail("", "missing start time after the days; expected HH:MM like 06:30") }
        let start: TimeOfDay
        do { start = try TimeOfDay(parsing: words[1]) } catch { throw fail(error.token, error.problem) }

        var target: Celsius?
        var mode: Mode?
        for word in words.dropFirst(2) {
            if let m = Mode(rawValue: word.lowercased()) {
                if mode != nil { throw fail(word, "a second mode; give at most one of \(modeList)") }
                mode = m
            } else if (try? Celsius(parsing: word)) != nil {
                if target != nil { throw fail(word, "a second target; give at most one temperature") }
                do { target = try TargetTemperature.parse(word) } catch { throw fail(error.text, error.problem) }
            } else {
                throw fail(word, "not a target or a mode; allowed: a temperature like 21.5, 21.5C or 70F, and a mode \(modeList)")
            }
        }
        return ScheduleEntry(days: days, start: start, target: target, mode: mode)
    }
}

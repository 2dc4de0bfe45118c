import Foundation
import Testing
@testable import HearthCore

@Suite struct WeekdaysTests {
    @Test func parsesRangesListsAndStar() throws {
        #expect(try Weekdays(parsing: "mon-fri") == .workdays)
        #expect(try Weekdays(parsing: "sat,sun") == .weekend)
        #expect(try Weekdays(parsing: "*") == .everyDay)
        #expect(try Weekdays(parsing: "Mon-Wed,fri") == [.monday, .tuesday, .wednesday, .friday])
        // Wrapping range.
        #expect(try Weekdays(parsing: "fri-mon") == [.friday, .saturday, .sunday, .monday])
        #expect(try Weekdays(parsing: "sunday") == .sunday)
    }

    @Test func canonicalText() {
        #expect(Weekdays.workdays.description == "mon-fri")
        #expect(Weekdays.weekend.description == "sat,sun")
        #expect(Weekdays.everyDay.description == "*")
        #expect(Weekdays([.monday, .wednesday, .thursday, .friday, .sunday]).description == "mon,wed-fri,sun")
    }

    @Test func rejectsUnknownDayNamingIt() {
        #expect(throws: TokenError.self) { try Weekdays(parsing: "mon-fry") }
        do {
            _ = try Weekdays(parsing: "mon-fry")
        } catch {
            #expect(error.problem.contains("\"fry\" is not a day"))
            #expect(error.problem.contains("mon-fri"))
        }
        #expect(throws: TokenError.self) { try Weekdays(parsing: "mon,,tue") }
        #expect(throws: TokenError.self) { try Weekdays(parsing: "mon-tue-wed") }
    }
}

@Suite struct TimeOfDayTests {
    @Test func parsesAndPrints() throws {
        let t = try TimeOfDay(parsing: "6:30")
        #expect(t.hour == 6 && t.minute == 30)
        #expect(t.description == "06:30")
        #expect(try TimeOfDay(parsing: "23:59").minutesSinceMidnight == 1439)
    }

    @Test(arguments: ["24:00", "12:60", "1230", "12:5", "ab:cd", "", "-1:00", "12:30:00"])
    func rejectsBadTimes(_ text: String) {
        #expect(throws: TokenError.self) { try TimeOfDay(parsing: text) }
    }
}

@Suite struct WeeklyScheduleTests {
    static let text = "mon-fri 06:30 21.5; mon-fri 22:30 18 quiet; sat,sun 08:00 22; * 23:30 17.5 quiet"

    @Test func roundTripsTheTextForm() throws {
        let s = try WeeklySchedule(parsing: Self.text)
        #expect(s.entries.count == 4)
        #expect(s.description == Self.text)
        #expect(try WeeklySchedule(parsing: s.description) == s)
        #expect(s.entries[1] == ScheduleEntry(days: .workdays, start: try TimeOfDay(hour: 22, minute: 30),
                                              target: Celsius(18), mode: .quiet))
    }

    @Test func settingInForce() throws {
        let s = try WeeklySchedule(parsing: Self.text)
        // Tuesday 07:00: weekday morning.
        let tue = s.setting(at: WeekTime(day: 1, hour: 7))
        #expect(tue?.target == Celsius(21.5))
        #expect(tue?.mode == nil)
        #expect(tue?.since == WeekTime(day: 1, hour: 6, minute: 30))
        // Exactly at a start the new entry is in force.
        #expect(s.setting(at: WeekTime(day: 2, hour: 22, minute: 30))?.target == Celsius(18))
        #expect(s.setting(at: WeekTime(day: 2, hour: 22, minute: 29))?.target == Celsius(21.5))
        // 23:30 on any day: the every-day entry.
        #expect(s.setting(at: WeekTime(day: 5, hour: 23, minute: 45))?.target == Celsius(17.5))
        #expect(s.setting(at: WeekTime(day: 5, hour: 12))?.target == Celsius(22))
    }

    @Test func mondayEarlyWrapsToSundaysLastEntry() throws {
        let s = try WeeklySchedule(parsing: "mon-fri 06:30 21; sat,sun 08:00 22; sun 21:00 19 eco")
        let setting = try #require(s.setting(at: WeekTime(day: 0, hour: 1)))
        #expect(setting.target == Celsius(19))
        #expect(setting.mode == .eco)
        #expect(setting.entryIndex == 2)
        #expect(setting.since == WeekTime(day: 6, hour: 21))
    }

    @Test func emptyScheduleHasNoSetting() throws {
        #expect(WeeklySchedule().setting(at: WeekTime(day: 3, hour: 3)) == nil)
        #expect(try WeeklySchedule(parsing: " ; \n ").entries.isEmpty)
    }

    @Test func laterEntryWinsATie() throws {
        let s = try WeeklySchedule(parsing: "mon-fri 07:00 20; wed 07:00 off")
        #expect(s.setting(at: WeekTime(day: 2, hour: 8))?.mode == .off)
        #expect(s.setting(at: WeekTime(day: 1, hour: 8))?.target == Celsius(20))
    }

    @Test func fahrenheitConvertsAndRoundTrips() throws {
        let s = try WeeklySchedule(parsing: "* 07:00 70F heat")
        #expect(s.entries[0].target == Celsius(21.11))
        #expect(s.description == "* 07:00 21.11 heat")
        #expect(try WeeklySchedule(parsing: s.description) == s)
        #expect(try WeeklySchedule(parsing: "* 07:00 21.5C").entries[0].target == Celsius(21.5))
    }

    @Test func nextChangeSkipsRepeatsAndWraps() throws {
        let s = try WeeklySchedule(parsing: "mon-fri 06:30 21; mon-fri 22:00 18")
        #expect(s.nextChange(after: WeekTime(day: 0, hour: 7)) == WeekTime(day: 0, hour: 22))
        // Friday night: next change is Monday morning.
        #expect(s.nextChange(after: WeekTime(day: 4, hour: 23)) == WeekTime(day: 0, hour: 6, minute: 30))
        #expect(try WeeklySchedule(parsing: "* 06:00 20; * 22:00 20").nextChange(after: WeekTime(day: 0, hour: 0)) == nil)
    }

    @Test func codableAsText() throws {
        let s = try WeeklySchedule(parsing: Self.text)
        let json = try JSONEncoder().encode(["schedule": s])
        #expect(String(decoding: json, as: UTF8.self).contains("mon-fri 06:30 21.5"))
        #expect(try JSONDecoder().decode([String: WeeklySchedule].self, from: json)["schedule"] == s)
        let bad = Data(#"{"schedule": "mon 25:00 20"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: WeeklySchedule].self, from: bad) }
    }

    private func parseError(_ text: String) -> ScheduleParseError? {
        do {
            _ = try WeeklySchedule(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func errorNamesEntryTokenAndAllowedValues() throws {
        let bad = try #require(parseError("mon-fri 06:30 21.5; mon-fri 22:30 18 quite"))
        #expect(bad.entry == 2)
        #expect(bad.token == "quite")
        #expect(bad.description.contains("schedule entry 2"))
        #expect(bad.description.contains("heat|mine|quiet|eco|off"))

        let day = try #require(parseError("mon-fri 06:30 21; tues 08:00 22"))
        #expect(day.entry == 2)
        #expect(day.token == "tues")
        #expect(day.problem.contains("not a day"))

        let time = try #require(parseError("sat 8h00 22"))
        #expect(time.entry == 1 && time.token == "8h00")
        #expect(time.problem.contains("HH:MM"))

        let missing = try #require(parseError("sat"))
        #expect(missing.problem.contains("missing start time"))

        let nothing = try #require(parseError("mon 06:00 21; sat 08:00"))
        #expect(nothing.entry == 2 && nothing.problem.contains("needs a target"))

        // The same range and words as every other target (TargetTemperature).
        let hot = try #require(parseError("* 06:00 70"))
        #expect(hot.token == "70")
        #expect(hot.problem == "70 °C is out of range; allowed: 5…30 °C (Fahrenheit needs an F, like 70F)")
        let cold = try #require(parseError("* 06:00 20; * 22:00 4 eco"))
        #expect(cold.entry == 2 && cold.token == "4" && cold.problem == "4 °C is out of range; allowed: 5…30 °C")

        let twice = try #require(parseError("* 06:00 20 21"))
        #expect(twice.token == "21" && twice.problem.contains("second target"))
    }

    @Test func programmaticEntriesAreValidated() throws {
        let noon = try TimeOfDay(hour: 12)
        #expect(throws: ScheduleParseError.self) {
            try WeeklySchedule(entries: [ScheduleEntry(days: [], start: noon, target: Celsius(20))])
        }
        #expect(throws: ScheduleParseError.self) {
            try WeeklySchedule(entries: [ScheduleEntry(days: .everyDay, start: noon, target: Celsius(.nan))])
        }
        // A schedule can't hold a target the API would refuse.
        #expect(throws: ScheduleParseError.self) {
            try WeeklySchedule(entries: [ScheduleEntry(days: .everyDay, start: noon, target: Celsius(35))])
        }
    }
}

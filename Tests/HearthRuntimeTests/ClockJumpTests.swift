import Foundation
import HearthCore
import HearthHAL
import HearthRuntime
import Synchronization
import Testing

/// Issue 15, clock jump: the wall clock steps (NTP ±1 h, a Pi without RTC booting in
/// 1970 and stepping 56 years on, a step backwards) while control runs. Control time
/// is monotonic; only the schedule reads the wall clock, and follows it at once.
@Suite struct ClockJumpTests {
    /// A wall clock a test steps by hand.
    final class SteppedWall: Sendable {
        private let date: Mutex<Date>
        init(_ start: Date) { date = Mutex(start) }
        func set(_ d: Date) { date.withLock { $0 = d } }
        func advance(_ seconds: Double) { date.withLock { $0 += seconds } }
        var clock: WallClock { WallClock(timeZone: TimeZone(identifier: "UTC")!) { self.date.withLock { $0 } } }
    }

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func weekTimeIsTheWallClocksLocalTime() {
        let utc = TimeZone(identifier: "UTC")!
        // 1970-01-01 was a Thursday; 2026-12-06 is a Sunday.
        #expect(WallClock.weekTime(of: Self.utc("1970-01-01T00:00:05Z"), in: utc) == WeekTime(day: 3, hour: 0, minute: 0, second: 5))
        #expect(WallClock.weekTime(of: Self.utc("2026-12-06T07:30:00Z"), in: utc) == WeekTime(day: 6, hour: 7, minute: 30))
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(WallClock.weekTime(of: Self.utc("2026-12-06T23:30:00Z"), in: paris) == WeekTime(day: 0, hour: 0, minute: 30))
    }

    struct Step: Sendable, CustomTestStringConvertible {
        var name: String
        var start: String
        var seconds: Double
        var testDescription: String { name }
    }

    static let fiftySixYearsAndEightHours: Double = 20454 * 86400 + 8 * 3600

    // Each start is two minutes before the step, and each step crosses a schedule entry.
    static let steps: [Step] = [
        Step(name: "NTP step forward 1 h", start: "2026-12-07T04:58:00Z", seconds: 3600),
        Step(name: "NTP step back 1 h", start: "2026-12-07T06:00:30Z", seconds: -3600),
        Step(name: "RTC-less Pi: 1970 to 2026", start: "1970-01-01T00:00:00Z", seconds: fiftySixYearsAndEightHours),
        Step(name: "step back 56 years", start: "2026-12-07T06:10:00Z", seconds: -fiftySixYearsAndEightHours),
    ]

    @Test(arguments: steps)
    func aWallClockStepMovesTheScheduleAtOnceAndTripsNothing(_ jump: Step) throws {
        let (name, step) = (jump.name, jump.seconds)
        let wall = SteppedWall(Self.utc(jump.start))
        let schedule = try WeeklySchedule(parsing: "* 06:00 22; * 22:00 17")
        let device = InlineDevice()
        let loop = ControlLoop(device: device, policy: HeaterController(
            board: runtimeBoard, settings: ControlSettings(target: Celsius(20), schedule: schedule)))
        var records: [TickRecord] = []
        for tick in 0..<240 {
            if tick == 120 { wall.advance(step) } else { wall.advance(1) }
            device.readings = healthyReadings(room: 19.5, salt: UInt32(tick))
            let week = wall.clock.weekTime()
            records.append(loop.tick(at: ControlTime(monotonic: Seconds(Double(tick)), week: week)))
            // What the schedule says for the wall time now, looked up independently of the loop.
            let wanted = try #require(schedule.setting(at: week)?.target)
            #expect(records.last?.decision.target == wanted, "\(name): tick \(tick) at \(week)")
        }
        #expect(records.allSatisfy { $0.decision.trip == nil }, "\(name): \(records.compactMap { $0.decision.trip }.first.map { "\($0.reason)" } ?? "")")
        // Reading ages and control time never go backwards or negative whatever the wall clock did.
        #expect(records.allSatisfy { $0.oldestReadingAge.value >= 0 })
        #expect(zip(records, records.dropFirst()).allSatisfy { $1.time.monotonic.value > $0.time.monotonic.value })
        // The step changed the schedule's entry at the very tick it happened.
        #expect(records[119].decision.target != records[120].decision.target, "\(name)")
    }
}

import Foundation
import HearthBoardFiles
import HearthCore
import HearthDaemon
import HearthHAL
import HearthRuntime
import HearthSimulator
import HearthSupport
import Logging
import Synchronization
import Testing

/// Issue 15, clock jump, through the daemon's control service: the simulator's world
/// with the week time a real plant takes from the wall clock (`WallClock`), stepped
/// while the service runs. Control, trips, uptime, history and the settings file must
/// not notice; the schedule must follow the new wall time at once.
@Suite(.timeLimit(.minutes(2))) struct ClockJumpServiceTests {
    /// The simulated heater, but its week time comes from a wall clock that runs with
    /// control time and steps once, by `step` seconds, at control time `stepAt`.
    final class SteppedWallPlant: RunPlant {
        let inner: SimulatedPlant
        let start: Date
        let stepAt: Double
        let step: Double
        init(inner: SimulatedPlant, start: Date, stepAt: Double, step: Double) {
            self.inner = inner
            self.start = start
            self.stepAt = stepAt
            self.step = step
        }
        var device: any HeaterMiner { inner.device }
        var hashBoard: (any HashBoard)? { inner.hashBoard }
        func wall(at t: Seconds) -> WallClock {
            let date = start + t.value + (t.value >= stepAt ? step : 0)
            return WallClock(timeZone: TimeZone(identifier: "UTC")!) { date }
        }
        func weekTime(at t: Seconds) -> WeekTime { wall(at: t).weekTime() }
        func advance(from t: Seconds, by dt: Seconds) { inner.advance(from: t, by: dt) }
    }

    struct Jump: Sendable, CustomTestStringConvertible {
        var name: String
        var start: String
        var seconds: Double
        var testDescription: String { name }
    }

    static let fiftySixYearsAndEightHours: Double = 20454 * 86400 + 8 * 3600
    /// Each starts 10 simulated minutes before its step, and each step crosses a schedule entry.
    static let jumps: [Jump] = [
        Jump(name: "NTP step forward 1 h", start: "2026-12-07T04:50:00Z", seconds: 3600),
        Jump(name: "NTP step back 1 h", start: "2026-12-07T06:00:30Z", seconds: -3600),
        Jump(name: "RTC-less Pi: 1970 to 2026", start: "1970-01-01T00:00:00Z", seconds: fiftySixYearsAndEightHours),
        Jump(name: "step back 56 years", start: "2026-12-07T06:10:00Z", seconds: -fiftySixYearsAndEightHours),
    ]

    @Test(arguments: jumps)
    func aWallClockStepMovesTheScheduleAndNothingElse(_ jump: Jump) async throws {
        let dir = NSTemporaryDirectory() + "hearth-clockjump-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let definition = try BoardCatalog(directory: ServiceTests.boards).board(id: "avalon-nano3s")
        let settings = DaemonSettings(target: 20, schedule: "* 06:00 22; * 22:00 17")
        let store = SettingsStore(path: dir + "/settings.json")
        try store.save(settings)
        let stepAt = 600.0
        let plant = SteppedWallPlant(
            inner: try SimulatedPlant(board: definition, scenario: ScenarioCatalog.named("winter-day")!, target: Celsius(20)),
            start: ISO8601DateFormatter().date(from: jump.start)!, stepAt: stepAt, step: jump.seconds)
        let state = DaemonState(board: definition.profile, backend: "sim", store: store, settings: settings)
        let loop = ControlLoop(device: plant.device, policy: HeaterController(
            board: definition.profile, settings: settings.controlSettings(board: definition.profile, tariff: nil)))
        let notify = SDNotify(environment: [:])
        let metrics = DaemonMetrics()
        let service = ControlService(loop: loop, plant: plant, state: state, metrics: metrics, notify: notify,
                                     readiness: Readiness(listeners: 0, notify: notify, status: "test"),
                                     timing: .init(tick: 1, speed: 100_000, hours: 0.5), tariff: nil,
                                     logger: Logger(label: "test.clockjump"))
        try await service.run()

        #expect(service.ticks == 1800)
        #expect(state.trips.isEmpty, "\(jump.name): \(state.trips.map(\.reason))")
        let status = try #require(state.status)
        #expect(status.uptime >= 0 && status.controlTime == 1799)
        // The target the schedule gives for the wall time before and after the step, looked up
        // independently, is what the daemon recorded on each side of it.
        let schedule = try WeeklySchedule(parsing: settings.schedule)
        let history = state.history(since: 0)
        let before = try #require(history.last { $0.time < stepAt })
        let after = try #require(history.first { $0.time >= stepAt })
        let wantedBefore = try #require(schedule.setting(at: plant.weekTime(at: Seconds(before.time)))?.target?.value)
        let wantedAfter = try #require(schedule.setting(at: plant.weekTime(at: Seconds(after.time)))?.target?.value)
        #expect(wantedBefore != wantedAfter, "the step must cross an entry")
        #expect(before.target == wantedBefore && after.target == wantedAfter, "\(jump.name): \(before.target) → \(after.target)")
        // History is in control time: it runs on through the step, in order.
        #expect(zip(history, history.dropFirst()).allSatisfy { $1.time > $0.time })
        // Nothing negative among the metrics (durations, lateness, counts).
        let negative = metrics.text().split(separator: "\n").filter { !$0.hasPrefix("#") && $0.split(separator: " ").last?.hasPrefix("-") == true }
        #expect(negative.isEmpty, "\(negative)")
        // The owner's settings are untouched on disk.
        #expect(try store.load() == .loaded(settings))
    }
}

import ArgumentParser
import Foundation
import HearthCore
import HearthHAL
import HearthSimulator
import Logging

/// `hearth run`: the control loop in the foreground, on the simulator (in real
/// time, or `--speed N` times faster) or on Linux hardware. SIGINT/SIGTERM stop it
/// cleanly, leaving the hash board off and the fan at the board's safe duty.
struct RunCommand: AsyncParsableCommand {
    enum Backend: String, ExpressibleByArgument, CaseIterable { case sim, linux }

    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the control loop in the foreground (simulator or Linux hardware).")

    @Option(help: "Board id (a file in boards/) or path to a board .toml file.") var board: String
    @Option(help: "Backend: sim (no hardware) or linux.") var backend: Backend = .sim
    @Option(help: "Room target, e.g. 21, 21.5C or 70F.") var target = "21"
    @Option(help: "Mode: \(Mode.allCases.map(\.rawValue).joined(separator: ", ")).") var mode: Mode = .heat
    @Option(help: "Simulator only: the weather and room (\(ScenarioCatalog.names.joined(separator: ", "))).")
    var scenario = "winter-day"
    @Option(help: "Simulator only: simulated seconds per wall second.") var speed = 1.0
    @Option(help: "Stop after this many (simulated) hours; default: run until interrupted.") var hours: Double?
    @Option(help: "Seconds between control ticks.") var tick = 1.0
    @Option(help: "Directory with board files.") var boardsDir: String?

    func run() async throws {
        guard tick >= 0.1, tick <= 60 else { throw CLIError("--tick must be 0.1…60 s") }
        guard speed.isFinite, speed > 0, speed <= 100_000 else { throw CLIError("--speed must be > 0") }
        if let hours, !(hours.isFinite && hours > 0) { throw CLIError("--hours must be > 0") }
        let targetValue: Celsius
        do { targetValue = try Celsius(parsing: target) } catch { throw CLIError("--target '\(target)': \(error.problem)") }
        guard ControlSettings.targetRange.contains(targetValue) else {
            throw CLIError("--target \(targetValue.typedText) °C is out of range; allowed: 5…30 °C")
        }
        let definition = try BoardLocator(explicitDirectory: boardsDir).load(board)
        LoggingSetup.bootstrap()
        let logger = Logger(label: "hearth.run")

        let plant: any RunPlant
        switch backend {
        case .sim:
            guard let s = ScenarioCatalog.named(scenario) else {
                throw CLIError("unknown scenario '\(scenario)'; allowed: \(ScenarioCatalog.names.joined(separator: ", "))")
            }
            plant = try SimulatedPlant(board: definition, scenario: s, target: targetValue)
        case .linux:
            plant = try LinuxPlant(board: definition, logger: logger)
        }
        let loop = ControlLoop(device: plant.device,
                               controller: HeaterController(board: definition.profile,
                                                            settings: ControlSettings(mode: mode, target: targetValue)),
                               logger: logger)
        logger.info("\(definition.profile.name) on the \(backend.rawValue) backend; Ctrl-C stops it safely")
        let signals = SignalWaiter()
        let clock = ContinuousClock()
        let started = clock.now
        let dt = Seconds(tick)
        let wallPerTick = backend == .sim ? tick / speed : tick
        var ticks = 0
        while !signals.signalled {
            let t = Seconds(Double(ticks) * tick)
            if let hours, t.value >= hours * 3600 { break }
            loop.tick(at: ControlTime(monotonic: t, week: plant.weekTime(at: t)))
            plant.advance(from: t, by: dt)
            ticks += 1
            // Wait for the next tick in short slices so a signal is noticed within 100 ms.
            let due = started + .milliseconds(Int64(Double(ticks) * wallPerTick * 1000))
            while !signals.signalled, clock.now < due {
                try? await Task.sleep(for: min(.milliseconds(100), due - clock.now))
            }
        }
        loop.shutDown()
        if let summary = plant.summary { logger.info("\(summary)") }
    }
}

/// What the loop runs against: a device, and for the simulator the world behind it.
protocol RunPlant {
    var device: any HeaterMiner { get }
    func weekTime(at t: Seconds) -> WeekTime
    func advance(from t: Seconds, by dt: Seconds)
    var summary: String? { get }
}

/// The simulator as a plant: the same virtual chips and physics as `hearth simulate`.
final class SimulatedPlant: RunPlant {
    let heater: SimulatedHeater
    let conditions: ScenarioConditions
    init(board: BoardDefinition, scenario: Scenario, target: Celsius) throws {
        let sized = SimulationRunner.sizedRoom(board: board, scenario: scenario, target: target, duration: .hours(24))
        conditions = ScenarioConditions(scenario: scenario, room: sized.room, designLoad: sized.designLoad)
        let initial = RoomState(steadyAt: target, outdoor: conditions.outdoor(at: .zero), room: sized.room)
        do { heater = try SimulatedHeater(board: board, room: sized.room, initial: initial, seed: 1) }
        catch { throw CLIError("simulated \(board.profile.id) failed to start: \(error)") }
    }
    var device: any HeaterMiner { heater.device }
    func weekTime(at t: Seconds) -> WeekTime { conditions.scenario.start.advanced(by: t) }
    func advance(from t: Seconds, by dt: Seconds) { _ = conditions.step(heater, at: t, by: dt) }
    var summary: String? {
        "room \(heater.physics.roomState.air), chip \(heater.physics.chipTemperature)"
    }
}

/// Local week time from the wall clock, for schedules and tariffs on real hardware.
enum LocalWeekTime {
    static func now() -> WeekTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.weekday, .hour, .minute, .second], from: Date())
        // Calendar: 1 = Sunday … 7 = Saturday; WeekTime: 0 = Monday.
        let day = ((c.weekday ?? 2) + 5) % 7
        return WeekTime(day: day, hour: c.hour ?? 0, minute: c.minute ?? 0, second: Double(c.second ?? 0))
    }
}

import ArgumentParser
import Foundation
import HearthCore
import HearthHAL
import HearthSimulator
import Logging

/// `hearth run`: the daemon. Control loop, local API and event streams run as
/// swift-service-lifecycle services; SIGTERM/SIGINT shut them down in order (API
/// first, the control loop last), leaving the hash board off and the fan at the
/// board's safe duty. On the simulator (`--backend sim`) it runs in real time, or
/// `--speed N` times faster, so every interface can be tried without hardware.
struct RunCommand: AsyncParsableCommand {
    enum Backend: String, ExpressibleByArgument, CaseIterable { case sim, linux }

    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the Hearth daemon: control loop and local API (simulator or Linux hardware).")

    @Option(help: "Board id (a file in boards/) or path to a board .toml file (or `board` in the config).") var board: String?
    @Option(help: "Backend: sim (no hardware) or linux (default: the config's, else sim).") var backend: Backend?
    @Option(help: "Config file (TOML, see examples/hearth.toml).") var config: String?
    @Option(help: "Initial room target when no settings are saved yet, e.g. 21, 21.5C or 70F.") var target: String?
    @Option(help: "Initial mode when no settings are saved yet: \(Mode.allCases.map(\.rawValue).joined(separator: ", ")).") var mode: Mode?
    @Option(help: "Simulator only: the weather and room (\(ScenarioCatalog.names.joined(separator: ", "))).")
    var scenario: String?
    @Option(help: "Simulator only: simulated seconds per wall second.") var speed: Double?
    @Option(help: "Stop after this many (simulated) hours; default: run until stopped.") var hours: Double?
    @Option(help: "Seconds between control ticks.") var tick: Double?
    @Option(help: "Directory with board files.") var boardsDir: String?
    @Option(help: "API unix socket (default: $HEARTH_SOCKET, /run/hearth/hearth.sock as root, else $XDG_RUNTIME_DIR/hearth/hearth.sock).")
    var socket: String?
    @Option(help: "Settings file (default: /var/lib/hearth/settings.json as root, else $XDG_STATE_HOME/hearth/settings.json).")
    var stateFile: String?

    func run() async throws {
        let setup = try DaemonSetup.make(self)
        LoggingSetup.bootstrap()
        try await setup.start()
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
    init(board: BoardDefinition, scenario: Scenario, target: Celsius, hasher: CPUHasher? = nil) throws {
        let sized = SimulationRunner.sizedRoom(board: board, scenario: scenario, target: target, duration: .hours(24))
        conditions = ScenarioConditions(scenario: scenario, room: sized.room, designLoad: sized.designLoad)
        let initial = RoomState(steadyAt: target, outdoor: conditions.outdoor(at: .zero), room: sized.room)
        do { heater = try SimulatedHeater(board: board, room: sized.room, initial: initial, seed: 1, hasher: hasher) }
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

import ArgumentParser
import HearthCore
import HearthDaemon
import HearthSimulator

extension DaemonBackend: ExpressibleByArgument {}

/// `hearth run`: the daemon (HearthDaemon). This command only reads the options and
/// hands them over: control loop, local API and event streams run as
/// swift-service-lifecycle services there; SIGTERM/SIGINT shut them down in order
/// (API first, the control loop last), leaving the hash board off and the fan at the
/// board's safe duty. On the simulator (`--backend sim`) it runs in real time, or
/// `--speed N` times faster, so every interface can be tried without hardware.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the Hearth daemon: control loop and local API (simulator or Linux hardware).")

    @Option(help: "Board id (a file in boards/) or path to a board .toml file (or `board` in the config).") var board: String?
    @Option(help: "Backend: sim (no hardware) or linux (default: the config's, else sim).") var backend: DaemonBackend?
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
    @Option(help: "avalon: the stock unit's API, HOST or HOST:PORT (4028).") var host: String?
    @Option(help: "avalon: the room temperature: mqtt://[user:pass@]HOST[:PORT]/TOPIC[#field], push, i2c:BUS:ADDR:DRIVER or inlet:OFFSET (repeatable).")
    var roomSensor: [String] = []
    @Option(help: "avalon: the off switch for a unit without soft off: shelly://…, tasmota://… or mqtt://…/TOPIC.") var plug: String?
    @Option(help: "Home Assistant over MQTT: the broker, mqtt://HOST[:PORT] (or [home_assistant] in the config).")
    var homeAssistant: String?

    var options: DaemonOptions {
        var o = DaemonOptions()
        o.board = board
        o.backend = backend
        o.config = config
        o.target = target
        o.mode = mode
        o.scenario = scenario
        o.speed = speed
        o.hours = hours
        o.tick = tick
        o.socket = socket
        o.stateFile = stateFile
        o.host = host
        o.roomSensors = roomSensor
        o.plug = plug
        o.homeAssistant = homeAssistant
        return o
    }

    func run() async throws {
        let locator = BoardLocator(explicitDirectory: boardsDir)
        do {
            let setup = try await DaemonSetup.make(options, loadBoard: { try locator.load($0) })
            LoggingSetup.bootstrap()
            try await setup.start()
        } catch let e as DaemonError {
            throw CLIError(e.description)
        }
    }
}

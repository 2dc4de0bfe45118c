import Foundation
import HearthCore
import HearthDaemon
import HearthBoardFiles
import HearthHAL
import HearthSimulator
import Logging
import ServiceLifecycle

/// Everything `hearth run` decides before it starts anything: options over the
/// config file over defaults, every value checked. A problem is one error line and
/// nothing has started (no socket, no settings file, no hardware touched).
struct DaemonSetup {
    var definition: BoardDefinition
    var backend: RunCommand.Backend
    var scenario: Scenario
    var timing: ControlService.Timing
    var socket: String
    var tcp: (host: String, port: Int)?
    var token: String?
    var stateFile: String
    var initial: DaemonSettings
    var tariff: Tariff?

    static func make(_ o: RunCommand) throws -> DaemonSetup {
        var config = DaemonConfig()
        if let path = o.config {
            let text = try Terminal.read(path)
            do { config = try DaemonConfig(parsing: text, file: path) } catch { throw CLIError(error.description) }
        }
        guard let boardName = o.board ?? config.board else {
            throw CLIError("no board: pass --board B or set board = \"…\" in the config")
        }
        let backend: RunCommand.Backend = o.backend ?? config.backend.flatMap(RunCommand.Backend.init) ?? .sim
        let tick = o.tick ?? config.tick ?? 1
        guard tick >= 0.1, tick <= 60 else { throw CLIError("--tick must be 0.1…60 s") }
        let speed = backend == .sim ? (o.speed ?? config.speed ?? 1) : 1
        guard speed.isFinite, speed > 0, speed <= 100_000 else { throw CLIError("--speed must be > 0 and at most 100000") }
        if let hours = o.hours, !(hours.isFinite && hours > 0) { throw CLIError("--hours must be > 0") }

        var initial = DaemonSettings(mode: o.mode ?? config.mode ?? .heat, target: config.target?.value ?? 21,
                                     schedule: config.schedule ?? "", pools: config.pools,
                                     activePool: config.pools.isEmpty ? nil : 0)
        if let t = o.target {
            let value: Celsius
            do { value = try Celsius(parsing: t) } catch { throw CLIError("--target '\(t)': \(error.problem)") }
            guard ControlSettings.targetRange.contains(value) else {
                throw CLIError("--target \(value.typedText) °C is out of range; allowed: 5…30 °C")
            }
            initial.target = value.value
        }
        let scenarioName = o.scenario ?? config.scenario ?? "winter-day"
        guard let scenario = ScenarioCatalog.named(scenarioName) else {
            throw CLIError("unknown scenario '\(scenarioName)'; allowed: \(ScenarioCatalog.names.joined(separator: ", "))")
        }
        var tariff: Tariff?
        if let path = config.tariffFile {
            do { tariff = try TariffFile(parsing: try Terminal.read(path), file: path).tariff } catch let e as TariffFileError {
                throw CLIError(e.description)
            }
        }
        var token: String?
        if let path = config.tokenFile {
            let text = try Terminal.read(path).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count >= 16 else { throw CLIError("\(path): the token must be at least 16 characters") }
            token = text
        }
        let definition = try BoardLocator(explicitDirectory: o.boardsDir).load(boardName)
        return DaemonSetup(definition: definition, backend: backend, scenario: scenario,
                           timing: .init(tick: tick, speed: speed, hours: o.hours),
                           socket: o.socket ?? config.socket ?? DaemonPaths.socket(),
                           tcp: config.tcp, token: token,
                           stateFile: o.stateFile ?? config.stateFile ?? DaemonPaths.stateFile(),
                           initial: initial, tariff: tariff)
    }

    /// Restores the saved settings (or starts from the config's), then runs until a signal.
    func start() async throws {
        let logger = Logger(label: "hearth.daemon")
        let settings = try restoreSettings(logger: logger)
        let plant: any RunPlant
        switch backend {
        case .sim:
            // The simulated board mines for real (CPU SHA-256d) whenever a pool is set.
            plant = try SimulatedPlant(board: definition, scenario: scenario, target: Celsius(settings.target),
                                       hasher: CPUHasher(.init(threads: 1, maximumRate: 400_000)))
        case .linux: plant = try LinuxPlant(board: definition, logger: logger)
        }
        let profile = definition.profile
        let loop = ControlLoop(device: plant.device,
                               controller: HeaterController(board: profile,
                                                            settings: settings.controlSettings(board: profile, tariff: tariff)),
                               logger: Logger(label: "hearth.control"))
        let store = SettingsStore(path: stateFile)
        let state = DaemonState(board: profile, backend: backend.rawValue, store: store, settings: settings)
        let metrics = DaemonMetrics()
        let notify = SDNotify()
        var listeners: [APIListener] = [.unix(path: socket)]
        if let tcp {
            let l = APIListener.tcp(host: tcp.host, port: tcp.port)
            if !l.isLoopback { logger.warning("the API listens on \(l), reachable from the network; writes need the bearer token") }
            if token == nil { logger.warning("no token_file: writes over \(l) are refused") }
            listeners.append(l)
        }
        let readiness = Readiness(listeners: listeners.count, notify: notify,
                                  status: "\(profile.name) on \(backend.rawValue), API on \(socket)")
        let mining = MiningService(board: (plant as? SimulatedPlant)?.heater.hashBoard, state: state, metrics: metrics,
                                   logger: Logger(label: "hearth.mining"))
        let control = ControlService(loop: loop, plant: plant, state: state, metrics: metrics, notify: notify,
                                     readiness: readiness, timing: timing, tariff: tariff,
                                     logger: Logger(label: "hearth.control"), mining: { mining.status })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: control, successTerminationBehavior: .gracefullyShutdownGroup,
                  failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        for l in listeners {
            let api = try APIService.make(listener: l, state: state, metrics: metrics, token: token,
                                          logger: Logger(label: "hearth.api"), onRunning: { readiness.listenerReady() })
            services.append(.init(service: api, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        // Shut down in reverse: mining goes before the control loop, which leaves the hardware safe.
        services.append(.init(service: mining))
        services.append(.init(service: EventStreamCloser(state: state)))
        logger.info("\(profile.name) on the \(backend.rawValue) backend\(backend == .sim ? " at \(formatted(timing.speed, decimals: 0))× speed" : ""); settings in \(stateFile); SIGTERM or Ctrl-C stops it safely")
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      cancellationSignals: [], logger: logger))
        do { try await group.run() } catch {
            logger.error("stopped on an error: \(error)")
            throw CLIError("\(error)")
        }
        if case .unix(let path) = listeners[0] { unlink(path) }
    }

    /// Saved settings win over the config's; a corrupt file is set aside and said so.
    private func restoreSettings(logger: Logger) throws -> DaemonSettings {
        let dir = (stateFile as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw CLIError("cannot create \(dir) for the settings file: \(error.localizedDescription)")
        }
        let store = SettingsStore(path: stateFile)
        do {
            switch try store.load() {
            case .loaded(let s):
                logger.info("settings restored from \(stateFile) (revision \(s.revision)): mode \(s.mode), target \(s.target) °C")
                return s
            case .missing:
                try store.save(initial)
                return initial
            case .corrupt(let problem, let aside):
                logger.error("settings file \(stateFile) is corrupt (\(problem)); moved to \(aside) and starting from the config's settings")
                try store.save(initial)
                return initial
            }
        } catch {
            throw CLIError(error.description)
        }
    }
}

import Foundation
import HearthBoardFiles
import HearthCGMinerAPI
import HearthAvalon
import HearthAxeOS
import HearthCore
import HearthHAL
import HearthMining
import HearthRuntime
import HearthSimulator
import Logging
import ServiceLifecycle

/// Which hardware the daemon runs: the simulator, or a board on Linux buses. A new
/// backend adds a case here and a plant in `Plants/` (docs/ARCHITECTURE.md).
public enum DaemonBackend: String, Sendable, CaseIterable {
    case sim, linux
    /// A stock Avalon steered over its own API (`--host`).
    case avalon
    /// A stock Bitaxe-class board steered over AxeOS (`--host`).
    case axeos
}

/// What the person starting the daemon gave on the command line; nil: not given.
public struct DaemonOptions: Sendable {
    public var board: String?
    public var backend: DaemonBackend?
    public var config: String?
    public var target: String?
    public var mode: Mode?
    public var scenario: String?
    public var speed: Double?
    public var hours: Double?
    public var tick: Double?
    public var socket: String?
    public var stateFile: String?
    /// avalon: the unit, HOST or HOST:PORT.
    public var host: String?
    /// avalon: the owner's room sensors (`--room-sensor`, repeatable) and plug (`--plug`).
    public var roomSensors: [String] = []
    public var plug: String?
    /// `--home-assistant mqtt://HOST[:PORT]`: the broker, over the config's `[home_assistant] broker`.
    public var homeAssistant: String?
    public init() {}
}

/// Everything `hearth run` decides before it starts anything: options over the
/// config file over defaults, every value checked. A problem is one error line and
/// nothing has started (no socket, no settings file, no hardware touched).
public struct DaemonSetup: Sendable {
    public var definition: BoardDefinition
    public var backend: DaemonBackend
    public var scenario: Scenario
    public var timing: ControlService.Timing
    public var socket: String
    public var tcp: APIListener?
    public var token: String?
    /// `[api] public_reads`: reads on a non-loopback listener need no token.
    public var publicReads = false
    public var stateFile: String
    public var initial: DaemonSettings
    public var tariff: Tariff?
    /// `[economics] hashprice`, for the status's net cost of heat.
    public var hashprice: Hashprice?
    /// avalon: the unit, its room sensors and plug; the board is chosen from the detected model unless given.
    public var avalon: AvalonTarget?
    /// axeos: the board and its room sensors; the board file is chosen from the reported chip unless given.
    public var axeos: AxeOSTarget?
    /// `[cgminer_api]`: Hearth's cgminer-style API (on by default, loopback port 4028).
    public var cgminerAPI = CGMinerAPIConfig()
    /// `[home_assistant]`: the bridge to Home Assistant over MQTT, and the broker password from its file.
    public var homeAssistant: HomeAssistantConfig?
    public var homeAssistantPassword: String?

    public struct AxeOSTarget: Sendable {
        public var endpoint: AxeOSEndpoint
        public var roomSensors: [String]
    }

    public struct AvalonTarget: Sendable {
        public var endpoint: CGMinerEndpoint
        public var roomSensors: [String]
        public var plug: String?
    }

    /// - Parameter loadBoard: finds a board file by id or path (the command line knows where boards live).
    public static func make(_ o: DaemonOptions,
                            loadBoard: (String) throws -> BoardDefinition) async throws -> DaemonSetup {
        var config = DaemonConfig()
        if let path = o.config {
            let text = try readFile(path)
            do { config = try DaemonConfig(parsing: text, file: path) } catch { throw DaemonError(error.description) }
        }
        let backend: DaemonBackend = o.backend ?? config.backend.flatMap(DaemonBackend.init) ?? .sim
        var boardName = o.board ?? config.board
        var avalon: AvalonTarget?
        var axeos: AxeOSTarget?
        if backend == .avalon {
            guard let host = o.host ?? config.avalonHost else {
                throw DaemonError("--host HOST[:PORT] (or [avalon] host in the config) is required with --backend avalon")
            }
            let endpoint: CGMinerEndpoint
            do { endpoint = try CGMinerEndpoint(parsing: host) } catch { throw DaemonError("--host \(error)") }
            if boardName == nil {
                let model = try await AvalonPlant.identify(endpoint).0
                guard let file = model.profile.boardFile else {
                    throw DaemonError("\(model.profile.name) at \(endpoint): no board file describes this model yet; pass --board")
                }
                boardName = file
            }
            avalon = AvalonTarget(endpoint: endpoint, roomSensors: o.roomSensors.isEmpty ? config.roomSensors : o.roomSensors,
                                  plug: o.plug ?? config.plug)
        } else if backend == .axeos {
            axeos = try await AxeOSTarget.make(o, config: config, board: &boardName)
        } else if o.host != nil || !o.roomSensors.isEmpty || o.plug != nil {
            throw DaemonError("--host, --room-sensor and --plug are for --backend avalon or axeos")
        }
        guard let boardName else {
            throw DaemonError("no board: pass --board B or set board = \"…\" in the config")
        }
        let tick = o.tick ?? config.tick ?? 1
        guard tick >= 0.1, tick <= 60 else { throw DaemonError("--tick must be 0.1…60 s") }
        let speed = backend == .sim ? (o.speed ?? config.speed ?? 1) : 1
        guard speed.isFinite, speed > 0, speed <= 100_000 else { throw DaemonError("--speed must be > 0 and at most 100000") }
        if let hours = o.hours, !(hours.isFinite && hours > 0) { throw DaemonError("--hours must be > 0") }

        var initial = DaemonSettings(mode: o.mode ?? config.mode ?? .heat, target: config.target?.value ?? 21,
                                     schedule: config.schedule ?? "", pools: config.pools,
                                     activePool: config.pools.isEmpty ? nil : 0)
        if let t = o.target {
            do { initial.target = try TargetTemperature.parse(t).value } catch {
                throw DaemonError("--target '\(t)': \(error.problem)")
            }
        }
        let scenarioName = o.scenario ?? config.scenario ?? "winter-day"
        guard let scenario = ScenarioCatalog.named(scenarioName) else {
            throw DaemonError("unknown scenario '\(scenarioName)'; allowed: \(ScenarioCatalog.names.joined(separator: ", "))")
        }
        var tariff: Tariff?
        if let path = config.tariffFile {
            do { tariff = try TariffFile(parsing: try readFile(path), file: path).tariff } catch let e as TariffFileError {
                throw DaemonError(e.description)
            }
        }
        var token: String?
        if let path = config.tokenFile {
            let text = try readFile(path).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count >= 16 else { throw DaemonError("\(path): the token must be at least 16 characters") }
            token = text
        }
        let definition: BoardDefinition
        do { definition = try loadBoard(boardName) } catch { throw DaemonError("\(error)") }
        let socket: String, stateFile: String
        do {
            socket = try o.socket ?? config.socket ?? DaemonPaths.resolveSocket()
            stateFile = try o.stateFile ?? config.stateFile ?? DaemonPaths.resolveStateFile()
        } catch {
            throw DaemonError("\(error)")
        }
        var setup = DaemonSetup(definition: definition, backend: backend, scenario: scenario,
                           timing: .init(tick: tick, speed: speed, hours: o.hours),
                           socket: socket, tcp: config.tcp.map { APIListener.tcp(host: $0.host, port: $0.port) },
                           token: token, publicReads: config.publicReads, stateFile: stateFile, initial: initial, tariff: tariff, avalon: avalon)
        setup.homeAssistant = config.homeAssistant
        setup.hashprice = config.hashprice
        if let url = o.homeAssistant {
            let broker: HomeAssistantConfig
            do { broker = try HomeAssistantConfig.broker(url) } catch { throw DaemonError("--home-assistant \(error.problem)") }
            var ha = config.homeAssistant ?? broker
            (ha.host, ha.port) = (broker.host, broker.port)
            setup.homeAssistant = ha
        }
        setup.cgminerAPI = config.cgminerAPI
        setup.axeos = axeos
        if let path = config.homeAssistant?.passwordFile {
            setup.homeAssistantPassword = try readFile(path).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return setup
    }

    private static func readFile(_ path: String) throws(DaemonError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw DaemonError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
    }

    /// Restores the saved settings (or starts from the config's), then runs until a signal.
    public func start() async throws {
        let logger = Logger(label: "hearth.daemon")
        let settings = try restoreSettings(logger: logger)
        let plant: any RunPlant
        switch backend {
        case .sim:
            // The simulated board mines for real (CPU SHA-256d) whenever a pool is set.
            plant = try SimulatedPlant(board: definition, scenario: scenario, target: Celsius(settings.target),
                                       hasher: CPUHasher(.init(threads: 1, maximumRate: 400_000)))
        case .linux: plant = try LinuxPlant(board: definition, logger: logger)
        case .avalon:
            guard let avalon else { throw DaemonError("--backend avalon needs --host") }
            plant = try await AvalonPlant.make(endpoint: avalon.endpoint, board: definition.profile,
                                               roomSensors: avalon.roomSensors, plug: avalon.plug, logger: logger)
        case .axeos:
            guard let axeos else { throw DaemonError("--backend axeos needs --host") }
            plant = try await AxeOSPlant.make(endpoint: axeos.endpoint, board: definition.profile, chip: definition.chip,
                                              roomSensors: axeos.roomSensors, logger: logger)
        }
        // A stock unit plans with the points its firmware can select, at its own pace.
        let profile = plant.device.profile
        let loop = ControlLoop(device: plant.device,
                               policy: HeaterController(board: profile,
                                                        settings: settings.controlSettings(board: profile, tariff: tariff),
                                                        timing: plant.planningTiming))
        let store = SettingsStore(path: stateFile)
        let state = DaemonState(board: profile, backend: backend.rawValue, store: store, settings: settings,
                                roomPush: plant.roomPush)
        let metrics = DaemonMetrics()
        let notify = SDNotify()
        var listeners: [APIListener] = [.unix(path: socket)]
        if let l = tcp {
            if !l.isLoopback { logger.warning("the API listens on \(l), reachable from the network; writes need the bearer token") }
            if token == nil { logger.warning("no token_file: writes over \(l) are refused") }
            listeners.append(l)
        }
        let readiness = Readiness(listeners: listeners.count, notify: notify,
                                  status: "\(profile.name) on \(backend.rawValue), API on \(socket)")
        let mining = MiningService(board: plant.hashBoard, state: state, metrics: metrics,
                                   logger: Logger(label: "hearth.mining"))
        let control = ControlService(loop: loop, plant: plant, state: state, metrics: metrics, notify: notify,
                                     readiness: readiness, timing: timing, tariff: tariff, hashprice: hashprice,
                                     logger: Logger(label: "hearth.control"), mining: { mining.status })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: control, successTerminationBehavior: .gracefullyShutdownGroup,
                  failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        for l in listeners {
            let api = try APIService.make(listener: l, state: state, metrics: metrics, token: token, publicReads: publicReads,
                                          logger: Logger(label: "hearth.api"), onRunning: { readiness.listenerReady() })
            services.append(.init(service: api, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        // Shut down in reverse: mining goes before the control loop, which leaves the hardware safe.
        if cgminerAPI.enabled { services.append(.init(service: CGMinerAPIService(config: cgminerAPI, state: state))) }
        services.append(.init(service: mining))
        services.append(.init(service: EventStreamCloser(state: state)))
        if let ha = homeAssistant {
            // Stops first (offline published while the loop still runs); its failure never stops the heater.
            let bridge = try HomeAssistantService(config: ha, password: homeAssistantPassword, state: state, stateFile: stateFile,
                                                  configurationURL: tcp.map { "\($0)/" }, tariff: tariff,
                                                  logger: Logger(label: "hearth.homeassistant"))
            services.append(.init(service: bridge, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        }
        logger.info("\(profile.name) on the \(backend.rawValue) backend\(backend == .sim ? " at \(formatted(timing.speed, decimals: 0))× speed" : ""); settings in \(stateFile); SIGTERM or Ctrl-C stops it safely")
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      cancellationSignals: [], logger: logger))
        do { try await group.run() } catch {
            logger.error("stopped on an error: \(error)")
            throw DaemonError("\(error)")
        }
        if case .unix(let path) = listeners[0] { unlink(path) }
    }

    /// Saved settings win over the config's; a corrupt file is set aside and said so.
    private func restoreSettings(logger: Logger) throws -> DaemonSettings {
        let dir = (stateFile as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw DaemonError("cannot create \(dir) for the settings file: \(error.localizedDescription)")
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
            throw DaemonError(error.description)
        }
    }
}

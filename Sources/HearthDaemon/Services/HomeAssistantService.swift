import Foundation
import HearthCore
import HearthHomeAssistant
import HearthSupport
import Logging
import ServiceLifecycle

/// `[home_assistant]` in the config: the broker and how Hearth appears in Home Assistant.
public struct HomeAssistantConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    /// A file holding the broker password (kept out of the config, like `token_file`).
    public var passwordFile: String?
    public var discoveryPrefix: String = "homeassistant"
    /// Stable ids across restarts; nil: generated once and kept next to the settings file.
    public var nodeID: String?
    /// Unit of the net-cost sensor (`EUR/kWh`).
    public var currency: String = "EUR"

    public init(host: String, port: Int = 1883) {
        self.host = host
        self.port = port
    }

    /// `mqtt://HOST[:PORT]`, the broker as the config and `--home-assistant` name it.
    public static func broker(_ text: String) throws(HomeAssistantConfigurationError) -> HomeAssistantConfig {
        func bad() -> HomeAssistantConfigurationError {
            .init(setting: "broker", problem: "'\(text)' is not mqtt://HOST[:PORT] like mqtt://127.0.0.1:1883")
        }
        guard text.hasPrefix("mqtt://") else { throw bad() }
        var rest = text.dropFirst("mqtt://".count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@") else { throw bad() }
        var host = String(rest), port = 1883
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { throw bad() }
            port = p
            host = String(rest[..<colon])
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw bad() }
        return HomeAssistantConfig(host: host, port: port)
    }

    /// Checks what the bridge would refuse at start, so a bad config stops before anything runs.
    public func validate() throws(HomeAssistantConfigurationError) {
        _ = try HomeAssistantTopics(discoveryPrefix: discoveryPrefix, nodeID: nodeID ?? "hearth")
        _ = try HomeAssistantBroker(host: host, port: port, username: username).mqttConfiguration(nodeID: nodeID ?? "hearth")
        guard !currency.isEmpty, currency.count <= 8, !currency.contains(where: \.isWhitespace) else {
            throw .init(setting: "currency", problem: "'\(currency)' must be a short code like EUR")
        }
    }
}

/// The Home Assistant bridge as a daemon service: publishes the daemon's state once a
/// wall second (only what changed goes out) and hands HA's commands to the same
/// validated path as the CLI and the API (`DaemonState.change`, `requestTripClear`).
public final class HomeAssistantService: Service, Sendable {
    /// Where a generated node id is kept, beside the settings file.
    public static let nodeIDFileName = "home-assistant-node-id"

    private let bridge: HomeAssistantBridge
    private let state: DaemonState
    private let tariff: Tariff?
    private let logger: Logger
    private let broker: String

    public init(config: HomeAssistantConfig, password: String?, state: DaemonState, stateFile: String,
                configurationURL: String?, tariff: Tariff?, logger: Logger) throws {
        let nodeID = try config.nodeID ?? Self.persistedNodeID(besides: stateFile)
        let identity = try HomeAssistantIdentity(
            nodeID: nodeID, boardID: state.board.id, boardName: state.board.name,
            manufacturer: HomeAssistantIdentity.manufacturer(forBoard: state.board.id),
            softwareVersion: HearthVersion.current, configurationURL: configurationURL)
        let topics = try HomeAssistantTopics(discoveryPrefix: config.discoveryPrefix, nodeID: nodeID)
        let mqtt = try HomeAssistantBroker(host: config.host, port: config.port, username: config.username,
                                           password: password).mqttConfiguration(nodeID: nodeID)
        self.state = state
        self.tariff = tariff
        self.logger = logger
        broker = mqtt.broker
        bridge = try HomeAssistantBridge(mqtt: mqtt, discovery: HomeAssistantDiscovery(topics: topics, identity: identity,
                                                                                       currency: config.currency),
                                         logger: logger) { [state, logger] command in
            switch command {
            case .change(let body):
                let s = try state.change(body)
                logger.info("Home Assistant changed the settings: \(body.jsonText) (revision \(s.revision))")
            case .clearTrip:
                if try state.requestTripClear() { logger.notice("Home Assistant cleared the trip") } else {
                    logger.info("Home Assistant pressed clear trip; no trip is latched")
                }
            }
        }
    }

    /// A node id made once (`hearth_` + 8 hex digits) and kept, so unique ids survive restarts.
    static func persistedNodeID(besides stateFile: String) throws -> String {
        let path = ((stateFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(nodeIDFileName)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
            do { try HomeAssistantIdentity.validateNodeID(id) } catch {
                throw DaemonError("\(path): \(error.problem); delete it to make a new one, or set node_id in [home_assistant]")
            }
            return id
        }
        let id = "hearth_" + String(UInt32.random(in: .min ... .max), radix: 16)
        do { try id.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw DaemonError("cannot keep the Home Assistant node id in \(path): \(error.localizedDescription)")
        }
        return id
    }

    public func run() async throws {
        try await bridge.start()
        logger.info("Home Assistant over MQTT: broker \(broker), discovery under \(bridge.topics.discoveryPrefix)/, state on \(bridge.topics.state)")
        // Bounded by the shutdown: one publish check per wall second.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            bridge.update(heaterState())
            try? await Task.sleep(for: .seconds(1))
        }
        await bridge.stop()
    }

    /// The entities' view: the last tick's status, or the settings before the first tick.
    func heaterState() -> HeaterState {
        let settings = state.settings
        guard let s = state.status else {
            return HeaterState(mode: settings.mode, target: Celsius(settings.target), room: nil, chip: nil, power: nil,
                               hashrate: HashRate(0), fanDuty: DutyCycle(0), hashing: false, sharesAccepted: nil,
                               netCostPerKWhHeat: nil, trip: nil)
        }
        let room: Celsius? = s.room.map { Celsius($0) }
        let chip: Celsius? = s.chip.map { Celsius($0) }
        let power: Watts? = s.power.map { Watts($0) }
        return HeaterState(mode: Mode(rawValue: s.mode) ?? settings.mode, target: Celsius(s.target),
                           room: room, chip: chip, power: power,
                           hashrate: HashRate(s.hashrate), fanDuty: DutyCycle(s.fanDuty / 100), hashing: s.hashing,
                           sharesAccepted: s.mining?.sharesAccepted, netCostPerKWhHeat: s.economics?.netCostPerKWhHeat.map { EnergyPrice($0) },
                           trip: s.trip?.reason)
    }
}

import HearthMQTT

/// The broker Home Assistant listens on, as the daemon's config gives it. The password
/// never appears in `description`.
public struct HomeAssistantBroker: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public init(host: String, port: Int = 1883, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// The MQTT client's settings for node `nodeID` (client id `hearth-<node>`); the bridge adds the will.
    /// - Throws: the first setting the client would refuse, named.
    public func mqttConfiguration(nodeID: String) throws(HomeAssistantConfigurationError) -> MQTTClientConfiguration {
        let config = MQTTClientConfiguration(host: host, port: port, clientID: "hearth-\(nodeID)",
                                             username: username, password: password)
        do { try config.validate() } catch { throw .init(setting: "broker", problem: "\(error)") }
        return config
    }

    public var description: String { MQTTClientConfiguration(host: host, port: port, clientID: "").broker }
}

import HearthMQTT

/// Every topic the bridge uses, from the discovery prefix and the node id. Hearth's
/// own topics live under `hearth/<node_id>/`; discovery configs under the prefix.
public struct HomeAssistantTopics: Sendable, Hashable {
    public let discoveryPrefix: String
    public let nodeID: String

    /// - Throws: a prefix that is not a plain MQTT topic (wildcards, empty levels at the ends).
    public init(discoveryPrefix: String = "homeassistant", nodeID: String) throws(HomeAssistantConfigurationError) {
        guard !discoveryPrefix.isEmpty, !discoveryPrefix.hasPrefix("/"), !discoveryPrefix.hasSuffix("/"),
              !discoveryPrefix.contains("+"), !discoveryPrefix.contains("#"), (try? MQTTTopic.validateName(discoveryPrefix)) != nil
        else {
            throw .init(setting: "discovery_prefix", problem: "'\(discoveryPrefix)' must be a topic without wildcards or a leading or trailing '/', like homeassistant")
        }
        try HomeAssistantIdentity.validateNodeID(nodeID)
        self.discoveryPrefix = discoveryPrefix
        self.nodeID = nodeID
    }

    public var base: String { "hearth/\(nodeID)" }
    /// `online` / `offline` (the last will), retained.
    public var availability: String { "\(base)/availability" }
    /// One JSON object with every value the entities show, retained.
    public var state: String { "\(base)/state" }
    /// Home Assistant's birth and last will (`online` / `offline`).
    public var homeAssistantStatus: String { "\(discoveryPrefix)/status" }

    public func command(_ kind: HomeAssistantCommand.Kind) -> String { "\(base)/set/\(kind.rawValue)" }
    /// All command topics, for one subscription.
    public var commandFilter: String { "\(base)/set/+" }

    /// `<prefix>/<component>/<node_id>/<object_id>/config`, HA's discovery topic.
    public func discovery(component: String, objectID: String) -> String {
        "\(discoveryPrefix)/\(component)/\(nodeID)/\(objectID)/config"
    }
}

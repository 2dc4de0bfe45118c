import HearthCore

/// Who this heater is to Home Assistant: the node id that makes every unique id and
/// topic stable across restarts (configured, or generated once and kept on disk by
/// the daemon), and the device and origin blocks every discovery payload carries.
public struct HomeAssistantIdentity: Sendable, Hashable {
    /// `[A-Za-z0-9_-]`, 1…64 characters: HA's rule for the node id in a discovery topic.
    public var nodeID: String
    /// The board's id (`avalon-nano3s`), part of every unique id so two boards on one
    /// node id never share entities.
    public var boardID: String
    /// Shown as the device's name and model (`Avalon Nano 3S`).
    public var boardName: String
    public var manufacturer: String
    public var softwareVersion: String
    /// Where a person opens the heater's own page (the daemon's TCP listener), if any.
    public var configurationURL: String?

    public init(nodeID: String, boardID: String, boardName: String, manufacturer: String,
                softwareVersion: String, configurationURL: String? = nil) throws(HomeAssistantConfigurationError) {
        try Self.validateNodeID(nodeID)
        self.nodeID = nodeID
        self.boardID = boardID
        self.boardName = boardName
        self.manufacturer = manufacturer
        self.softwareVersion = softwareVersion
        self.configurationURL = configurationURL
    }

    /// HA's discovery topic takes a node id of letters, digits, `_` and `-` only.
    public static func validateNodeID(_ id: String) throws(HomeAssistantConfigurationError) {
        let allowed = id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
        }
        guard !id.isEmpty, id.utf8.count <= 64, allowed else {
            throw .init(setting: "node_id", problem: "'\(id)' must be 1…64 letters, digits, '_' or '-' (Home Assistant's rule for discovery topics)")
        }
    }

    /// The manufacturer a board id suggests (stock Avalon units are Canaan's).
    public static func manufacturer(forBoard id: String) -> String {
        id.hasPrefix("avalon") ? "Canaan" : "Hearth"
    }

    /// `hearth_<node>_<board>`: the prefix of every unique id and the device identifier.
    public var stem: String { "hearth_\(nodeID)_\(boardID.map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce(into: "") { $0.append($1) })" }
}

/// A setting of the bridge that can't be used, named.
public struct HomeAssistantConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var setting: String
    public var problem: String
    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }
    public var description: String { "home_assistant.\(setting): \(problem)" }
}

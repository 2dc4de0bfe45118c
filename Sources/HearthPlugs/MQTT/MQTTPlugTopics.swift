import HearthMQTT

/// Where an MQTT-switched plug takes commands and tells its state and power, and the
/// payloads it understands.
///
/// Tasmota's convention fills the gaps: a command topic `cmnd/<name>/POWER` has its
/// state on `stat/<name>/POWER` and its power in `tele/<name>/SENSOR` (`ENERGY.Power`),
/// also under a custom full topic such as `tasmota/cmnd/<name>/POWER`.
public struct MQTTPlugTopics: Sendable, Hashable {
    public var command: String
    public var state: String?
    public var power: String?
    public var onPayload: String
    public var offPayload: String

    /// - Parameters:
    ///   - state: nil takes Tasmota's `stat/…/POWER` when the command topic follows its convention.
    ///   - power: nil takes Tasmota's `tele/…/SENSOR` likewise.
    public init(command: String, state: String? = nil, power: String? = nil, onPayload: String = "ON", offPayload: String = "OFF") {
        self.command = command
        let tasmota = Self.tasmotaTopics(forCommand: command)
        self.state = state ?? tasmota?.state
        self.power = power ?? tasmota?.power
        self.onPayload = onPayload
        self.offPayload = offPayload
    }

    /// True when the command topic is Tasmota's `…/cmnd/<name>/POWER[n]`: an empty payload
    /// there asks the plug to publish its state.
    public var followsTasmotaConvention: Bool { Self.tasmotaTopics(forCommand: command) != nil }

    static func tasmotaTopics(forCommand command: String) -> (state: String, power: String)? {
        var levels = command.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard levels.count >= 3, let last = levels.last, last.uppercased().hasPrefix("POWER"),
              let cmnd = levels.firstIndex(of: "cmnd"), cmnd < levels.count - 2
        else { return nil }
        levels[cmnd] = "stat"
        let state = levels.joined(separator: "/")
        levels[cmnd] = "tele"
        levels[levels.count - 1] = "SENSOR"
        return (state, levels.joined(separator: "/"))
    }

    /// Each topic a valid MQTT topic name (no wildcards).
    func validate() throws(MQTTTopic.Invalid) {
        try MQTTTopic.validateName(command)
        if let state { try MQTTTopic.validateName(state) }
        if let power { try MQTTTopic.validateName(power) }
    }
}

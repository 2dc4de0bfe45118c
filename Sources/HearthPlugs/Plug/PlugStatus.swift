import HearthCore

/// What a plug reports about its socket.
public struct PlugStatus: Sendable, Hashable, CustomStringConvertible {
    public var isOn: Bool
    /// The power through the socket; nil when the plug does not measure it.
    public var watts: Watts?
    /// True when the plug can't report its state (an MQTT plug without a state topic):
    /// `isOn` is then what Hearth last commanded, not something the plug said.
    public var isAssumed: Bool

    public init(isOn: Bool, watts: Watts? = nil, isAssumed: Bool = false) {
        self.isOn = isOn
        self.watts = watts
        self.isAssumed = isAssumed
    }

    /// `on, 65.2 W` / `off` / `on (assumed: the plug reports no state)`.
    public var description: String {
        var text = isOn ? "on" : "off"
        if let watts { text += ", \(Self.format(watts)) W" }
        if isAssumed { text += " (assumed: the plug reports no state)" }
        return text
    }

    static func format(_ watts: Watts) -> String {
        let tenths = (watts.value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))" : "\(tenths)"
    }
}

import HearthCore

/// Where a `PlugSwitch` stands, for the remote device and `hearth status`. Holds no password.
public struct PlugSwitchReport: Sendable, Hashable, CustomStringConvertible {
    /// `shelly 192.168.1.50:80 switch 0`.
    public var plug: String
    /// What Hearth wants the socket to be; nil before the first `want`.
    public var wanted: Bool?
    /// The plug's last answer (state and watts).
    public var reported: PlugStatus?
    public var health: PlugHealth
    /// The newest failure, cleared by the next success.
    public var lastError: String?
    /// When the next command or check may go (after a failure's backoff or under the rate
    /// limit); nil when one may go now.
    public var nextAttemptAt: Seconds?
    public var commandsSent: Int
    /// Commands the per-minute limit held back (each counted once).
    public var commandsDeferred: Int

    /// The plug says what Hearth wants.
    public var isSettled: Bool { wanted == nil || reported?.isOn == wanted }

    /// True when the socket is known to be off: the only state in which the heater is
    /// known to draw nothing.
    public var isKnownOff: Bool { reported?.isOn == false && reported?.isAssumed == false }

    /// One line in plain words: `plug shelly 192.168.1.50:80 switch 0: on, 65 W`,
    /// `…: not answering (5 failures in a row): <error>`.
    public var description: String {
        var text = "plug \(plug): "
        switch health {
        case .notAnswering(let failures, _):
            text += "not answering (\(failures) failures in a row)"
            if let reported { text += "; last known \(reported)" }
            if let wanted { text += "; wanted \(wanted ? "on" : "off")" }
            if let lastError { text += ": \(lastError)" }
            return text
        case .unknown where reported == nil:
            text += wanted.map { "switching \($0 ? "on" : "off")" } ?? "not asked yet"
        default:
            text += reported.map(\.description) ?? "state unknown"
            if let wanted, !isSettled { text += "; switching \(wanted ? "on" : "off")" }
        }
        if let lastError { text += " (retrying: \(lastError))" }
        return text
    }
}

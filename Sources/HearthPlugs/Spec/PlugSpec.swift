import HearthMQTT

/// Which plug switches the heater's mains, as `--plug SPEC` or `[plug]` in the config
/// give it:
///
/// - `shelly://[admin:PASSWORD@]HOST[:PORT][/SWITCH_ID]` (Gen2+ RPC; switch 0 by default)
/// - `tasmota://[USER:PASSWORD@]HOST[:PORT]`
/// - `mqtt://[USER:PASSWORD@]HOST[:PORT]/COMMAND_TOPIC[?state=TOPIC&power=TOPIC&on=ON&off=OFF]`
///
/// A user or password holding `@ : / ? # %` is written percent-encoded (`%40` for `@`).
/// The password is in the value (the plug needs it) but never in `description`, `dump`
/// or any error.
public enum PlugSpec: Sendable, Hashable {
    case shelly(ShellyPlugSpec)
    case tasmota(TasmotaPlugSpec)
    case mqtt(MQTTPlugSpec)

    /// Reads a spec; one error naming the first bad part.
    public static func parse(_ text: String) throws(PlugSpecError) -> PlugSpec {
        try PlugSpecParser(text).parse()
    }

    /// The plug's name as messages give it (no password).
    public var plugName: String {
        switch self {
        case .shelly(let s): "shelly \(s.host.urlHost):\(s.port) switch \(s.switchID)"
        case .tasmota(let s): "tasmota \(s.host.urlHost):\(s.port)"
        case .mqtt(let s): "mqtt \(s.host.urlHost):\(s.port) \(s.topics.command)"
        }
    }
}

public struct ShellyPlugSpec: Sendable, Hashable {
    public static let defaultPort = 80
    public var host: String
    public var port: Int
    public var switchID: Int
    /// The user is always `admin` on Shelly Gen2+.
    public var password: String?

    public init(host: String, port: Int = ShellyPlugSpec.defaultPort, switchID: Int = 0, password: String? = nil) {
        self.host = host
        self.port = port
        self.switchID = switchID
        self.password = password
    }
}

public struct TasmotaPlugSpec: Sendable, Hashable {
    public static let defaultPort = 80
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public init(host: String, port: Int = TasmotaPlugSpec.defaultPort, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }
}

public struct MQTTPlugSpec: Sendable, Hashable {
    public static let defaultPort = 1883
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var topics: MQTTPlugTopics

    public init(host: String, port: Int = MQTTPlugSpec.defaultPort, username: String? = nil, password: String? = nil,
                topics: MQTTPlugTopics)
    {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.topics = topics
    }
}

// MARK: - Printing without the password

extension PlugSpec: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The spec in its own syntax, the password replaced by `<hidden>`.
    public var description: String {
        switch self {
        case .shelly(let s): s.description
        case .tasmota(let s): s.description
        case .mqtt(let s): s.description
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension ShellyPlugSpec: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "shelly://\(userInfo(password == nil ? nil : ShellyPlug.username, password))\(host.urlHost):\(port)/\(switchID)"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension TasmotaPlugSpec: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let user = password == nil ? username : (username ?? TasmotaPlug.defaultUsername)
        return "tasmota://\(userInfo(user, password))\(host.urlHost):\(port)"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension MQTTPlugSpec: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var query: [String] = []
        if let state = topics.state { query.append("state=\(state)") }
        if let power = topics.power { query.append("power=\(power)") }
        if topics.onPayload != "ON" { query.append("on=\(topics.onPayload)") }
        if topics.offPayload != "OFF" { query.append("off=\(topics.offPayload)") }
        let tail = query.isEmpty ? "" : "?" + query.joined(separator: "&")
        return "mqtt://\(userInfo(username, password))\(host.urlHost):\(port)/\(topics.command)\(tail)"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

/// `user:<hidden>@`, `user@` or nothing.
private func userInfo(_ user: String?, _ password: String?) -> String {
    switch (user, password) {
    case (let user?, _?): "\(PercentEncoding.encode(user)):<hidden>@"
    case (nil, _?): ":<hidden>@"
    case (let user?, nil): "\(PercentEncoding.encode(user))@"
    case (nil, nil): ""
    }
}

extension String {
    /// An IPv6 address in brackets, as URLs write it.
    var urlHost: String { contains(":") ? "[\(self)]" : self }
}

import HearthMQTT

/// Reads one plug spec (grammar on `PlugSpec`). Every error names the part and what is
/// allowed, and quotes the spec with everything between `://` and the last `@` hidden,
/// so a password with a typo in its encoding never reaches a log.
struct PlugSpecParser {
    private let text: String
    private let shown: String

    init(_ text: String) {
        self.text = text
        self.shown = Self.redacted(text)
    }

    func parse() throws(PlugSpecError) -> PlugSpec {
        guard let separator = text.firstRange(of: "://") else {
            throw fail("scheme", "missing; write shelly://HOST, tasmota://HOST or mqtt://HOST/TOPIC")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        var rest = String(text[separator.upperBound...])
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = String(rest[..<mark])
        }
        if rest.contains("#") {
            throw fail("'#'", "has no meaning in a plug spec; write a '#' in a password or payload as %23")
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        let path = authorityEnd < rest.endIndex ? String(rest[rest.index(after: authorityEnd)...]) : ""
        // An '@' only after the host part means a password holding '/' or '?': host and port
        // errors then must not quote what is really a piece of the password.
        let pathHasAt = !authority.contains("@") && (path.contains("@") || (query ?? "").contains("@"))

        var user: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            (user, password) = try credentials(String(authority[..<at]))
            hostPort = String(authority[authority.index(after: at)...])
        }

        switch scheme {
        case "shelly":
            let (host, port) = try hostAndPort(hostPort, defaultPort: ShellyPlugSpec.defaultPort, pathHasAt: pathHasAt)
            try noQuery(query, scheme)
            if let user, user != ShellyPlug.username, !user.isEmpty {
                throw fail("user", "Shelly Gen2+ devices have one user, '\(ShellyPlug.username)' (write shelly://admin:PASSWORD@HOST)")
            }
            if user != nil && password == nil {
                throw fail("password", "missing after the user (shelly://admin:PASSWORD@HOST)")
            }
            return .shelly(ShellyPlugSpec(host: host, port: port, switchID: try switchID(path), password: password))
        case "tasmota":
            let (host, port) = try hostAndPort(hostPort, defaultPort: TasmotaPlugSpec.defaultPort, pathHasAt: pathHasAt)
            try noQuery(query, scheme)
            guard path.isEmpty else { throw fail("path", "tasmota:// takes no path (found '/\(path)')") }
            if user != nil && password == nil {
                throw fail("password", "missing after the user (tasmota://admin:PASSWORD@HOST)")
            }
            return .tasmota(TasmotaPlugSpec(host: host, port: port, username: user.flatMap { $0.isEmpty ? nil : $0 },
                                            password: password))
        case "mqtt":
            let (host, port) = try hostAndPort(hostPort, defaultPort: MQTTPlugSpec.defaultPort, pathHasAt: pathHasAt)
            if password != nil && (user ?? "").isEmpty {
                throw fail("user", "MQTT needs a user name with a password (mqtt://USER:PASSWORD@HOST/TOPIC)")
            }
            let topics = try mqttTopics(path: path, query: query)
            return .mqtt(MQTTPlugSpec(host: host, port: port, username: user.flatMap { $0.isEmpty ? nil : $0 },
                                      password: password, topics: topics))
        case "":
            throw fail("scheme", "missing before '://'; use shelly, tasmota or mqtt")
        default:
            throw fail("scheme", "'\(scheme)' is not a plug type; use shelly, tasmota or mqtt")
        }
    }

    // MARK: - Parts

    private func credentials(_ userInfo: String) throws(PlugSpecError) -> (String, String?) {
        let colon = userInfo.firstIndex(of: ":")
        let rawUser = colon.map { String(userInfo[..<$0]) } ?? userInfo
        let rawPassword = colon.map { String(userInfo[userInfo.index(after: $0)...]) }
        // Never quote these: a decoding error must not print the password it is in.
        guard case .success(let user) = PercentEncoding.decode(rawUser) else {
            throw fail("user", "a '%' is not followed by two hex digits (write '%25' for a '%')")
        }
        var password: String?
        if let rawPassword {
            guard case .success(let decoded) = PercentEncoding.decode(rawPassword) else {
                throw fail("password", "a '%' is not followed by two hex digits (write '%25' for a '%')")
            }
            guard !decoded.isEmpty else { throw fail("password", "empty after ':' (leave out ':' for none)") }
            password = decoded
        }
        return (user, password)
    }

    private func hostAndPort(_ text: String, defaultPort: Int, pathHasAt: Bool) throws(PlugSpecError) -> (String, Int) {
        var host = text
        var portText: String?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw fail("host", "an IPv6 address needs its closing ']'") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") {
                portText = String(after.dropFirst())
            } else if !after.isEmpty {
                throw fail("host", "expected ':PORT' after ']', found '\(after)'")
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw fail("host", "'[\(host)]' is not an IPv6 address")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        }
        guard !host.isEmpty else { throw fail("host", "missing (write the plug's IP address or host name)") }
        if !text.hasPrefix("[") {
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }) else {
                if pathHasAt || host.contains(":") {
                    throw fail("user or password", "holds a '/', '?' or '#': write it percent-encoded (%2F, %3F, %23)")
                }
                throw fail("host", "'\(host)' is not a host name or address (letters, digits, '.', '-')")
            }
        }
        guard let portText else { return (host, defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            if pathHasAt {
                throw fail("user or password", "holds a '/', '?' or '#': write it percent-encoded (%2F, %3F, %23)")
            }
            throw fail("port", "'\(portText)' is not a number in 1…65535")
        }
        return (host, port)
    }

    private func switchID(_ path: String) throws(PlugSpecError) -> Int {
        guard !path.isEmpty else { return 0 }
        guard let id = Int(path), (0...255).contains(id), path.allSatisfy(\.isASCII) else {
            throw fail("switch id", "'\(path)' is not a switch number in 0…255 (shelly://HOST/1 for the second switch)")
        }
        return id
    }

    private func noQuery(_ query: String?, _ scheme: String) throws(PlugSpecError) {
        if let query { throw fail("query", "\(scheme):// takes no '?…' (found '?\(query)')") }
    }

    private func mqttTopics(path: String, query: String?) throws(PlugSpecError) -> MQTTPlugTopics {
        guard case .success(let command) = PercentEncoding.decode(path) else {
            throw fail("command topic", "a '%' is not followed by two hex digits")
        }
        guard !command.isEmpty else {
            throw fail("command topic", "missing (mqtt://HOST/cmnd/heater/POWER)")
        }
        try validTopic(command, "command topic")
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            guard ["state", "power", "on", "off"].contains(key) else {
                throw fail("query parameter '\(key)'", "unknown; allowed are state, power, on and off")
            }
            guard values[key] == nil else { throw fail("query parameter '\(key)'", "given twice") }
            guard parts.count == 2, case .success(let value) = PercentEncoding.decode(String(parts[1])), !value.isEmpty else {
                throw fail("query parameter '\(key)'", "needs a value (\(key)=…; '%' followed by two hex digits)")
            }
            if key == "state" || key == "power" { try validTopic(value, "\(key) topic") }
            values[key] = value
        }
        let topics = MQTTPlugTopics(command: command, state: values["state"], power: values["power"],
                                    onPayload: values["on"] ?? "ON", offPayload: values["off"] ?? "OFF")
        guard topics.onPayload != topics.offPayload else {
            throw fail("payloads", "on and off are both '\(topics.onPayload)'")
        }
        return topics
    }

    private func validTopic(_ topic: String, _ part: String) throws(PlugSpecError) {
        do { try MQTTTopic.validateName(topic) } catch { throw fail(part, error.problem) }
    }

    private func fail(_ part: String, _ problem: String) -> PlugSpecError {
        PlugSpecError(spec: shown, part: part, problem: problem)
    }

    /// The spec with everything between `://` and its last `@` hidden (more than the
    /// password when a topic holds an '@', never less).
    static func redacted(_ text: String) -> String {
        guard let separator = text.firstRange(of: "://") else {
            return text.contains("@") ? "<hidden>@" + (text.split(separator: "@").last.map(String.init) ?? "") : text
        }
        guard let at = text[separator.upperBound...].lastIndex(of: "@") else { return text }
        return String(text[..<separator.upperBound]) + "<hidden>" + String(text[at...])
    }
}

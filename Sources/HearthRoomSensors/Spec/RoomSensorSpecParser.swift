import HearthCore
import HearthMQTT

/// Parsing of `--room-sensor SPEC`:
///
///     mqtt://[user:pass@]HOST[:PORT]/TOPIC[#FIELD][?OPTIONS]
///     push[?OPTIONS]
///     i2c:BUS:ADDRESS:DRIVER[?OPTIONS]
///     inlet[:OFFSET][?OPTIONS]
///
/// OPTIONS are `name=…&stale=SECONDS&priority=N` (and `interval=SECONDS` for I²C). In an
/// MQTT spec `?` and `#` end the topic (the options may come before or after the field);
/// characters that would end a part early in the user name or password are written
/// %-encoded (`%40` for `@`), or the password is given apart (`password` in the config).
extension RoomSensorSpec {
    public static let optionNames = ["name", "stale", "priority", "interval"]

    /// - Parameter password: a password given apart from the spec (the config's `password`
    ///   key); it wins over one in the URL.
    public init(parsing text: String, password: String? = nil) throws(RoomSensorSpecError) {
        let shown = redactedSpec(text)
        func fail(_ part: String, _ problem: String) -> RoomSensorSpecError {
            RoomSensorSpecError(spec: shown, part: part, problem: problem)
        }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw fail("kind", "empty; allowed: \(RoomSensorSpecError.forms)") }

        let lower = trimmed.lowercased()
        var source: Source
        var optionText: Substring?
        if lower.hasPrefix("mqtt://") {
            let (address, options) = try Self.parseMQTT(trimmed.dropFirst("mqtt://".count), password: password, fail)
            source = .mqtt(address)
            optionText = options
        } else if lower.hasPrefix("mqtts://") || lower.hasPrefix("ssl://") {
            throw fail("kind", "TLS brokers are not supported; use mqtt:// (port 1883) on a trusted network")
        } else {
            let (body, options) = Self.splitOptions(Substring(trimmed))
            optionText = options
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            switch parts[0].lowercased() {
            case "push":
                guard parts.count == 1 else { throw fail("kind", "push takes no arguments; use push or push?name=NAME") }
                source = .push
            case "i2c":
                source = .i2c(try Self.parseI2C(Array(parts.dropFirst()), fail))
            case "inlet":
                guard parts.count <= 2 else { throw fail("offset", "expected inlet:OFFSET like inlet:-2 or inlet:-1.5K") }
                source = .inlet(offset: try Self.parseOffset(parts.count == 2 ? parts[1] : "0", fail))
            default:
                throw fail("kind", "'\(parts[0])' is unknown; allowed: \(RoomSensorSpecError.forms)")
            }
        }
        if password != nil, case .mqtt(let a) = source, a.username == nil {
            throw fail("password", "a password needs a user name: mqtt://USER@HOST/TOPIC")
        }
        if password != nil, source.kind != "mqtt" {
            throw fail("password", "only an mqtt:// sensor takes a password")
        }
        let options = try Self.parseOptions(optionText, kind: source.kind, fail)
        self.init(source: source, name: options.name, staleAfter: options.stale, priority: options.priority,
                  pollInterval: options.interval)
    }

    // MARK: - MQTT

    private static func parseMQTT(_ rest: Substring, password: String?,
                                  _ fail: (String, String) -> RoomSensorSpecError) throws(RoomSensorSpecError)
        -> (MQTTSensorAddress, Substring?)
    {
        // Authority: up to the first '/', '?' or '#' (RFC 3986); the user info ends at its last '@'.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var hostPort = authority
        var username: String?
        var urlPassword: String?
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let user: Substring
            if let colon = info.firstIndex(of: ":") {
                user = info[..<colon]
                guard let decoded = percentDecoded(info[info.index(after: colon)...]) else {
                    throw fail("password", "a '%' not followed by two hex digits; write '%25' for '%'")
                }
                urlPassword = decoded
            } else {
                user = info
            }
            guard let decodedUser = percentDecoded(user), !decodedUser.isEmpty else {
                throw fail("user", "empty or badly %-encoded; write mqtt://USER:PASSWORD@HOST/TOPIC")
            }
            username = decodedUser
        }
        // A password with an unencoded '/', '?' or '#' ends the authority early: what looks
        // like a port is a piece of it. Say so without quoting it.
        if username == nil, rest[authorityEnd...].contains("@"), let colon = authority.lastIndex(of: ":"),
           !authority[authority.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw fail("password", "a '/', '?' or '#' in it must be written %2F, %3F, %23 (or give the password apart)")
        }
        let (host, port) = try parseHostPort(hostPort, fail)

        guard authorityEnd < rest.endIndex, rest[authorityEnd] == "/" else {
            throw fail("topic", "missing; write mqtt://HOST/TOPIC like mqtt://\(host)/zigbee2mqtt/study_sensor")
        }
        let afterSlash = rest[rest.index(after: authorityEnd)...]
        let topicEnd = afterSlash.firstIndex { $0 == "?" || $0 == "#" } ?? afterSlash.endIndex
        let topic = String(afterSlash[..<topicEnd])
        guard !topic.isEmpty else {
            throw fail("topic", "empty; write mqtt://HOST/TOPIC like mqtt://\(host)/zigbee2mqtt/study_sensor")
        }
        if topic.contains("+") {
            throw fail("topic", "'\(topic)' has a wildcard; a room sensor names one topic (no '+' or '#')")
        }
        do { try MQTTTopic.validateName(topic) } catch { throw fail("topic", error.problem) }

        // Field and options, in either order.
        var field: Substring?
        var options: Substring?
        var tail = afterSlash[topicEnd...]
        while let marker = tail.first {
            let body = tail.dropFirst()
            let end = body.firstIndex { $0 == "?" || $0 == "#" } ?? body.endIndex
            let piece = body[..<end]
            if marker == "#" {
                guard field == nil else { throw fail("field", "given twice; write one #FIELD") }
                field = piece
            } else {
                guard options == nil else { throw fail("options", "given twice; write one ?a=1&b=2") }
                options = piece
            }
            tail = body[end...]
        }
        if let field {
            let segments = field.split(separator: ".", omittingEmptySubsequences: false)
            guard !field.isEmpty, segments.allSatisfy({ !$0.isEmpty }) else {
                throw fail("field", "'\(field)' is not a dotted path; write #temperature or #SI7021.Temperature")
            }
        }
        return (MQTTSensorAddress(host: host, port: port, username: username, password: password ?? urlPassword,
                                  topic: topic, field: field.map(String.init)), options)
    }

    private static func parseHostPort(_ text: Substring,
                                      _ fail: (String, String) -> RoomSensorSpecError) throws(RoomSensorSpecError)
        -> (String, Int)
    {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw fail("host", "'\(text)' opens '[' without ']'") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("host", "expected ':PORT' after ']'") }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
        }
        guard !host.isEmpty else { throw fail("host", "missing; write mqtt://HOST/TOPIC like mqtt://192.168.1.10/…") }
        if host.contains(where: { $0 == " " || $0 == "\t" }) { throw fail("host", "'\(host)' contains a space") }
        var port = 1883
        if let portText {
            guard let n = Int(portText), (1...65535).contains(n) else {
                throw fail("port", "'\(portText)' is not a port; allowed: 1…65535 (default 1883)")
            }
            port = n
        }
        return (String(host), port)
    }

    // MARK: - I²C and inlet

    private static func parseI2C(_ parts: [Substring],
                                 _ fail: (String, String) -> RoomSensorSpecError) throws(RoomSensorSpecError)
        -> I2CSensorAddress
    {
        let drivers = I2CSensorDriver.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 3 else {
            throw fail("kind", "expected i2c:BUS:ADDRESS:DRIVER like i2c:1:0x44:sht3x (drivers: \(drivers))")
        }
        let busText = parts[0]
        let bus: String
        if !busText.isEmpty, busText.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(busText), n < 1000 {
            bus = "i2c-\(n)"
        } else if busText.hasPrefix("i2c-") || busText.hasPrefix("/dev/") {
            bus = String(busText)
        } else {
            throw fail("bus", "'\(busText)' is not a bus; write its number (1 for /dev/i2c-1), i2c-1 or /dev/i2c-1")
        }
        let addressText = parts[1].lowercased()
        let parsed = addressText.hasPrefix("0x") ? UInt8(addressText.dropFirst(2), radix: 16) : UInt8(addressText)
        guard let address = parsed, (0x03...0x77).contains(address) else {
            throw fail("address", "'\(parts[1])' is not a 7-bit device address; allowed: 0x03…0x77 (hex with 0x, or decimal)")
        }
        guard let driver = I2CSensorDriver(rawValue: parts[2].lowercased()) else {
            throw fail("driver", "'\(parts[2])' is unknown; allowed: \(drivers)")
        }
        if let possible = driver.possibleAddresses, !possible.contains(address) {
            throw fail("address", "0x\(hexByte(address)): a \(driver.rawValue) answers only at "
                       + possible.map { "0x\(hexByte($0))" }.joined(separator: " or "))
        }
        return I2CSensorAddress(bus: bus, address: address, driver: driver)
    }

    private static func parseOffset(_ text: Substring,
                                    _ fail: (String, String) -> RoomSensorSpecError) throws(RoomSensorSpecError) -> Kelvin {
        var body = text
        for suffix in ["°C", "°c", "K", "k", "C", "c"] where body.hasSuffix(suffix) {
            body = body.dropLast(suffix.count)
            break
        }
        guard let value = decimal(body), Self.inletOffsetRange.contains(Kelvin(value)) else {
            throw fail("offset", "'\(text)' is not an offset; allowed: -20…20 (°C or K), e.g. inlet:-2 or inlet:-1.5K")
        }
        return Kelvin(value)
    }

    // MARK: - Options

    static func splitOptions(_ text: Substring) -> (body: Substring, options: Substring?) {
        guard let q = text.firstIndex(of: "?") else { return (text, nil) }
        return (text[..<q], text[text.index(after: q)...])
    }

    private struct Options {
        var name: String?
        var stale: Seconds?
        var priority: Int?
        var interval: Seconds?
    }

    private static func parseOptions(_ text: Substring?, kind: String,
                                     _ fail: (String, String) -> RoomSensorSpecError) throws(RoomSensorSpecError) -> Options {
        var options = Options()
        guard let text, !text.isEmpty else { return options }
        var seen: Set<String> = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: false) {
            guard let eq = pair.firstIndex(of: "=") else {
                throw fail("options", "'\(pair)' is not NAME=VALUE; allowed: \(optionNames.joined(separator: ", "))")
            }
            let key = String(pair[..<eq]).lowercased()
            let value = pair[pair.index(after: eq)...]
            guard optionNames.contains(key) else {
                throw fail(key, "unknown option; allowed: \(optionNames.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else { throw fail(key, "given twice") }
            switch key {
            case "name":
                guard let decoded = percentDecoded(value), !decoded.isEmpty, decoded.count <= 40,
                      decoded.allSatisfy({ !$0.isNewline && $0.asciiValue.map { $0 >= 0x20 } ?? true })
                else { throw fail("name", "'\(value)': 1…40 printable characters") }
                options.name = decoded
            case "stale":
                guard let seconds = duration(value), staleRange.contains(seconds) else {
                    throw fail("stale", "'\(value)' is out of range; allowed: 5…86400 seconds (or 15m, 2h)")
                }
                options.stale = seconds
            case "priority":
                guard let n = Int(value), priorityRange.contains(n) else {
                    throw fail("priority", "'\(value)' is not allowed; allowed: 0…99, lower is used first")
                }
                options.priority = n
            default:   // interval
                guard kind == "i2c" else { throw fail("interval", "only an i2c: sensor is polled; \(kind) sensors report by themselves") }
                guard let seconds = duration(value), pollIntervalRange.contains(seconds) else {
                    throw fail("interval", "'\(value)' is out of range; allowed: 0.5…3600 seconds")
                }
                options.interval = seconds
            }
        }
        return options
    }
}

/// "120", "120s", "15m", "2h".
private func duration(_ text: Substring) -> Seconds? {
    let scale: Double
    var body = text
    switch text.last {
    case "s": scale = 1; body = text.dropLast()
    case "m": scale = 60; body = text.dropLast()
    case "h": scale = 3600; body = text.dropLast()
    default: scale = 1
    }
    return decimal(body).map { Seconds($0 * scale) }
}

/// A plain decimal ("21.5", "-2", "+1"): no exponent, hex, inf or nan.
func decimal(_ text: Substring) -> Double? {
    var digits = 0, dots = 0
    for (i, c) in text.enumerated() {
        if c == "-" || c == "+" {
            if i != 0 { return nil }
        } else if c == "." {
            dots += 1
        } else if c.isASCII && c.isNumber {
            digits += 1
        } else {
            return nil
        }
    }
    guard digits > 0, dots <= 1, let x = Double(String(text)), x.isFinite else { return nil }
    return x
}

/// %XX decoding of a user name, password or option value; nil for a broken escape.
func percentDecoded(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    var utf8 = text.utf8[...]
    while let byte = utf8.first {
        utf8 = utf8.dropFirst()
        guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
        let hexDigits = utf8.prefix(2)
        guard hexDigits.count == 2, let value = UInt8(String(decoding: hexDigits, as: UTF8.self), radix: 16) else { return nil }
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
    }
    return String(validating: bytes, as: UTF8.self)
}

/// The inverse, for characters that would end a part of the URL early.
func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        if byte < 0x21 || byte >= 0x7F || ":@/?#%&=[]".utf8.contains(byte) {
            out += "%" + hexByte(byte).uppercased()
        } else {
            out.unicodeScalars.append(Unicode.Scalar(byte))
        }
    }
    return out
}

/// The spec as typed, with everything between the first ':' after `scheme://` and the
/// last '@' hidden: a password with an unencoded '/', '?' or '#' still never shows (a
/// topic with an '@' in it is hidden in part, which is harmless).
func redactedSpec(_ text: String) -> String {
    guard let colonSlashSlash = text.indices.first(where: { text[$0...].hasPrefix("://") }) else { return text }
    let rest = text[text.index(colonSlashSlash, offsetBy: 3)...]
    guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return text }
    return String(text[..<rest.index(after: colon)]) + "<hidden>" + String(text[at...])
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

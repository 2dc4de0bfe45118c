/// CONNACK (§3.2): whether the broker took the connection, and whether it kept a session.
public struct MQTTConnAck: Sendable, Hashable {
    public var sessionPresent: Bool
    public var returnCode: MQTTConnectReturnCode

    public init(sessionPresent: Bool = false, returnCode: MQTTConnectReturnCode) {
        self.sessionPresent = sessionPresent
        self.returnCode = returnCode
    }

    func encodeBody() -> [UInt8] { [sessionPresent ? 1 : 0, returnCode.rawValue] }

    static func decode(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> MQTTConnAck {
        let flagsAt = r.index
        let flags = try r.uint8("acknowledge flags")
        if flags & 0xFE != 0 { throw r.error("acknowledge flags", at: flagsAt, "reserved bits 7…1 are set") }
        let code = MQTTConnectReturnCode(rawValue: try r.uint8("return code"))
        if code != .accepted && flags != 0 {
            throw r.error("acknowledge flags", at: flagsAt, "session present on a refused connection")
        }
        return MQTTConnAck(sessionPresent: flags == 1, returnCode: code)
    }
}

/// CONNACK's return code (§3.2.2.3), with what each means for the person reading the log.
public struct MQTTConnectReturnCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let accepted = Self(rawValue: 0)
    public static let unacceptableProtocolVersion = Self(rawValue: 1)
    public static let identifierRejected = Self(rawValue: 2)
    public static let serverUnavailable = Self(rawValue: 3)
    public static let badUsernameOrPassword = Self(rawValue: 4)
    public static let notAuthorized = Self(rawValue: 5)

    public var meaning: String {
        switch rawValue {
        case 0: "connection accepted"
        case 1: "the broker does not speak MQTT 3.1.1"
        case 2: "client identifier rejected"
        case 3: "MQTT service unavailable"
        case 4: "bad user name or password"
        case 5: "not authorized"
        default: "unknown return code (reserved in MQTT 3.1.1)"
        }
    }

    public var description: String { "\(meaning) (CONNACK code \(rawValue))" }
}

/// A user and password for a device, and which HTTP schemes may carry them. The
/// password is never printed: `description`, `debugDescription` and `dump` hide it.
public struct HTTPCredentials: Sendable, Hashable {
    public enum Scheme: Sendable, Hashable {
        /// Sent with every request (the password travels base64-encoded, i.e. in clear).
        case basic
        /// Only in answer to a Digest challenge; a device asking for Basic is refused, so a
        /// fake device on the LAN can't make Hearth send the password in clear.
        case digest
        /// Whatever the device's 401 asks for.
        case either
    }

    public var username: String
    public var password: String
    public var scheme: Scheme

    public init(username: String, password: String, scheme: Scheme = .either) {
        self.username = username
        self.password = password
        self.scheme = scheme
    }

    var allowsBasic: Bool { scheme != .digest }
    var allowsDigest: Bool { scheme != .basic }
}

extension HTTPCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "user '\(username)', password <hidden>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

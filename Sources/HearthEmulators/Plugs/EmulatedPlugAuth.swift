/// How an emulated plug wants to be authenticated.
public enum EmulatedPlugAuth: Sendable, Hashable {
    case none
    /// `Authorization: Basic …` on every request.
    case basic(user: String, password: String)
    /// RFC 7616 Digest with SHA-256 and `qop="auth"`, as Shelly Gen2+ does (realm = device id).
    /// `nonceReuse`: firmware 2.0+ accepts a nonce again with a higher nc; older firmware
    /// takes each nonce once.
    case digest(user: String, password: String, nonceReuse: Bool)
    /// Tasmota's `user=…&password=…` query parameters on `/cm`.
    case query(user: String, password: String)
}

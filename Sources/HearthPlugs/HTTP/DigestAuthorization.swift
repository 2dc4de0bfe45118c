import HearthWork

/// HTTP Digest access authentication with SHA-256 (RFC 7616), as Shelly Gen2+ devices
/// ask for it: realm = the device id, user `admin`, `qop="auth"`.
///
/// One value per device: it keeps the device's last challenge and counts the requests
/// made under its nonce (firmware 2.0+ accepts a nonce again with a higher `nc`, saving
/// the 401 round trip; older firmware answers 401 with a fresh nonce, which costs
/// nothing more than starting without one).
struct DigestAuthorization: Sendable {
    let realm: String
    let nonce: String
    let opaque: String?
    /// Whether the device offered `qop=auth` (else the RFC 2069 form without nc/cnonce).
    let usesQop: Bool
    private(set) var nonceCount = 0

    /// What in a challenge Hearth can't use.
    struct Unsupported: Error, Sendable, Hashable, CustomStringConvertible {
        var description: String
    }

    /// Reads a Digest challenge; only SHA-256 and `qop=auth` (or no qop) are accepted:
    /// MD5 is broken, and `auth-int` would hash bodies Hearth never sends.
    init(challenge: AuthChallenge) throws(Unsupported) {
        let p = challenge.parameters
        guard let realm = p["realm"] else { throw Unsupported(description: "the Digest challenge has no realm") }
        guard let nonce = p["nonce"], !nonce.isEmpty else { throw Unsupported(description: "the Digest challenge has no nonce") }
        let algorithm = (p["algorithm"] ?? "MD5").uppercased()
        guard algorithm == "SHA-256" else {
            throw Unsupported(description: "the device offers Digest with \(algorithm); Hearth only uses SHA-256")
        }
        if let qop = p["qop"] {
            let options = qop.split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            guard options.contains("auth") else {
                throw Unsupported(description: "the device offers Digest qop=\(qop); Hearth only uses qop=auth")
            }
            usesQop = true
        } else {
            usesQop = false
        }
        self.realm = realm
        self.nonce = nonce
        self.opaque = p["opaque"]
    }

    /// The `Authorization` header for one request; counts it under this nonce.
    mutating func header(method: String, uri: String, credentials: HTTPCredentials, cnonce: String) -> String {
        nonceCount += 1
        let nc = Self.eightHexDigits(nonceCount)
        let response = Self.response(username: credentials.username, password: credentials.password, realm: realm,
                                     method: method, uri: uri, nonce: nonce, nc: usesQop ? nc : nil,
                                     cnonce: usesQop ? cnonce : nil)
        var fields = [
            "username=\(Self.quoted(credentials.username))", "realm=\(Self.quoted(realm))",
            "nonce=\(Self.quoted(nonce))", "uri=\(Self.quoted(uri))", "algorithm=SHA-256",
            "response=\(Self.quoted(response))",
        ]
        if usesQop { fields += ["qop=auth", "nc=\(nc)", "cnonce=\(Self.quoted(cnonce))"] }
        if let opaque { fields.append("opaque=\(Self.quoted(opaque))") }
        return "Digest " + fields.joined(separator: ", ")
    }

    /// RFC 7616 §3.4.1: `H(H(user:realm:password):nonce:nc:cnonce:qop:H(method:uri))`,
    /// or without qop `H(HA1:nonce:HA2)`; H is SHA-256 in lower-case hex.
    static func response(username: String, password: String, realm: String, method: String, uri: String,
                         nonce: String, nc: String?, cnonce: String?) -> String
    {
        let ha1 = hash("\(username):\(realm):\(password)")
        let ha2 = hash("\(method):\(uri)")
        if let nc, let cnonce { return hash("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)") }
        return hash("\(ha1):\(nonce):\(ha2)")
    }

    static func hash(_ text: String) -> String { SHA256.hash(Array(text.utf8)).hex }

    /// A fresh client nonce: 128 bits from the system's random source.
    static func makeClientNonce() -> String {
        var bytes: [UInt8] = []
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 { bytes.append(UInt8.random(in: .min ... .max, using: &generator)) }
        return bytes.hex
    }

    private static func eightHexDigits(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// A quoted string; `"` and `\` escaped (RFC 9110 §5.6.4).
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

import Foundation
import HearthWork
import Synchronization

/// The emulated plug's door: checks a request's credentials the way the real device
/// does and says what to answer when they are missing or wrong. Written apart from the
/// client's code (its own header parser and hashing order) so the two check each other.
final class EmulatedAuthGate: Sendable {
    let auth: EmulatedPlugAuth
    let realm: String
    private let nonces = Mutex<Nonces>(Nonces())

    private struct Nonces {
        /// Issued nonces, newest last, with the highest nc seen for each.
        var issued: [(nonce: String, lastCount: Int)] = []
        var next: UInt64 = 0x5eed_0000
    }

    enum Verdict {
        case allowed
        /// Answer this instead of serving the request.
        case refused(EmulatedHTTPReply)
    }

    init(auth: EmulatedPlugAuth, realm: String) {
        self.auth = auth
        self.realm = realm
    }

    func check(_ request: EmulatedHTTPRequest) -> Verdict {
        switch auth {
        case .none:
            return .allowed
        case .basic(let user, let password):
            guard let header = request.header("Authorization"), header.hasPrefix("Basic "),
                  let data = Data(base64Encoded: String(header.dropFirst(6))),
                  String(decoding: data, as: UTF8.self) == "\(user):\(password)"
            else {
                return .refused(EmulatedHTTPReply(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"\(realm)\"")],
                                                  body: Array("401 Unauthorized".utf8)))
            }
            return .allowed
        case .digest(let user, let password, let reuse):
            if let header = request.header("Authorization"), header.hasPrefix("Digest "),
               verifyDigest(Self.parameters(String(header.dropFirst(7))), request: request, user: user,
                            password: password, reuse: reuse)
            {
                return .allowed
            }
            let nonce = issueNonce()
            let challenge = "Digest qop=\"auth\", realm=\"\(realm)\", nonce=\"\(nonce)\", algorithm=SHA-256"
            return .refused(EmulatedHTTPReply(status: 401, headers: [("WWW-Authenticate", challenge)],
                                              body: Array("401 Unauthorized".utf8)))
        case .query(let user, let password):
            guard request.query["user"] == user, request.query["password"] == password else {
                return .refused(.json(["WARNING": .string("Need user=<username>&password=<password>")]))
            }
            return .allowed
        }
    }

    private func issueNonce() -> String {
        nonces.withLock { n in
            n.next &+= 0x9E37_79B9
            let nonce = String(n.next, radix: 16)
            n.issued.append((nonce, 0))
            if n.issued.count > 16 { n.issued.removeFirst() }
            return nonce
        }
    }

    private func verifyDigest(_ p: [String: String], request: EmulatedHTTPRequest, user: String, password: String,
                              reuse: Bool) -> Bool
    {
        guard p["username"] == user, p["realm"] == realm, p["uri"] == request.uri,
              p["algorithm"]?.uppercased() == "SHA-256", p["qop"] == "auth",
              let nonce = p["nonce"], let ncText = p["nc"], let nc = Int(ncText, radix: 16),
              let cnonce = p["cnonce"], let response = p["response"]
        else { return false }
        let ha1 = Self.sha256Hex("\(user):\(realm):\(password)")
        let ha2 = Self.sha256Hex("\(request.method):\(request.uri)")
        guard response == Self.sha256Hex([ha1, nonce, ncText, cnonce, "auth", ha2].joined(separator: ":")) else { return false }
        return nonces.withLock { n in
            guard let i = n.issued.firstIndex(where: { $0.nonce == nonce }), nc > n.issued[i].lastCount else { return false }
            if reuse { n.issued[i].lastCount = nc } else { n.issued.remove(at: i) }
            return true
        }
    }

    private static func sha256Hex(_ text: String) -> String {
        SHA256.hash(Array(text.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }

    /// `name=value` / `name="value"` pairs of an Authorization header (quoted values may hold commas).
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let eq = rest.firstIndex(of: "=") else { break }
            let name = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: eq)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.first, c != "\"" {
                    if c == "\\" { rest = rest.dropFirst() }
                    if let next = rest.first { value.append(next) }
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result[name] = value
        }
        return result
    }
}

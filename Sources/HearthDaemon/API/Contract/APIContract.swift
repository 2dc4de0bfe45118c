import Foundation

/// How both sides put contract types on the wire, and how a client reads a reply
/// that does not fit: one line naming the key and where it sits, never a crash or a
/// silent "—".
public enum APIContract {
    /// Compact JSON with sorted keys and unescaped slashes (URLs stay readable).
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes `text` (the body of a reply to `what`, e.g. "GET /v1/status").
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(APIContractError) -> T {
        do { return try JSONDecoder().decode(type, from: Data(text.utf8)) } catch {
            throw APIContractError(what: what, problem: describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        func at(_ path: [any CodingKey]) -> String {
            let p = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : " at \(p.hasPrefix(".") ? String(p.dropFirst()) : p)"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let c): return "key '\(key.stringValue)' is missing\(at(c.codingPath))"
        case DecodingError.typeMismatch(let type, let c): return "expected \(type)\(at(c.codingPath)); \(c.debugDescription)"
        case DecodingError.valueNotFound(let type, let c): return "expected \(type)\(at(c.codingPath)), found null"
        case DecodingError.dataCorrupted(let c): return "unreadable\(at(c.codingPath)): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// A reply that does not fit the contract type: the daemon and this client disagree.
public struct APIContractError: Error, Sendable, Hashable, CustomStringConvertible {
    public var what: String
    public var problem: String
    public var description: String { "the daemon's answer to \(what) does not fit this hearth: \(problem)" }
}

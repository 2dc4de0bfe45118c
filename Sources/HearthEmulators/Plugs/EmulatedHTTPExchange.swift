import Foundation
import HearthSupport

/// A request as an emulated plug sees it: the query already percent-decoded (with `+`
/// as a space, as ESP web servers read it).
public struct EmulatedHTTPRequest: Sendable {
    public var method: String
    /// The request target as sent (what Digest's `uri` must equal).
    public var uri: String
    public var path: String
    public var query: [String: String]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (s: Substring) in
                    String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
                }
                query[decode(kv[0])] = kv.count == 2 ? decode(kv[1]) : ""
            }
        }
        self.query = query
    }
}

/// What an emulated plug answers.
public struct EmulatedHTTPReply: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> EmulatedHTTPReply {
        EmulatedHTTPReply(status: status, headers: [("Content-Type", "application/json")], body: Array(value.jsonText.utf8))
    }

    public static func json(_ object: JSONObject, status: Int = 200) -> EmulatedHTTPReply {
        json(.object(object), status: status)
    }

    public static func text(_ text: String, status: Int) -> EmulatedHTTPReply {
        EmulatedHTTPReply(status: status, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
    }
}

import HearthSupport

/// One request to a local device. Query values marked secret (Tasmota's `password`)
/// go on the wire but never into `description`, logs or errors.
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        /// AxeOS takes its settings by PATCH.
        case patch = "PATCH"
    }

    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        /// Sent, never shown.
        public var isSecret: Bool

        public init(_ name: String, _ value: String, isSecret: Bool = false) {
            self.name = name
            self.value = value
            self.isSecret = isSecret
        }
    }

    public var method: Method
    /// The path, starting with `/`, without the query; not percent-encoded by the client.
    public var path: String
    public var query: [QueryItem]
    public var body: [UInt8]?
    public var contentType: String?

    public init(method: Method, path: String, query: [QueryItem] = [], body: [UInt8]? = nil, contentType: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    public static func get(_ path: String, query: [QueryItem] = []) -> HTTPRequest {
        HTTPRequest(method: .get, path: path, query: query)
    }

    /// A POST with a JSON body, written by the project's one JSON writer.
    public static func post(_ path: String, json: JSONValue, query: [QueryItem] = []) -> HTTPRequest {
        HTTPRequest(method: .post, path: path, query: query, body: Array(json.jsonText.utf8), contentType: "application/json")
    }

    /// A PATCH with a JSON body (AxeOS's `PATCH /api/system`).
    public static func patch(_ path: String, json: JSONValue) -> HTTPRequest {
        HTTPRequest(method: .patch, path: path, body: Array(json.jsonText.utf8), contentType: "application/json")
    }

    /// The request target as sent: the path and the percent-encoded query, secrets included.
    var target: String { target(hidingSecrets: false) }

    /// `GET /cm?cmnd=Power%20On&user=admin&password=<hidden>`: for messages.
    public var description: String { "\(method.rawValue) \(target(hidingSecrets: true))" }

    private func target(hidingSecrets: Bool) -> String {
        guard !query.isEmpty else { return path }
        let items = query.map { item in
            let value = item.isSecret && hidingSecrets ? "<hidden>" : PercentEncoding.encode(item.value)
            return "\(PercentEncoding.encode(item.name))=\(value)"
        }
        return path + "?" + items.joined(separator: "&")
    }
}

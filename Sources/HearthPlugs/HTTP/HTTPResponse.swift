import HearthSupport

/// A whole response from a local device: status, headers and the body (bounded by the
/// client's limit).
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [Header]
    public var body: [UInt8]

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(status: Int, headers: [Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Every value of the header `name` (case-insensitive), in order.
    public func values(of name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The start of the body as printable text, for error messages (never the whole of a
    /// large or binary body).
    public var bodySnippet: String { Self.snippet(body) }

    static func snippet(_ bytes: [UInt8], limit: Int = 120) -> String {
        var text = ""
        for byte in bytes.prefix(limit) {
            switch byte {
            case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x0A: text += "\\n"
            case 0x0D: text += "\\r"
            case 0x09: text += "\\t"
            default:
                let hex = Array("0123456789abcdef")
                text += "\\x\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        if bytes.count > limit { text += "… (\(bytes.count) bytes)" }
        return text
    }
}

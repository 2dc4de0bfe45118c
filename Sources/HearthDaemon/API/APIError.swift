import Foundation
import Hummingbird

/// A request the API refuses: a 4xx with `{"error": "…"}` naming the field and what
/// is allowed. The daemon answers and carries on.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public static func bad(_ message: String) -> APIError { APIError(.badRequest, message) }
    public static func unprocessable(_ message: String) -> APIError { APIError(.unprocessableContent, message) }

    public var description: String { "\(status.code) \(message)" }

    var response: Response {
        JSONResponse.encode(APIErrorBody(error: message), status: status)
    }
}

enum JSONResponse {
    static func text(_ text: String, status: HTTPResponse.Status = .ok,
                     contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text.hasSuffix("\n") ? text : text + "\n")))
    }

    static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return APIError(.internalServerError, "could not encode the response").response
        }
        return Self.text(text, status: status)
    }
}

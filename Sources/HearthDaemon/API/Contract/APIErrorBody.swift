/// The body of every 4xx/5xx answer: `{"error": "…"}`, one line naming the field
/// and what is allowed.
public struct APIErrorBody: Sendable, Hashable, Codable {
    public var error: String

    public init(error: String) { self.error = error }
}

import HearthSupport

/// Reading a plug's HTTP reply as the JSON object its API promises, with one clear
/// error when it isn't.
enum PlugReply {
    static func object(_ response: HTTPResponse, plug: String, request: HTTPRequest) throws(PlugError) -> JSONValue {
        let json: JSONValue
        do { json = try JSONParser.parse(response.body) } catch {
            throw PlugError(plug: plug, operation: request.description,
                            kind: .badReply("not JSON (\(error)): \(response.bodySnippet)"))
        }
        guard json.objectValue != nil else {
            throw PlugError(plug: plug, operation: request.description,
                            kind: .badReply("a JSON \(json.typeName), not an object: \(snippet(json))"))
        }
        return json
    }

    /// The start of a JSON value as text, for messages.
    static func snippet(_ value: JSONValue) -> String {
        let text = value.jsonText
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

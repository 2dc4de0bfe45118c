import HearthPlugs
import HearthSupport

/// What can go wrong talking to an AxeOS board, in one line each, naming the board
/// and the request (and the field, for a reply Hearth can't read).
public enum AxeOSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No usable HTTP answer (refused, timed out, not HTTP, a status outside 2xx).
    case http(HTTPClientError)
    /// HTTP 200 whose body is not JSON (offset into the body).
    case notJSON(peer: String, request: String, JSONParseError)
    /// JSON, but a field Hearth needs is missing, of the wrong type or out of range.
    case field(peer: String, request: String, field: String, problem: String)
    /// The board is not what the board file describes (chip model, no allowed option).
    case mismatch(peer: String, problem: String)

    public var description: String {
        switch self {
        case .http(let e): e.description
        case .notJSON(let peer, let request, let e): "\(peer), \(request): the reply is not JSON (\(e))"
        case .field(let peer, let request, let field, let problem): "\(peer), \(request): field '\(field)' \(problem)"
        case .mismatch(let peer, let problem): "\(peer): \(problem)"
        }
    }
}

/// What an emulated plug does wrong, for tests of the client's and `PlugSwitch`'s
/// handling of each (issue 11, "a plug that doesn't answer").
public enum EmulatedPlugFault: Sendable, Hashable, CustomStringConvertible {
    /// Accepts the connection, reads the request, never answers (a wedged ESP).
    case notAnswering
    /// Accepts the connection and closes it at once.
    case closesAtOnce
    /// Does what was asked, answers after this long (a plug on bad Wi-Fi).
    case slow(Duration)
    /// HTTP 500 without doing anything.
    case serverError
    /// Bytes that are not HTTP, then closes, without doing anything.
    case garbage
    /// HTTP 200 whose body is not the JSON the API promises, without doing anything.
    case garbageBody

    public var description: String {
        switch self {
        case .notAnswering: "not answering"
        case .closesAtOnce: "closes at once"
        case .slow(let d): "slow (\(d))"
        case .serverError: "HTTP 500"
        case .garbage: "garbage"
        case .garbageBody: "garbage body"
        }
    }
}

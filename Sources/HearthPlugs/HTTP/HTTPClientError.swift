/// A request to a local device that got no usable answer, naming the device, the
/// request (secrets hidden) and what happened: one line for the log and `hearth status`.
public struct HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Nothing listens on the port: wrong port, or the device's web server is off.
        case refused
        case connectTimedOut(milliseconds: Int)
        case connectFailed(String)
        /// Connected, but the response did not end in time (`receivedBytes` of body so far,
        /// `sawHead` whether a status line came).
        case responseTimedOut(milliseconds: Int, sawHead: Bool)
        /// The device closed the connection before the response ended.
        case closedEarly(sawHead: Bool)
        case responseTooLarge(limit: Int)
        /// Bytes came back that are not HTTP.
        case notHTTP(String)
        case connectionError(String)
        /// 401 with the credentials given, without any, or with a challenge Hearth won't answer.
        case unauthorized(String)
        /// A status outside 2xx (other than 401), with the start of the body.
        case status(code: Int, body: String)
        case cancelled
    }

    /// `shelly 192.168.1.50:80`.
    public var device: HTTPEndpoint
    /// `GET /rpc/Switch.Set?id=0&on=true`, secrets hidden.
    public var request: String
    public var kind: Kind

    public init(device: HTTPEndpoint, request: String, kind: Kind) {
        self.device = device
        self.request = request
        self.kind = kind
    }

    public var description: String { "\(device), \(request): \(reason)" }

    public var reason: String {
        switch kind {
        case .refused: "connection refused (nothing listens on port \(device.port); is this the device's address?)"
        case .connectTimedOut(let ms): "no connection after \(ms) ms (device off, asleep or filtered)"
        case .connectFailed(let why): "cannot connect: \(why)"
        case .responseTimedOut(let ms, false): "no response within \(ms) ms"
        case .responseTimedOut(let ms, true): "the response did not end within \(ms) ms"
        case .closedEarly(false): "closed the connection without responding"
        case .closedEarly(true): "closed the connection in the middle of the response"
        case .responseTooLarge(let limit): "response over \(limit) bytes (not a plug's answer)"
        case .notHTTP(let why): "the answer is not HTTP: \(why)"
        case .connectionError(let why): "connection failed: \(why)"
        case .unauthorized(let why): "not authorised: \(why)"
        case .status(let code, let body): body.isEmpty ? "HTTP \(code)" : "HTTP \(code): \(body)"
        case .cancelled: "cancelled"
        }
    }

    /// True when the device answered but refused the credentials (a wrong password is not
    /// fixed by retrying).
    public var isAuthenticationFailure: Bool {
        if case .unauthorized = kind { return true }
        return false
    }
}

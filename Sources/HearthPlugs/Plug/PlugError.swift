/// A plug command or status request that failed, naming the plug, what was asked and
/// what happened, in one line for the log and `hearth status`. Never holds a password.
public struct PlugError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The HTTP exchange failed (no connection, timeout, 401, 5xx…).
        case http(HTTPClientError)
        /// The plug answered, but not what its API promises (a field missing or of the wrong type).
        case badReply(String)
        /// The plug answered with an error of its own (a Shelly RPC error, a Tasmota WARNING).
        case deviceError(String)
        /// The MQTT broker is not connected; the command was not sent.
        case brokerUnavailable(String)
        /// Nothing tells Hearth the plug's state (no state topic, or it stayed silent).
        case noState(String)
    }

    /// `shelly 192.168.1.50:80 switch 0`.
    public var plug: String
    /// `GET /rpc/Switch.Set?id=0&on=true`, `publish ON to cmnd/heater/POWER`.
    public var operation: String
    public var kind: Kind

    public init(plug: String, operation: String, kind: Kind) {
        self.plug = plug
        self.operation = operation
        self.kind = kind
    }

    public var description: String { "plug \(plug), \(operation): \(reason)" }

    public var reason: String {
        switch kind {
        case .http(let error): error.reason
        case .badReply(let why): "unexpected reply: \(why)"
        case .deviceError(let why): "the plug answered with an error: \(why)"
        case .brokerUnavailable(let why): why
        case .noState(let why): why
        }
    }

    /// A wrong or missing password: retrying won't help until someone fixes the spec.
    public var isAuthenticationFailure: Bool {
        if case .http(let error) = kind { return error.isAuthenticationFailure }
        return false
    }

    init(plug: String, _ error: HTTPClientError) {
        self.init(plug: plug, operation: error.request, kind: .http(error))
    }
}

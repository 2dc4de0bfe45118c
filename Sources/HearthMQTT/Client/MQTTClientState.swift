/// Where the client's connection to its broker stands. Every change is logged and can be
/// observed (`MQTTClient.stateChanges()`).
public enum MQTTClientState: Sendable, Hashable, CustomStringConvertible {
    /// Created, not started.
    case idle
    /// A TCP connection and CONNECT are under way (`attempt` counts from 1 since start).
    case connecting(attempt: Int)
    /// CONNACK accepted: subscriptions were sent again and the on-connected hooks ran.
    case connected(sessionPresent: Bool)
    /// Lost or refused; the next attempt follows after `retryIn` (the retry policy's backoff).
    case disconnected(reason: String, retryIn: Duration)
    /// `stop()` was called; nothing more happens.
    case stopped

    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .idle: "idle"
        case .connecting(let attempt): "connecting (attempt \(attempt))"
        case .connected(let sessionPresent): sessionPresent ? "connected (session resumed)" : "connected"
        case .disconnected(let reason, let retryIn): "disconnected: \(reason); retrying in \(retryIn / .seconds(1)) s"
        case .stopped: "stopped"
        }
    }
}

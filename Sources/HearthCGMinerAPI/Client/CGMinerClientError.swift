/// A command that did not get a usable answer, naming the device, the request and
/// what happened: one line for the log and `hearth status`.
public struct CGMinerClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Nothing listens on the port: the API is off, or this is not a cgminer device.
        case refused
        case connectTimedOut(milliseconds: Int)
        case connectFailed(String)
        case replyTimedOut(milliseconds: Int, receivedBytes: Int)
        /// The device closed the connection before the reply's `\0`: cut short, or no reply at all.
        case closedEarly(receivedBytes: Int)
        case replyTooLarge(limit: Int)
        case connectionError(String)
        /// Bytes arrived but are not a reply (garbage at byte K, a missing field…).
        case malformedReply(CGMinerCodecError)
        /// The miner answered with STATUS=E (or F).
        case status(CGMinerStatus)
        /// A value Hearth refused to send.
        case invalidCommand(String)
        case cancelled
    }

    public var device: CGMinerEndpoint
    /// The request as the firmware reads it: `estats`, `ascset|0,worklevel,set,1`.
    public var request: String
    public var kind: Kind

    public init(device: CGMinerEndpoint, request: String, kind: Kind) {
        self.device = device
        self.request = request
        self.kind = kind
    }

    public var description: String { "cgminer API \(device), \(request): \(reason)" }

    public var reason: String {
        switch kind {
        case .refused: "connection refused (API off, or not a cgminer device)"
        case .connectTimedOut(let ms): "no connection after \(ms) ms (host down or filtered)"
        case .connectFailed(let why): "cannot connect: \(why)"
        case .replyTimedOut(let ms, let n): "timed out after \(ms) ms waiting for the reply (\(n) bytes received)"
        case .closedEarly(0): "closed the connection without replying"
        case .closedEarly(let n): "closed the connection after \(n) bytes, before the reply's \\0 (reply cut short)"
        case .replyTooLarge(let limit): "more than \(limit) bytes without the reply's \\0"
        case .connectionError(let why): "connection failed: \(why)"
        case .malformedReply(let error): "\(error)"
        case .status(let status): "the miner answered STATUS=\(status.severity.rawValue) Code=\(status.code): \(status.message)"
        case .invalidCommand(let why): why
        case .cancelled: "cancelled"
        }
    }
}

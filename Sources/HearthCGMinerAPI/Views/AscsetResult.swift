/// What an `ascset` reply means. The firmware answers in the STATUS alone:
/// - 119 `S` "ASC 0 set OK": done, nothing to say (a work mode or fan change);
/// - 118 `I` "ASC 0 set info: …": done with a message (`help`, `worklevel,get`, the Q's
///   `success softoff:1753434821`, `success lcd:…`);
/// - 120 `E` "ASC 0 set failed: …": refused (`Unknown option: softoff` on the Nano 3S,
///   `worklevel unknown argument`, `current mode 2 is caling Don't permit switch mode`);
/// - 14 `E` "Invalid command": no `ascset` at all.
public enum AscsetResult: Sendable, Hashable, CustomStringConvertible {
    case ok
    case info(String)
    case failed(String)
    case invalidCommand
    /// 117: the device has no settings.
    case notSupported
    /// Any other status (access denied, missing parameters…).
    case other(CGMinerStatus)

    public init(_ reply: CGMinerReply) {
        let status = reply.status
        switch status.code {
        case CGMinerStatusCode.ascsetOK: self = .ok
        case CGMinerStatusCode.ascsetInfo: self = .info(Self.detail(status.message, after: "set info:"))
        case CGMinerStatusCode.ascsetFailed: self = .failed(Self.detail(status.message, after: "set failed:"))
        case CGMinerStatusCode.invalidCommand: self = .invalidCommand
        case CGMinerStatusCode.ascsetNotSupported: self = .notSupported
        default: self = .other(status)
        }
    }

    /// The change was taken: OK, or an info that reports success (`success softoff:…`).
    public var accepted: Bool {
        switch self {
        case .ok: true
        case .info(let text): text.hasPrefix("success")
        default: false
        }
    }

    /// The number a `get` reports: `workmode 2` → 2.
    public var reportedValue: Int? {
        guard case .info(let text) = self, let last = text.split(separator: " ").last else { return nil }
        return Int(last)
    }

    /// `ASC 0 set failed: Unknown option: softoff` → `Unknown option: softoff`.
    static func detail(_ message: String, after marker: String) -> String {
        guard let range = message.firstRange(of: marker) else { return message }
        var rest = message[range.upperBound...]
        while rest.first == " " { rest.removeFirst() }
        return String(rest)
    }

    public var description: String {
        switch self {
        case .ok: "OK"
        case .info(let text): "info: \(text)"
        case .failed(let text): "failed: \(text)"
        case .invalidCommand: "invalid command"
        case .notSupported: "device has no settings"
        case .other(let status): "\(status)"
        }
    }
}

/// The options a firmware lists for `ascset|0,help` (`help|voltage|fan-spd|…|`):
/// how Hearth learns whether a unit has soft off/on.
public struct AscsetOptions: Sendable, Hashable {
    public var options: Set<String>
    /// In the firmware's order.
    public var ordered: [String]

    public init(helpText: String) {
        ordered = helpText.split(separator: "|").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        options = Set(ordered)
    }

    /// From a `help` reply; an error when the reply is not the list.
    public init(_ result: AscsetResult) throws(CGMinerCodecError) {
        guard case .info(let text) = result else {
            throw .unexpectedShape(path: "STATUS[0].Msg", reason: "ascset help answered \(result), not the option list")
        }
        self.init(helpText: text)
    }

    public func supports(_ option: String) -> Bool { options.contains(option) }
    public func supports(_ command: AscsetCommand) -> Bool { options.contains(command.option) }
}

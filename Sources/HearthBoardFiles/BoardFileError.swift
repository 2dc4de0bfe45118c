import HearthCore
import HearthHAL
/// A board file problem, printed as one line: `file:line: key: message`.
public struct BoardFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unreadable, syntax, missingKey, wrongType, outOfRange, notAllowed, unknownKey, duplicate, inconsistent, unknownBoard
    }

    public var kind: Kind
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted key path, e.g. `operating_point[2].power_w`; empty for file-level problems.
    public var key: String
    public var message: String

    public init(_ kind: Kind, file: String, line: Int?, key: String, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if !key.isEmpty { s += "\(key): " }
        // One line whatever the message quotes (a TOML string may hold a newline).
        return TOMLGuard.oneLine(s + message)
    }
}

/// Why a BM13xx chain could not be brought up or driven; each names the port and what was seen.
public enum BM13xxError: Error, Sendable, Hashable, CustomStringConvertible {
    case bus(BusError)
    /// Fewer (or more) chips answered the enumeration than the board file says.
    case chipCount(port: String, expected: Int, found: Int, detail: String)
    /// A chip answered with another chip's identity.
    case wrongChip(port: String, expected: String, found: String)
    /// No dividers reach the frequency.
    case frequency(port: String, detail: String)
    /// The chain stopped answering while it should be hashing.
    case silent(port: String, seconds: Double)

    public var description: String {
        switch self {
        case .bus(let e): e.description
        case let .chipCount(port, expected, found, detail):
            "\(port): \(found) hash chip(s) answered, the board has \(expected)\(detail.isEmpty ? "" : " (\(detail))")"
        case let .wrongChip(port, expected, found):
            "\(port): chip identifies as \(found), expected \(expected) (check [asic] chip in the board file)"
        case let .frequency(port, detail): "\(port): \(detail)"
        case let .silent(port, seconds):
            "\(port): hash chips silent for \(Int(seconds.rounded())) s (no reply to register reads)"
        }
    }

    /// As a bus error, for the `HashBoard` methods (the supervisor trips on it).
    public var busError: BusError {
        switch self {
        case .bus(let e): e
        case let .silent(port, _): BusError(.timeout, bus: port, detail: description)
        case .chipCount(let port, _, _, _), .wrongChip(let port, _, _), .frequency(let port, _):
            BusError(.io, bus: port, detail: description)
        }
    }
}

/// A serial port whose speed can change (the chain switches to 1 Mbaud after bring-up).
public protocol BaudRateConfigurable: SerialPort {
    func setBaudRate(_ baud: Int) throws(BusError)
}

/// Why the DS4432U did not set a core voltage: refused before the bus (limits, reach), or
/// the transfer failed (a NACK: no DAC at that address).
public enum DS4432UError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Place: Sendable, Hashable {
        public var bus: String
        public var address: UInt8
    }

    case refused(Place, String)
    case bus(BusError, register: UInt8)

    public var description: String {
        switch self {
        case let .refused(p, detail): "DS4432U on \(p.bus) at 0x\(hex(p.address)): \(detail)"
        case let .bus(e, register): "DS4432U register 0x\(hex(register)): \(e.description)"
        }
    }

    /// For callers that speak `BusError` (the hash board's core-voltage setter).
    public var busError: BusError {
        switch self {
        case .bus(let e, _): e
        case .refused(let p, _): BusError(.notSupported, bus: p.bus, address: p.address, detail: description)
        }
    }
}

/// A failure on a bus, with enough context to say what and where.
public struct BusError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No device acknowledged the address (absent, unpowered or broken).
        case nack
        case timeout
        case permissionDenied
        case notFound
        case busy
        case notSupported
        case io
    }
    public var kind: Kind
    /// Bus or line name, e.g. "/dev/i2c-1" or "sim-i2c".
    public var bus: String
    /// 7-bit device address, when the failure concerns one device.
    public var address: UInt8?
    public var detail: String

    public init(_ kind: Kind, bus: String, address: UInt8? = nil, detail: String = "") {
        self.kind = kind
        self.bus = bus
        self.address = address
        self.detail = detail
    }

    public var description: String {
        var s = "\(bus)"
        if let address { s += " address 0x\(hex(address))" }
        s += ": \(kind)"
        if !detail.isEmpty { s += " (\(detail))" }
        return s
    }
}

/// Two lower-case hex digits (error messages name addresses and registers this way).
public func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}

/// Why a driver could not do what was asked: the bus failed, or the device
/// answered but not like the part the board file says is there.
public enum DriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The transfer itself failed (NACK, timeout, …).
    case bus(BusError)
    /// An identification register held something other than the expected part's value.
    case wrongIdentity(part: String, bus: String, address: UInt8, register: UInt8, expected: String, found: String)
    /// The device answered with a value that this part cannot produce (probing the wrong chip).
    case implausible(part: String, bus: String, address: UInt8, detail: String)
    /// The EMC2101 reports an open or shorted external diode instead of a temperature.
    case diodeFault(bus: String, address: UInt8, detail: String)
    /// A word arrived with a CRC that does not match it (Sensirion sensors): noise on the bus, or another part.
    case checksumMismatch(part: String, bus: String, address: UInt8, detail: String)

    public var description: String {
        switch self {
        case .bus(let e):
            return e.description
        case let .wrongIdentity(part, bus, address, register, expected, found):
            return "\(bus) address 0x\(hex(address)): not an \(part): register 0x\(hex(register)) reads \(found), expected \(expected)"
        case let .implausible(part, bus, address, detail):
            return "\(bus) address 0x\(hex(address)): does not behave like an \(part): \(detail)"
        case let .diodeFault(bus, address, detail):
            return "\(bus) address 0x\(hex(address)): external diode fault (\(detail))"
        case let .checksumMismatch(part, bus, address, detail):
            return "\(bus) address 0x\(hex(address)): \(part) checksum mismatch: \(detail)"
        }
    }

    /// The underlying bus error, when there is one.
    public var busError: BusError? {
        if case .bus(let e) = self { e } else { nil }
    }
}

/// Run a bus transfer and wrap its typed error so driver methods throw one type.
@inline(__always)
func onBus<T>(_ body: () throws(BusError) -> T) throws(DriverError) -> T {
    do { return try body() } catch { throw .bus(error) }
}

/// Format a 16-bit value as four hex digits for messages.
func hex16(_ v: UInt16) -> String { "0x" + hex(UInt8(v >> 8)) + hex(UInt8(v & 0xFF)) }

import HearthCore

/// A byte stream to hash chips (UART). Reads return what arrived within the timeout.
public protocol SerialPort: AnyObject {
    var name: String { get }
    func write(_ bytes: [UInt8]) throws(BusError)
    func read(maxCount: Int, timeout: Seconds) throws(BusError) -> [UInt8]
}

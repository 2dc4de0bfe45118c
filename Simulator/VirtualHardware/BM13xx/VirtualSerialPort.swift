import Foundation
import HearthCore
import HearthHAL

/// The host end of a virtual UART: what the driver writes goes to `device` at once
/// (with the port's baud rate, so a device listening at another speed can ignore it);
/// what the device sends waits in an inbox until `read` takes it.
public final class VirtualSerialPort: BaudRateConfigurable, @unchecked Sendable {
    public let name: String
    private let condition = NSCondition()
    private var inbox: [UInt8] = []
    private var baud = BM13xxRegister.defaultBaud
    private var device: (@Sendable ([UInt8], Int) -> Void)?
    /// Inbox bound: a host that stops reading loses the oldest bytes, as a UART FIFO would.
    public static let inboxLimit = 1 << 16

    public init(name: String = "virtual-uart") { self.name = name }

    /// Where written bytes go (bytes, baud).
    public func connect(_ device: @escaping @Sendable ([UInt8], Int) -> Void) {
        condition.lock()
        self.device = device
        condition.unlock()
    }

    public var baudRate: Int {
        condition.lock(); defer { condition.unlock() }
        return baud
    }

    public func setBaudRate(_ baud: Int) throws(BusError) {
        guard baud > 0 else { throw BusError(.notSupported, bus: name, detail: "baud \(baud)") }
        condition.lock()
        self.baud = baud
        condition.unlock()
    }

    public func write(_ bytes: [UInt8]) throws(BusError) {
        condition.lock()
        let device = self.device
        let baud = self.baud
        condition.unlock()
        device?(bytes, baud)
    }

    /// Waits up to `timeout` for the first byte, then returns what is there (at most `maxCount`).
    public func read(maxCount: Int, timeout: Seconds) throws(BusError) -> [UInt8] {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout.value))
        condition.lock()
        defer { condition.unlock() }
        while inbox.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        let n = min(maxCount, inbox.count)
        let out = Array(inbox.prefix(n))
        inbox.removeFirst(n)
        return out
    }

    /// The device sends bytes to the host.
    public func deliver(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        condition.lock()
        inbox += bytes
        if inbox.count > Self.inboxLimit { inbox.removeFirst(inbox.count - Self.inboxLimit) }
        condition.broadcast()
        condition.unlock()
    }
}

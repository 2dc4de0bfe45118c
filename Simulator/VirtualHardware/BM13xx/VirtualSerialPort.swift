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
    /// False: `read` never waits in wall time. The virtual chain answers inside the write
    /// that asked, so a reply that is not there yet is not coming; a simulation running
    /// faster than real time must not spend wall seconds on the driver's timeouts.
    public let waitsForBytes: Bool

    public init(name: String = "virtual-uart", waitsForBytes: Bool = true) {
        self.name = name
        self.waitsForBytes = waitsForBytes
    }

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

    /// Waits up to `timeout` for the first byte (unless `waitsForBytes` is false), then
    /// returns what is there (at most `maxCount`).
    public func read(maxCount: Int, timeout: Seconds) throws(BusError) -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        if waitsForBytes { waitLocked(timeout) }
        let n = min(maxCount, inbox.count)
        let out = Array(inbox.prefix(n))
        inbox.removeFirst(n)
        return out
    }

    /// Waits up to `timeout` (wall time) until bytes are waiting, without taking them:
    /// a receiving thread sleeps here, outside the driver's read lock. True if bytes wait.
    @discardableResult
    public func waitForInput(timeout: Seconds) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        waitLocked(timeout)
        return !inbox.isEmpty
    }

    private func waitLocked(_ timeout: Seconds) {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout.value))
        while inbox.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
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

import Foundation
import HearthCore
import HearthHAL

/// Runs a BM13xx driver's receiving loop on its own thread (the HAL has no threads of
/// its own). Each turn waits at most `turn` for bytes, so `stop` takes effect quickly.
/// Given the virtual port (`waitingOn`), it waits there, outside the driver's read
/// lock, and then reads without waiting: another owner (the simulation's step) can
/// then call `receive` too without ever blocking on this thread.
public final class BM13xxReceiveThread: @unchecked Sendable {
    private let driver: BM13xxDriver
    private let turn: Seconds
    private let port: VirtualSerialPort?
    private let condition = NSCondition()
    private var running = false
    private var finished = true

    public init(driver: BM13xxDriver, turn: Seconds = Seconds(0.02), waitingOn port: VirtualSerialPort? = nil) {
        self.driver = driver
        self.turn = turn
        self.port = port
    }

    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        finished = false
        let thread = Thread { [self] in
            while isRunning {
                if let port {
                    port.waitForInput(timeout: turn)
                    driver.receive(timeout: .zero)
                } else {
                    driver.receive(timeout: turn)
                }
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "hearth-bm13xx-rx"
        thread.start()
    }

    private var isRunning: Bool {
        condition.lock(); defer { condition.unlock() }
        return running
    }

    /// Stops the loop and waits (bounded) for its last turn to end.
    public func stop() {
        condition.lock()
        running = false
        let deadline = Date(timeIntervalSinceNow: 2)
        while !finished { if !condition.wait(until: deadline) { break } }
        condition.unlock()
    }
}

/// A monotonic clock tests can advance by hand (ramps and the silence watch read it).
public final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t: Double

    public init(_ start: Seconds = .zero) { t = start.value }

    public var now: Seconds {
        lock.lock(); defer { lock.unlock() }
        return Seconds(t)
    }

    public func advance(_ dt: Seconds) {
        lock.lock()
        t += dt.value
        lock.unlock()
    }

    /// Moves to `time` (never back: the clock is monotonic).
    public func set(_ time: Seconds) {
        lock.lock()
        t = max(t, time.value)
        lock.unlock()
    }
}

import HearthCore
import Synchronization

/// Control time the test moves by hand: every source and the combiner read it.
final class TestClock: Sendable {
    private let time: Mutex<Seconds>
    init(_ start: Seconds = Seconds(1000)) { time = Mutex(start) }
    var now: Seconds { time.withLock { $0 } }
    func advance(_ s: Seconds) { time.withLock { $0 += s } }
    func advance(_ s: Double) { advance(Seconds(s)) }
    var closure: @Sendable () -> Seconds { { self.now } }
}

/// Waits for a condition that another thread makes true (an MQTT message arriving),
/// checking every 10 ms, at most `timeout`; never a fixed sleep.
func waitUntil(timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

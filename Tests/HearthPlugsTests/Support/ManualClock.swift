import HearthCore
import Synchronization

/// Control time that moves only when the test says: `PlugSwitch` reads it through `now`.
final class ManualClock: Sendable {
    private let time: Mutex<Seconds>

    init(_ start: Seconds = Seconds(1000)) { time = Mutex(start) }

    var now: Seconds { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += Seconds(seconds) } }

    /// For `PlugSwitch(now:)`.
    var reader: @Sendable () -> Seconds { { self.now } }
}

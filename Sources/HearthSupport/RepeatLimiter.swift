/// Keeps a repeated event to one log line per window per key (peer and kind): the
/// first occurrence is told at once, the rest are counted, and the next one after the
/// window is told with how many were held back ("… 4 412 more times in the last 10 s").
/// A journal on an SD card survives a broken peer for months this way.
public struct RepeatLimiter: Sendable {
    public enum Admission: Sendable, Hashable {
        /// Log it; `suppressed` earlier occurrences were held back since the last line.
        case log(suppressed: Int)
        case suppress
    }

    public let window: Duration
    /// At most this many keys are remembered (a peer could vary its messages).
    public let capacity: Int
    private var entries: [String: (lastLogged: Duration, suppressed: Int)] = [:]

    public init(window: Duration = .seconds(10), capacity: Int = 256) {
        self.window = window
        self.capacity = capacity
    }

    /// - Parameter now: any monotonic time (an event loop's uptime, a test clock).
    public mutating func admit(_ key: String, now: Duration) -> Admission {
        if let e = entries[key], now - e.lastLogged < window {
            entries[key] = (e.lastLogged, e.suppressed + 1)
            return .suppress
        }
        let suppressed = entries[key]?.suppressed ?? 0
        if entries[key] == nil && entries.count >= capacity { entries.removeAll() }
        entries[key] = (now, 0)
        return .log(suppressed: suppressed)
    }

    /// " (… N more times in the last 10 s)" or "".
    public func suffix(_ suppressed: Int) -> String {
        suppressed > 0 ? " (… \(suppressed) more times in the last \(window.components.seconds) s)" : ""
    }
}

/// One log line per kind of repeated event per window (issue 16: a broken peer must not
/// flood a journal on an SD card): the first occurrence is logged, the rest are counted
/// and reported with the next line the window lets through.
struct LogThrottle: Sendable {
    let window: Duration
    private var windowStart: ContinuousClock.Instant?
    private var suppressed = 0

    init(window: Duration = .seconds(60)) { self.window = window }

    /// Nil: don't log (counted). Otherwise log, mentioning the returned number of events
    /// held back since the last line.
    mutating func allow(now: ContinuousClock.Instant) -> Int? {
        if let start = windowStart, now - start < window {
            suppressed += 1
            return nil
        }
        windowStart = now
        defer { suppressed = 0 }
        return suppressed
    }
}

import NIOCore

/// Counts dropped messages and says so at most once per `interval`, so a broken producer
/// gives one log line per interval with a count, not one per message.
struct DropReport {
    let interval: TimeAmount
    private var count = 0
    private var lastReport: NIODeadline?

    init(interval: TimeAmount = .seconds(10)) { self.interval = interval }

    /// Records one drop; returns how many to report now (this one included), or nil to stay quiet.
    mutating func record(now: NIODeadline) -> Int? {
        count += 1
        if let lastReport, now - lastReport < interval { return nil }
        lastReport = now
        defer { count = 0 }
        return count
    }
}

import Foundation

/// Records events from any thread and lets a test await a condition on them (woken by
/// each new event, bounded by a deadline): no fixed sleeps. Deadlines are generous (30 s)
/// because the whole suite shares two cores with CPU-bound simulations; a wait that
/// succeeds returns at once. Times are taken when `record` runs: trust them only for
/// recorders on their own thread (NIO loops, process readers), not on the task pool.
final class Journal<Event: Sendable>: @unchecked Sendable {
    struct Entry: Sendable {
        var event: Event
        var at: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var waiters: [Int: (condition: @Sendable ([Entry]) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
    private var nextWaiter = 0

    var events: [Event] { lock.withLock { entries.map(\.event) } }
    var timed: [Entry] { lock.withLock { entries } }

    func record(_ event: Event) {
        let ready: [CheckedContinuation<Bool, Never>] = lock.withLock {
            entries.append(Entry(event: event, at: .now))
            let met = waiters.filter { $0.value.condition(entries) }
            for id in met.keys { waiters[id] = nil }
            return met.map(\.value.continuation)
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// True as soon as `condition` holds on the events so far; false after `timeout`.
    func wait(timeout: Duration = .seconds(30), _ condition: @escaping @Sendable ([Event]) -> Bool) async -> Bool {
        await waitTimed(timeout: timeout) { condition($0.map(\.event)) }
    }

    func waitTimed(timeout: Duration = .seconds(30), _ condition: @escaping @Sendable ([Entry]) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let id: Int? = lock.withLock {
                if condition(entries) { return nil }
                nextWaiter += 1
                waiters[nextWaiter] = (condition, continuation)
                return nextWaiter
            }
            guard let id else { return continuation.resume(returning: true) }
            Task {
                try? await Task.sleep(for: timeout)  // the deadline, not a wait for something to happen
                self.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        let waiter = lock.withLock { waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(returning: false)
    }
}

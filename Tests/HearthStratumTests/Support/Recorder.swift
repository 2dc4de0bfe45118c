import Foundation
import HearthStratum

/// A delegate that records everything and lets a test await a condition on the
/// record (woken by each new event, bounded by a deadline).
final class Recorder: StratumClientDelegate, @unchecked Sendable {
    enum Event: Sendable {
        case work(StratumWork)
        case difficulty(Double)
        case state(StratumConnectionState)
        case share(ShareSubmission, ShareOutcome)
        case message(String)
    }

    private let lock = NSLock()
    private var events: [Event] = []
    private var waiters: [Int: (condition: @Sendable ([Event]) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
    private var nextWaiter = 0

    func stratumClient(didReceive work: StratumWork) { record(.work(work)) }
    func stratumClient(didChangeDifficulty difficulty: Double) { record(.difficulty(difficulty)) }
    func stratumClient(didChange state: StratumConnectionState) { record(.state(state)) }
    func stratumClient(didFinish submission: ShareSubmission, outcome: ShareOutcome) { record(.share(submission, outcome)) }
    func stratumClient(poolSays message: String) { record(.message(message)) }

    var snapshot: [Event] {
        lock.withLock { events }
    }

    private func record(_ event: Event) {
        let ready: [CheckedContinuation<Bool, Never>] = lock.withLock {
            events.append(event)
            let met = waiters.filter { $0.value.condition(events) }
            for id in met.keys { waiters[id] = nil }
            return met.map(\.value.continuation)
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// Waits until `condition` holds on the events recorded so far, or `timeout` passes.
    func wait(timeout: Duration = .seconds(5), _ condition: @escaping @Sendable ([Event]) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let id: Int? = lock.withLock {
                if condition(events) { return nil }
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

extension Recorder.Event {
    var work: StratumWork? { if case .work(let w) = self { w } else { nil } }
    var state: StratumConnectionState? { if case .state(let s) = self { s } else { nil } }
    var outcome: ShareOutcome? { if case .share(_, let o) = self { o } else { nil } }
    var message: String? { if case .message(let m) = self { m } else { nil } }

    /// The reason of a `.disconnected` state for the pool on `port`.
    func disconnectReason(port: Int) -> String? {
        if case .state(.disconnected(let pool, let reason, _)) = self, pool.url.port == port { reason } else { nil }
    }

    var isMiningState: Bool { if case .state(.mining) = self { true } else { false } }
    var isDisconnect: Bool { if case .state(.disconnected) = self { true } else { false } }

    func isMining(port: Int) -> Bool {
        if case .state(.mining(let pool)) = self { pool.url.port == port } else { false }
    }
}

extension Collection<Recorder.Event> {
    /// Events after the first `n`.
    func after(_ n: Int) -> SubSequence { dropFirst(n) }
    var works: [StratumWork] { compactMap(\.work) }
}

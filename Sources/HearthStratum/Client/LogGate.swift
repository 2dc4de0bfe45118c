import HearthSupport
import Logging
import NIOCore
import Synchronization

/// The client's log lines about a peer, held to one per kind per 10 s with a count of
/// the rest (issue 16): shared by every session of one client, so a pool that drops
/// and re-opens connections, or rejects every share, can't flood the journal.
final class LogGate: Sendable {
    private let limiter = Mutex(RepeatLimiter())

    /// Logs `message` unless a line of the same `kind` about `peer` went out in the window.
    func log(_ logger: Logger, _ level: Logger.Level, peer: String, kind: String, _ message: @autoclosure () -> String) {
        let now = Duration.nanoseconds(NIODeadline.now().uptimeNanoseconds)
        let (admission, suffix): (RepeatLimiter.Admission, String) = limiter.withLock { l in
            let a = l.admit("\(peer) \(kind)", now: now)
            if case .log(let n) = a { return (a, l.suffix(n)) }
            return (a, "")
        }
        guard case .log = admission else { return }
        logger.log(level: level, "\(message())\(suffix)")
    }
}

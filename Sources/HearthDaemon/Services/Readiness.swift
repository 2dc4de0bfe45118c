import ServiceLifecycle
import NIOConcurrencyHelpers

/// READY=1 goes to systemd once the loop has ticked and every API listener accepts
/// connections: before that, `hearth status` could still fail.
public final class Readiness: Sendable {
    private let pending: NIOLockedValueBox<Int>
    private let notify: SDNotify
    private let status: String

    public init(listeners: Int, notify: SDNotify, status: String) {
        pending = NIOLockedValueBox(listeners + 1)
        self.notify = notify
        self.status = status
    }

    public func controlReady() { done() }
    public func listenerReady() { done() }

    private func done() {
        let left = pending.withLockedValue { n -> Int in n -= 1; return n }
        if left == 0 { notify.ready(status: status) }
    }
}

/// Ends the live event streams as soon as shutdown begins (it is the last service,
/// so the first told), so the API never waits on an open `/v1/events` connection.
public struct EventStreamCloser: Service {
    let state: DaemonState
    public init(state: DaemonState) { self.state = state }
    public func run() async throws {
        try? await gracefulShutdown()
        state.finishSubscribers()
    }
}

import HearthMining
import HearthStratum
import Synchronization

/// The drill's delegate: forwards everything to the engine and keeps each connection
/// state change with the moment it happened, so times are taken at the event, not
/// when a waiting test looks.
final class DrillWatcher: StratumClientDelegate {
    let engine: MiningEngine
    private let states = Mutex<[(at: ContinuousClock.Instant, state: StratumConnectionState)]>([])

    init(engine: MiningEngine) { self.engine = engine }

    func stratumClient(didReceive work: StratumWork) { engine.stratumClient(didReceive: work) }
    func stratumClient(didChangeDifficulty difficulty: Double) { engine.stratumClient(didChangeDifficulty: difficulty) }
    func stratumClient(didChange state: StratumConnectionState) {
        let now = ContinuousClock.now
        states.withLock { log in
            log.append((now, state))
            if log.count > 10_000 { log.removeFirst(log.count - 10_000) }   // a long flap run stays bounded
        }
        engine.stratumClient(didChange: state)
    }
    func stratumClient(didFinish submission: ShareSubmission, outcome: ShareOutcome) {
        engine.stratumClient(didFinish: submission, outcome: outcome)
    }
    func stratumClient(poolSays message: String) { engine.stratumClient(poolSays: message) }

    /// State changes from `start` on that match.
    func changes(since start: ContinuousClock.Instant,
                 where match: (StratumConnectionState) -> Bool) -> [(at: ContinuousClock.Instant, state: StratumConnectionState)] {
        states.withLock { $0.filter { $0.at >= start && match($0.state) } }
    }

    /// Waits (polling every few ms, up to `limit`) for the first matching change since `start`.
    func first(since start: ContinuousClock.Instant, limit: Duration,
               where match: @escaping (StratumConnectionState) -> Bool) async -> (at: ContinuousClock.Instant, state: StratumConnectionState)? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let hit = changes(since: start, where: match).first { return hit }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }
}

extension StratumConnectionState {
    func isDisconnected(port: Int) -> Bool {
        if case .disconnected(let pool, _, _) = self { pool.url.port == port } else { false }
    }

    func isMining(port: Int) -> Bool {
        if case .mining(let pool) = self { pool.url.port == port } else { false }
    }

    func isConnecting(port: Int) -> Bool {
        if case .connecting(let pool) = self { pool.url.port == port } else { false }
    }

    var disconnectReason: String? {
        if case .disconnected(_, let reason, _) = self { reason } else { nil }
    }
}

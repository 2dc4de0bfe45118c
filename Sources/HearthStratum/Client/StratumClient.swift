import Logging
import NIOCore
import Synchronization

/// A Stratum V1 client with a prioritized pool list, failover and a return to
/// the best pool. All state lives on one event loop of `group`; the delegate is
/// called there. Thread-safe: every method may be called from anywhere.
public final class StratumClient: Sendable {
    private let loop: any EventLoop
    /// The loop all delegate calls happen on (the engine may schedule its own work there).
    public var eventLoop: any EventLoop { loop }
    private let core: NIOLoopBoundBox<ClientCore>
    /// Set by `stop()`: later calls are dropped, not sent to a loop its owner may have shut
    /// down (a hash board can find a share after its pool client stopped).
    private let stopped = Atomic<Bool>(false)

    public init(pools: [PoolConfig], group: any EventLoopGroup, delegate: any StratumClientDelegate,
                options: StratumClientOptions = StratumClientOptions(), logger: Logger)
    {
        let loop = group.next()
        self.loop = loop
        self.core = NIOLoopBoundBox.makeBoxSendingValue(
            ClientCore(pools: pools, loop: loop, delegate: delegate, options: options, logger: logger), eventLoop: loop)
    }

    /// Connects to the best pool and keeps mining until `stop()`.
    public func start() {
        guard !stopped.load(ordering: .acquiring) else { return }
        loop.execute { self.core.value.start() }
    }

    /// Closes every connection; no delegate calls about connections follow (late share outcomes may).
    public func stop() async {
        stopped.store(true, ordering: .releasing)
        let closed = loop.flatSubmit { self.core.value.stop() }
        try? await closed.get()
    }

    /// Sends a share to the pool in use; the outcome arrives through the delegate. Dropped after `stop()`.
    public func submit(_ share: ShareSubmission) {
        guard !stopped.load(ordering: .acquiring) else { return }
        loop.execute { self.core.value.submit(share) }
    }

    /// Asks the pool for a difficulty (`mining.suggest_difficulty`), now and after reconnects.
    public func suggestDifficulty(_ difficulty: Double) {
        guard !stopped.load(ordering: .acquiring) else { return }
        loop.execute { self.core.value.suggestDifficulty(difficulty) }
    }
}

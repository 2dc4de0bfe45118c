import HearthHAL
import HearthMining
import HearthStratum
import Logging
import NIOPosix

/// One pool fault, timed from the moment it is injected. The real `StratumClient` and
/// `MiningEngine` mine on a caller's hash board against a primary test pool with a
/// backup; the primary then misbehaves, is held so for a while, and recovers. Every
/// time is taken at the event (the client's state change, the pool's accepted share).
public enum PoolFaultDrill {
    public struct Timing: Sendable {
        public var client: StratumClientOptions
        /// How long the fault stays after the failover (connection attempts are counted over it).
        public var hold: Duration
        /// Room for a share to be found and a loaded machine, added to every bound.
        public var slack: Duration
        /// Share difficulty of both pools (small: shares every fraction of a second).
        public var difficulty: Double

        public init(client: StratumClientOptions, hold: Duration = .seconds(2), slack: Duration = .seconds(2),
                    difficulty: Double = 0.00002) {
            self.client = client
            self.hold = hold
            self.slack = slack
            self.difficulty = difficulty
        }

        /// The client's defaults with every timer divided by `factor` (a drill in seconds, not
        /// minutes); the retry floor and jitter keep their shape.
        public static func scaled(by factor: Double, seed: UInt64 = 1) -> Timing {
            var o = StratumClientOptions()
            func s(_ d: Duration) -> Duration { .nanoseconds(Int64(d.seconds / factor * 1e9)) }
            o.connectTimeout = s(o.connectTimeout)
            o.handshakeTimeout = s(o.handshakeTimeout)
            o.submitTimeout = s(o.submitTimeout)
            o.notifyTimeout = s(o.notifyTimeout)
            o.idleTimeout = s(o.idleTimeout)
            o.retryFloor = s(o.retryFloor)
            o.initialRetryDelay = s(o.initialRetryDelay)
            o.maxRetryDelay = s(o.maxRetryDelay)
            o.primaryProbeInterval = s(o.primaryProbeInterval)
            o.retryJitterSeed = seed
            return Timing(client: o, hold: s(.seconds(60)))
        }
    }

    /// Every kind, with durations fitted to the client's timers: a pool that closes each
    /// connection a sixth of a probe interval after it opened, answers twice as late as the
    /// submit timeout allows, and answers an eighth of it late (to be ridden out).
    public static func kinds(for o: StratumClientOptions) -> [PoolFault] {
        [.refuse, .silent, .closeAfter(messages: 6), .closeEvery(o.primaryProbeInterval / 6)]
            + PoolGarbage.allCases.map { .garbage($0) }
            + [.slow(o.submitTimeout * 2), .slow(o.submitTimeout / 8)]
    }

    /// Runs one drill; a step that overruns its bound is reported in `failure`, never thrown.
    public static func run(_ fault: PoolFault, board: any HashBoard, timing: Timing,
                           logger: Logger = Logger(label: "hearth.drill")) async throws -> PoolFaultOutcome {
        var config = TestPoolConfiguration()
        config.difficulty = timing.difficulty
        config.jobInterval = nil
        let primary = TestPool(configuration: config, logger: logger)
        let backup = TestPool(configuration: config, logger: logger)
        let primaryPort = try await primary.start()
        let backupPort = try await backup.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let engine = MiningEngine(board: board, logger: logger)
        let watcher = DrillWatcher(engine: engine)
        func pool(_ port: Int, _ priority: Int) -> PoolConfig {
            PoolConfig(url: PoolURL(transport: .tcp, host: "127.0.0.1", port: port), user: "drill.heater", priority: priority)
        }
        let client = StratumClient(pools: [pool(primaryPort, 0), pool(backupPort, 1)], group: group, delegate: watcher,
                                   options: timing.client, logger: logger)
        engine.setSubmitter { client.submit($0) }
        client.start()
        defer { engine.setSubmitter(nil) }

        let expectation = PoolFaultExpectation.of(fault, options: timing.client, slack: timing.slack)
        var outcome = PoolFaultOutcome(fault: fault, peer: "127.0.0.1:\(primaryPort)", expectation: expectation)
        let clock = ContinuousClock()
        let warmUp = timing.client.handshakeTimeout + timing.slack * 5
        if await primary.waitUntil(timeout: warmUp, { $0.accepted >= 1 }) {
            await drill(fault, primary: primary, backup: backup, ports: (primaryPort, backupPort), watcher: watcher,
                        timing: timing, clock: clock, outcome: &outcome)
        } else {
            outcome.failure = "no share accepted by the primary within \(warmUp) before the fault"
        }
        await client.stop()
        try? await group.shutdownGracefully()
        await primary.stop()
        await backup.stop()
        return outcome
    }

    private static func drill(_ fault: PoolFault, primary: TestPool, backup: TestPool, ports: (primary: Int, backup: Int),
                              watcher: DrillWatcher, timing: Timing, clock: ContinuousClock,
                              outcome: inout PoolFaultOutcome) async {
        let e = outcome.expectation
        let attemptsBefore = await primary.counters.connections
        let backupBefore = await backup.counters.accepted
        let injected = clock.now
        do { try await primary.setFault(fault) } catch {
            outcome.failure = "could not inject \(fault): \(error)"
            return
        }
        // Waited for past the bound, so a late notice is measured (and judged late), not lost.
        let noticeWait = e.failoverBound + timing.slack
        if let lost = await watcher.first(since: injected, limit: noticeWait, where: { $0.isDisconnected(port: ports.primary) }) {
            outcome.notice = lost.at - injected
            outcome.noticeReason = lost.state.disconnectReason
        }
        if e.noticed {
            if let failedOver = await watcher.first(since: injected, limit: e.failoverBound,
                                                    where: { $0.isMining(port: ports.backup) }) {
                outcome.failover = failedOver.at - injected
            }
            if await backup.waitUntil(timeout: e.failoverBound + timing.slack, { $0.accepted > backupBefore }) {
                outcome.backupShare = clock.now - injected
            }
            // The fault stays a while: a flapping or dead pool must not draw a storm of attempts.
            try? await Task.sleep(for: timing.hold)
        }
        outcome.faultDuration = clock.now - injected
        let mainAttempts = watcher.changes(since: injected, where: { $0.isConnecting(port: ports.primary) }).count
        outcome.attemptsDuringFault = max(await primary.counters.connections - attemptsBefore, mainAttempts)
        let cleared = clock.now
        let acceptedAtClear = await primary.counters.accepted
        do { try await primary.setFault(nil) } catch {
            outcome.failure = "could not clear \(fault): \(error)"
            return
        }
        if await primary.waitUntil(timeout: e.resumeBound, { $0.accepted > acceptedAtClear }) {
            outcome.resume = clock.now - cleared
        }
        outcome.judge()
    }
}

import HearthSupport
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// The client's state, confined to one event loop: which pool is in use, the
/// failover order and backoff, the probe back to a better pool, and the
/// delegate calls. Sessions (one per connection) do the protocol.
final class ClientCore {
    /// One connection attempt: the main one that mines, or a probe of a better pool.
    private struct Attempt {
        var serial: Int
        var index: Int
        var pool: PoolConfig
        var session: PoolSession?
        var channel: (any Channel)?
        /// When the connection was made (event loop uptime), for "was it healthy?".
        var connectedAt: NIODeadline?
    }

    private let pools: [PoolConfig]
    private let loop: any EventLoop
    private let delegate: any StratumClientDelegate
    private var options: StratumClientOptions
    private let logger: Logger
    private var retry: RetrySchedule
    /// `client.reconnect` asked for soon after connecting, in a row.
    private var quickReconnects = 0
    private var logLimiter = RepeatLimiter()
    private let logGate = LogGate()
    private var submitTokens: Double
    private var lastRefill = NIODeadline.now()

    private var started = false
    private var stopped = false
    private var serial = 0
    private var main: Attempt?
    private var probe: Attempt?
    private var probeRound = 0
    private var consecutiveFailures = 0
    private var retryTimer: Scheduled<Void>?
    private var probeTimer: Scheduled<Void>?
    /// Session ids to resume, per pool address (bounded: the list plus a few redirects).
    private var sessionIDs: [PoolURL: String] = [:]

    init(pools: [PoolConfig], loop: any EventLoop, delegate: any StratumClientDelegate,
         options: StratumClientOptions, logger: Logger)
    {
        // Stable sort: equal priorities keep the order they were given in.
        self.pools = pools.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
            .map(\.element)
        self.loop = loop
        self.delegate = delegate
        self.options = options
        self.logger = logger
        self.submitTokens = options.maxSubmitsPerSecond
        let policy = RetryPolicy(floor: options.retryFloor, initial: options.initialRetryDelay, multiplier: 2,
                                 cap: options.maxRetryDelay, jitter: options.retryJitter)
        self.retry = options.retryJitterSeed.map { RetrySchedule(policy: policy, seed: $0) } ?? RetrySchedule(policy: policy)
    }

    func start() {
        guard !started, !stopped else { return }
        started = true
        guard !pools.isEmpty else { return logger.error("no pools configured; not mining") }
        connectMain(index: 0, pool: pools[0])
    }

    func stop() -> EventLoopFuture<Void> {
        stopped = true
        retryTimer?.cancel()
        probeTimer?.cancel()
        var closing: [EventLoopFuture<Void>] = []
        for attempt in [main, probe].compactMap({ $0 }) {
            attempt.session?.retire("client stopped")
            if let channel = attempt.channel { closing.append(channel.closeFuture) }
        }
        main = nil
        probe = nil
        return EventLoopFuture.andAllComplete(closing, on: loop)
    }

    func submit(_ share: ShareSubmission) {
        guard let session = main?.session, session.isReady else {
            return delegate.stratumClient(didFinish: share, outcome: .unanswered("not connected to a pool"))
        }
        // However low the pool sets its difficulty, at most so many shares a second go out.
        let now = NIODeadline.now()
        submitTokens = min(options.maxSubmitsPerSecond,
                           submitTokens + Double((now - lastRefill).nanoseconds) / 1e9 * options.maxSubmitsPerSecond)
        lastRefill = now
        guard submitTokens >= 1 else {
            droppedSubmits += 1
            let key = "dropped \(session.pool.url.peer)"
            if case .log(let suppressed) = logLimiter.admit(key, now: Duration(now - NIODeadline.uptimeNanoseconds(0))) {
                logger.warning("share not sent: more than \(options.maxSubmitsPerSecond) a second\(logLimiter.suffix(suppressed))",
                               metadata: ["peer": "\(session.pool.url.peer)"])
            }
            return delegate.stratumClient(didFinish: share, outcome: .unanswered("not sent: over \(options.maxSubmitsPerSecond) shares a second"))
        }
        submitTokens -= 1
        session.submit(share)
    }

    /// Shares dropped by the submit limit so far.
    private(set) var droppedSubmits = 0

    func suggestDifficulty(_ difficulty: Double) {
        options.suggestedDifficulty = difficulty
        main?.session?.suggestDifficulty(difficulty)
    }

    // MARK: connecting

    private func connectMain(index: Int, pool: PoolConfig) {
        guard !stopped else { return }
        delegate.stratumClient(didChange: .connecting(pool))
        connect(index: index, pool: pool, asProbe: false)
    }

    /// Starts a connection; the attempt is recorded first, as the connect may complete at once.
    private func connect(index: Int, pool: PoolConfig, asProbe: Bool) {
        serial += 1
        let attempt = Attempt(serial: serial, index: index, pool: pool)
        if asProbe { probe = attempt } else { main = attempt }
        let serial = self.serial
        let sslContext: NIOSSLContext?
        do {
            sslContext = pool.url.transport == .ssl ? try NIOSSLContext(configuration: options.tls) : nil
        } catch {
            let reason = "TLS setup for pool \(pool.url) failed: \(error)"
            logger.error("\(reason)", metadata: ["peer": "\(pool.url.peer)"])
            loop.assumeIsolated().execute { self.attemptEnded(serial, reason: reason) }
            return
        }
        let options = self.options
        let logger = self.logger
        let logGate = self.logGate
        let resume = sessionIDs[pool.url]
        let box = NIOLoopBound(self, eventLoop: loop)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let core = box.value
                    let session = PoolSession(serial: serial, pool: pool, options: options, logger: logger,
                                              logGate: logGate, resumeSessionID: resume) { [weak core] session, event in
                        core?.handle(session, event)
                    }
                    core.attach(session, serial: serial)
                    let handlers = channel.pipeline.syncOperations
                    if let sslContext {
                        let name = Self.isIPAddress(pool.url.host) ? nil : pool.url.host
                        try handlers.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: name))
                    }
                    try handlers.addHandler(ByteToMessageHandler(StratumLineDecoder(maxLineLength: options.maxLineLength)))
                    try handlers.addHandler(MessageToByteHandler(StratumLineEncoder()))
                    try handlers.addHandler(session)
                }
            }
        bootstrap.connect(host: pool.url.host, port: pool.url.port).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel): self.connected(channel, serial: serial)
            case .failure(let error):
                let reason = "cannot connect to pool \(pool.url): \(error)"
                let level: Logger.Level = self.probe?.serial == serial ? .info : .error
                self.logger.log(level: level, "\(reason)", metadata: ["peer": "\(pool.url.peer)"])
                self.attemptEnded(serial, reason: reason)
            }
        }
    }

    private func attach(_ session: PoolSession, serial: Int) {
        if main?.serial == serial { main?.session = session }
        if probe?.serial == serial { probe?.session = session }
    }

    private func connected(_ channel: any Channel, serial: Int) {
        if main?.serial == serial {
            main?.channel = channel
            main?.connectedAt = .now()
        } else if probe?.serial == serial {
            probe?.channel = channel
        } else {
            channel.close(promise: nil)  // stopped or superseded while connecting
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }

    // MARK: events

    private func handle(_ session: PoolSession, _ event: PoolSessionEvent) {
        // Share outcomes belong to the engine whichever connection they came from.
        if case .share(let share, let outcome) = event {
            return delegate.stratumClient(didFinish: share, outcome: outcome)
        }
        guard !stopped else { return }
        if main?.serial == session.serial {
            handleMain(session, event)
        } else if probe?.serial == session.serial {
            handleProbe(session, event)
        }
    }

    private func handleMain(_ session: PoolSession, _ event: PoolSessionEvent) {
        guard let attempt = main else { return }
        switch event {
        case .ready(let sessionID):
            remember(sessionID, for: attempt.pool.url)
            consecutiveFailures = 0
            delegate.stratumClient(didChange: .mining(attempt.pool))
            scheduleProbe()
        case .work(let work): delegate.stratumClient(didReceive: work)
        case .difficulty(let d): delegate.stratumClient(didChangeDifficulty: d)
        case .message(let text): delegate.stratumClient(poolSays: text)
        case .reconnect(let host, let port, let wait):
            main = nil
            cancelProbe()
            var target = attempt.pool
            target.url = PoolURL(transport: target.url.transport, host: host, port: port)
            let connectedFor = attempt.connectedAt.map { Duration(NIODeadline.now() - $0) }
            let quick = connectedFor.map { $0 < retry.policy.healthyAfter } ?? true
            quickReconnects = quick ? quickReconnects + 1 : 0
            if quickReconnects >= options.maxQuickReconnects {
                // A pool that keeps asking to come back at once is a failing pool (issue 16).
                quickReconnects = 0
                return failOver(from: attempt, reason: "pool \(attempt.pool.url) asked to reconnect \(options.maxQuickReconnects) times in a row within \(retry.policy.healthyAfter.components.seconds) s of connecting",
                                connectedFor: connectedFor)
            }
            // Whatever wait the pool asks for, never sooner than the backoff allows.
            let delay = retry.failed(connectedFor: connectedFor, requested: wait)
            delegate.stratumClient(didChange: .disconnected(attempt.pool, reason: "pool asked to reconnect to \(target.url)",
                                                           retryIn: delay.seconds))
            scheduleRetry(after: delay) { core in core.connectMain(index: attempt.index, pool: target) }
        case .ended(let reason): attemptEnded(attempt.serial, reason: reason)
        case .share: break
        }
    }

    private func handleProbe(_ session: PoolSession, _ event: PoolSessionEvent) {
        guard let attempt = probe else { return }
        switch event {
        case .ready(let sessionID):
            remember(sessionID, for: attempt.pool.url)
            logger.notice("pool \(attempt.pool.url) is back; switching to it")
            if let old = main {
                old.session?.retire("switching back to pool \(attempt.pool.url)")
                old.channel?.close(promise: nil)
            }
            main = attempt
            probe = nil
            retryTimer?.cancel()
            consecutiveFailures = 0
            delegate.stratumClient(didChange: .mining(attempt.pool))
            scheduleProbe()
        case .ended(let reason):
            logger.info("probe of pool \(attempt.pool.url) failed: \(reason)")
            probe = nil
        case .reconnect:
            probe = nil
        case .work, .difficulty, .message, .share: break
        }
    }

    /// A connection attempt or session is over: fail over (main) or just forget it (probe).
    private func attemptEnded(_ serial: Int, reason: String) {
        guard !stopped else { return }
        if probe?.serial == serial {
            probe = nil
            return
        }
        // The failure itself was logged where it happened (session or connect); this is the consequence.
        guard let attempt = main, attempt.serial == serial else { return }
        failOver(from: attempt, reason: reason, connectedFor: attempt.connectedAt.map { Duration(NIODeadline.now() - $0) })
    }

    /// The main connection is over for good: the next pool in turn after the backoff.
    private func failOver(from attempt: Attempt, reason: String, connectedFor: Duration?) {
        main = nil
        cancelProbe()
        attempt.channel?.close(promise: nil)
        consecutiveFailures += 1
        let next = (attempt.index + 1) % pools.count
        let delay = retry.failed(connectedFor: connectedFor)
        let key = "retry \(attempt.pool.url.peer)"
        if case .log(let suppressed) = logLimiter.admit(key, now: Duration(NIODeadline.now() - NIODeadline.uptimeNanoseconds(0))) {
            logger.notice("\(reason); trying pool \(pools[next].url) in \(formattedSeconds(delay)) s\(logLimiter.suffix(suppressed))",
                          metadata: ["peer": "\(attempt.pool.url.peer)"])
        }
        delegate.stratumClient(didChange: .disconnected(attempt.pool, reason: reason, retryIn: delay.seconds))
        scheduleRetry(after: delay) { core in core.connectMain(index: next, pool: core.pools[next]) }
    }

    private func formattedSeconds(_ d: Duration) -> String {
        let tenths = Int((d.seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private func scheduleRetry(after delay: Duration, _ body: @escaping (ClientCore) -> Void) {
        retryTimer?.cancel()
        retryTimer = loop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) { [weak self] in
            if let self, !self.stopped { body(self) }
        }
    }

    // MARK: returning to a better pool

    private func scheduleProbe() {
        probeTimer?.cancel()
        guard let index = main?.index, index > 0 else { return }
        probeTimer = loop.assumeIsolated().scheduleTask(in: TimeAmount(options.primaryProbeInterval)) { [weak self] in
            self?.probeBetterPool()
        }
    }

    private func probeBetterPool() {
        guard !stopped, let current = main, current.index > 0, current.session?.isReady == true else { return }
        if probe == nil {
            // Better pools in turn, best first each round.
            let index = probeRound % current.index
            probeRound += 1
            logger.debug("probing pool \(pools[index].url)")
            connect(index: index, pool: pools[index], asProbe: true)
        }
        scheduleProbe()
    }

    private func cancelProbe() {
        probeTimer?.cancel()
        probeTimer = nil
        if let attempt = probe {
            attempt.session?.retire("probe cancelled")
            attempt.channel?.close(promise: nil)
        }
        probe = nil
    }

    private func remember(_ sessionID: String?, for url: PoolURL) {
        guard let sessionID else { return }
        if sessionIDs.count >= pools.count + 8 { sessionIDs.removeAll() }
        sessionIDs[url] = sessionID
    }
}

import HearthSupport
import HearthWork
import Logging
import NIOCore

/// One connection to one pool: runs the handshake, answers the pool's calls, keeps
/// request timeouts and liveness timers, and turns it all into `PoolSessionEvent`s.
/// Lives on its channel's event loop; the client decides what failures mean.
final class PoolSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = StratumMessage

    private struct Pending {
        var kind: PoolRequestKind
        var timeout: Scheduled<Void>
    }

    let serial: Int
    let pool: PoolConfig
    let peer: String
    private let options: StratumClientOptions
    private var logger: Logger
    private let logGate: LogGate
    private let resumeSessionID: String?
    private let sink: (PoolSession, PoolSessionEvent) -> Void

    private var context: ChannelHandlerContext?
    private var closed = false
    private(set) var isReady = false
    private var nextID: Int64 = 1
    private var pending: [Int64: Pending] = [:]
    private var pendingSubmits = 0
    /// Bad lines in a row; a pool that sends only junk is dropped rather than logged forever.
    private var badInARow = 0

    private var subscribed = false
    private var authorized = false
    private var configureSettled: Bool
    private var sessionID: String?
    private var extranonce: ExtranonceSettings?
    private var difficulty = 1.0
    private var versionMask: UInt32 = 0
    /// The newest notify, kept while the handshake finishes and to rebuild work on set_extranonce.
    private var latestJob: (job: MiningJob, receivedAt: ContinuousClock.Instant)?
    /// Job ids of this connection, newest last; shares for other jobs aren't sent here.
    private var recentJobIDs: [String] = []
    private static let jobMemory = 32

    private var idleTimer: Scheduled<Void>?
    private var notifyTimer: Scheduled<Void>?

    init(serial: Int, pool: PoolConfig, options: StratumClientOptions, logger: Logger, logGate: LogGate = LogGate(),
         resumeSessionID: String?, sink: @escaping (PoolSession, PoolSessionEvent) -> Void)
    {
        self.logGate = logGate
        self.serial = serial
        self.pool = pool
        self.options = options
        self.resumeSessionID = resumeSessionID
        self.sink = sink
        self.peer = pool.url.peer
        self.logger = logger
        self.logger[metadataKey: "peer"] = "\(peer)"
        self.configureSettled = options.versionRollingMask == nil
    }

    // MARK: channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// The context holds this handler: keeping it after the channel is gone would keep
    /// both (and the channel's buffers) alive for every connection ever made.
    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        logGate.log(logger, .info, peer: peer, kind: "connected", "connected to pool \(peer)")
        resetIdleTimer()
        if let mask = options.versionRollingMask {
            send(.configure, { id in
                StratumRequests.configure(id: id, versionMask: mask, minBitCount: self.options.versionRollingMinBitCount)
            })
        }
        sendSubscribe(sessionID: resumeSessionID)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end("pool \(peer) closed the connection", level: .warning)
        self.context = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end("pool \(peer): \(error)", level: .error)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closed else { return }
        let receivedAt = ContinuousClock.now
        resetIdleTimer()
        let line = Self.unwrapInboundIn(data)
        let message: StratumMessage
        do {
            message = try StratumMessage(line: line.readableBytesView)
        } catch {
            logGate.log(logger, .error, peer: peer, kind: "bad line", "pool \(peer) sent a bad line (\(error)): \(line.logExcerpt)")
            return countBad()
        }
        // The bad-line count is reset by a message that was understood, not merely valid JSON:
        // a pool sending well-formed notifies with bad fields is as broken as one sending noise.
        switch message {
        case .response(let id, let result, let error): handleResponse(id: id, result: result, error: error)
        case .notification(let method, let params): handleCall(id: nil, method: method, params: params, at: receivedAt)
        case .request(let id, let method, let params): handleCall(id: id, method: method, params: params, at: receivedAt)
        }
    }

    // MARK: the client's requests

    /// Sends a share; its outcome comes back as a `.share` event.
    func submit(_ share: ShareSubmission) {
        guard isReady, !closed else { return sink(self, .share(share, .unanswered("not connected to pool \(peer)"))) }
        guard recentJobIDs.contains(share.jobID) else {
            return sink(self, .share(share, .unanswered("job \(share.jobID) is not a current job of pool \(peer)")))
        }
        guard pendingSubmits < options.maxPendingSubmits else {
            return sink(self, .share(share, .unanswered("\(pendingSubmits) shares already waiting for pool \(peer)")))
        }
        pendingSubmits += 1
        // Version bits only go out when rolling was negotiated; the outcome still names the share as given.
        var sent = share
        if versionMask == 0 { sent.versionBits = nil }
        send(.submit(share)) { id in StratumRequests.submit(id: id, user: self.pool.user, share: sent) }
    }

    func suggestDifficulty(_ difficulty: Double) {
        guard subscribed, !closed else { return }
        send(.suggestDifficulty) { id in StratumRequests.suggestDifficulty(id: id, difficulty: difficulty) }
    }

    /// Closes without reporting a failure (the client replaced or stopped this session).
    func retire(_ reason: String) {
        end(reason, level: .info, report: false)
    }

    // MARK: handshake

    private func sendSubscribe(sessionID: String?) {
        send(.subscribe(resuming: sessionID != nil)) { id in
            StratumRequests.subscribe(id: id, userAgent: self.options.userAgent, sessionID: sessionID)
        }
    }

    private func afterSubscribe() {
        if options.extranonceSubscribe {
            send(.extranonceSubscribe) { id in StratumRequests.extranonceSubscribe(id: id) }
        }
        send(.authorize) { id in
            StratumRequests.authorize(id: id, user: self.pool.user, password: self.pool.password)
        }
        if let d = options.suggestedDifficulty { suggestDifficulty(d) }
    }

    private func checkReady() {
        guard !isReady, !closed, subscribed, authorized, configureSettled else { return }
        isReady = true
        logger.info("mining on pool \(peer) as \(pool.user); version mask \(StratumHex.word(versionMask))")
        sink(self, .ready(sessionID: sessionID))
        if let latest = latestJob {
            emitWork(latest.job, receivedAt: latest.receivedAt)
        } else {
            notifyTimer = schedule(after: options.notifyTimeout) { session in
                session.end("pool \(session.peer) sent no mining.notify within \(session.options.notifyTimeout)",
                            level: .error)
            }
        }
    }

    private func handleResponse(id: StratumID?, result: JSONValue, error: StratumRPCError?) {
        badInARow = 0
        guard case .number(let n)? = id, let request = pending.removeValue(forKey: n) else {
            logGate.log(logger, .warning, peer: peer, kind: "unknown id", "pool \(peer) answered unknown request id \(id?.description ?? "null")")
            return
        }
        request.timeout.cancel()
        switch request.kind {
        case .configure:
            if let error {
                logger.info("pool \(peer) doesn't support mining.configure (\(error)); no version rolling")
            } else {
                do { versionMask = try ConfigureResult(result: result).versionMask } catch {
                    logger.error("pool \(peer) sent a bad mining.configure result: \(error); no version rolling")
                }
            }
            configureSettled = true
            checkReady()
        case .subscribe(let resuming):
            if let error {
                if resuming {
                    logger.info("pool \(peer) refused to resume session (\(error)); subscribing afresh")
                    return sendSubscribe(sessionID: nil)
                }
                return end("pool \(peer) refused mining.subscribe: \(error)", level: .error)
            }
            do {
                let sub = try SubscribeResult(result: result)
                extranonce = sub.extranonce
                sessionID = sub.sessionID
            } catch {
                return end("pool \(peer) sent a bad mining.subscribe result: \(error)", level: .error)
            }
            subscribed = true
            afterSubscribe()
            checkReady()
        case .authorize:
            guard case .no(let reason) = PoolVerdict(result: result, error: error) else {
                authorized = true
                return checkReady()
            }
            end("pool \(peer) rejected worker \(pool.user): \(reason)", level: .error)
        case .extranonceSubscribe:
            if let error { logger.debug("pool \(peer) has no mining.extranonce.subscribe: \(error)") }
        case .suggestDifficulty:
            if let error { logger.debug("pool \(peer) ignored mining.suggest_difficulty: \(error)") }
        case .submit(let share):
            pendingSubmits -= 1
            switch PoolVerdict(result: result, error: error) {
            case .yes: sink(self, .share(share, .accepted))
            case .no(let reason):
                logGate.log(logger, .warning, peer: peer, kind: "rejected share", "pool \(peer) rejected share for job \(share.jobID): \(reason)")
                sink(self, .share(share, .rejected(reason)))
            }
        }
    }

    // MARK: the pool's calls

    private func handleCall(id: StratumID?, method: String, params: [JSONValue], at receivedAt: ContinuousClock.Instant) {
        let call: PoolNotification
        do {
            call = try PoolNotification(method: method, params: params)
        } catch {
            logGate.log(logger, .error, peer: peer, kind: "bad message", "pool \(peer) sent a bad \(method): \(error)")
            if let id { reply(id, error: StratumRPCError(code: 20, message: "bad params: \(error)")) }
            return countBad()
        }
        badInARow = 0
        switch call {
        case .notify(let job):
            notifyTimer?.cancel()
            recentJobIDs.removeAll { $0 == job.jobID }
            if job.cleanJobs { recentJobIDs.removeAll() }
            recentJobIDs.append(job.jobID)
            if recentJobIDs.count > Self.jobMemory { recentJobIDs.removeFirst() }
            latestJob = (job, receivedAt)
            if isReady { emitWork(job, receivedAt: receivedAt) }
        case .setDifficulty(let d):
            difficulty = d
            if isReady { sink(self, .difficulty(d)) }
        case .setExtranonce(let settings):
            logger.info("pool \(peer) set extranonce1 \(settings.extranonce1.hex), size \(settings.extranonce2Size)")
            extranonce = settings
        case .setVersionMask(let mask):
            logger.info("pool \(peer) set version mask \(StratumHex.word(mask))")
            versionMask = options.versionRollingMask.map { $0 & mask } ?? 0
        case .reconnect(let host, let port, let wait):
            followReconnect(host: host, port: port, wait: wait)
        case .showMessage(let text):
            logGate.log(logger, .notice, peer: peer, kind: "says", "pool \(peer) says: \(text.prefix(500))")
            sink(self, .message(String(text.prefix(500))))
        case .getVersion:
            if let id { reply(id, result: .string(options.userAgent)) }
            return
        case .unknown(let method):
            logGate.log(logger, .warning, peer: peer, kind: "unknown method", "pool \(peer) called unknown method \(method.prefix(100))")
            if let id { reply(id, error: StratumRPCError(code: -32601, message: "method not found")) }
            return
        }
        if let id { reply(id, result: .bool(true)) }
    }

    private func countBad() {
        badInARow += 1
        if badInARow >= options.maxBadLinesInARow {
            end("pool \(peer) sent \(badInARow) bad messages in a row", level: .error)
        }
    }

    private func followReconnect(host: String?, port: Int?, wait: Int) {
        let target = host ?? pool.url.host
        guard target == pool.url.host || options.allowReconnectToOtherHost else {
            logger.warning("pool \(peer) asked to reconnect to other host \(target.prefix(100)); not allowed, ignored")
            return
        }
        let delay = min(Duration.seconds(wait), options.maxReconnectWait)
        let port = port ?? pool.url.port
        logGate.log(logger, .notice, peer: peer, kind: "reconnect", "pool \(peer) asked to reconnect to \(target):\(port) in \(delay)")
        guard !closed else { return }
        sink(self, .reconnect(host: target, port: port, wait: delay))
        end("pool \(peer) asked to reconnect", level: .info, report: false)
    }

    private func emitWork(_ job: MiningJob, receivedAt: ContinuousClock.Instant) {
        guard let extranonce else { return }
        sink(self, .work(StratumWork(job: job, extranonce: extranonce, difficulty: difficulty,
                                     versionMask: versionMask, pool: pool, receivedAt: receivedAt)))
    }

    // MARK: plumbing

    private func send(_ kind: PoolRequestKind, _ make: (Int64) -> StratumMessage) {
        guard let context, !closed else { return }
        let id = nextID
        nextID += 1
        let limit: Duration
        switch kind {
        case .submit: limit = options.submitTimeout
        default: limit = options.handshakeTimeout
        }
        let timeout = schedule(after: limit) { session in session.timedOut(id) }
        pending[id] = Pending(kind: kind, timeout: timeout)
        context.writeAndFlush(Self.wrapOutboundOut(make(id)), promise: nil)
    }

    private func timedOut(_ id: Int64) {
        guard let request = pending.removeValue(forKey: id) else { return }
        let what = "pool \(peer) did not answer \(request.kind.method) within \(Self.limit(request.kind, options))"
        switch request.kind {
        case .configure:
            // Some old pools drop unknown methods silently: mine without version rolling.
            logger.warning("\(what); no version rolling")
            configureSettled = true
            checkReady()
        case .extranonceSubscribe, .suggestDifficulty:
            logger.info("\(what); carrying on")
        case .submit(let share):
            pendingSubmits -= 1
            sink(self, .share(share, .unanswered(what)))
            end(what, level: .error)
        case .subscribe, .authorize:
            end(what, level: .error)
        }
    }

    private static func limit(_ kind: PoolRequestKind, _ options: StratumClientOptions) -> Duration {
        if case .submit = kind { options.submitTimeout } else { options.handshakeTimeout }
    }

    private func reply(_ id: StratumID, result: JSONValue = .null, error: StratumRPCError? = nil) {
        guard let context, !closed else { return }
        context.writeAndFlush(Self.wrapOutboundOut(.response(id: id, result: result, error: error)), promise: nil)
    }

    private func resetIdleTimer() {
        idleTimer?.cancel()
        idleTimer = schedule(after: options.idleTimeout) { session in
            session.end("no data from pool \(session.peer) for \(session.options.idleTimeout)", level: .error)
        }
    }

    private func schedule(after delay: Duration, _ body: @escaping (PoolSession) -> Void) -> Scheduled<Void> {
        // Timers hold the session weakly: a closed connection must not be kept alive by them.
        context!.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) { [weak self] in
            if let self, !self.closed { body(self) }
        }
    }

    private func end(_ reason: String, level: Logger.Level, report: Bool = true) {
        guard !closed else { return }
        closed = true
        isReady = false
        // A pool that flaps ends a session per connection: one line per cause per window.
        logGate.log(logger, level, peer: peer, kind: "ended: \(reason)", reason)
        idleTimer?.cancel()
        notifyTimer?.cancel()
        let requests = pending.values
        pending.removeAll()
        for request in requests {
            request.timeout.cancel()
            if case .submit(let share) = request.kind {
                sink(self, .share(share, .unanswered("connection to pool \(peer) ended: \(reason)")))
            }
        }
        pendingSubmits = 0
        if report { sink(self, .ended(reason: reason)) }
        context?.close(promise: nil)
    }
}

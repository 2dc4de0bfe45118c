import HearthStratum
import HearthSupport
import Logging
import NIOCore

/// The test pool's state, confined to its event loop: jobs, connections,
/// counters, fault knobs, and waiters for conditions on the counters.
final class TestPoolCore {
    var configuration: TestPoolConfiguration
    let loop: any EventLoop
    let logger: Logger
    var ignoresRequests = false
    /// The misbehaviour in force (nil: a healthy pool); see `setFault`.
    private(set) var fault: PoolFault?
    private var faultTimer: RepeatedTask?
    private(set) var counters = TestPoolCounters()

    private var connections: [Int: TestPoolConnection] = [:]
    private var nextConnectionID = 0
    /// Jobs still valid for shares, oldest first; a clean job drops all before it.
    private var jobs: [PoolJob] = []
    private static let jobMemory = 16
    private var sequence = 0
    private var height = 880_000
    private var previousHash = PoolJob.fakeHash("prevhash", 0)
    /// Shares seen per job id, for duplicate detection; dropped with the job.
    private var seen: [String: Set<[UInt8]>] = [:]
    /// Session id → extranonce1, so a resuming miner keeps its extranonce.
    private var sessions: [String: [UInt8]] = [:]
    private var waiters: [(id: Int, condition: (TestPoolCounters) -> Bool, promise: EventLoopPromise<Bool>)] = []
    private var nextWaiterID = 0
    private var jobTimer: RepeatedTask?

    init(configuration: TestPoolConfiguration, loop: any EventLoop, logger: Logger) {
        self.configuration = configuration
        self.loop = loop
        self.logger = logger
        makeJob(clean: true)
    }

    // MARK: lifecycle

    func makeConnection() -> TestPoolConnection {
        nextConnectionID += 1
        return TestPoolConnection(core: self, id: nextConnectionID, logger: logger)
    }

    func connectionOpened(_ connection: TestPoolConnection) {
        connections[connection.id] = connection
        update { $0.connections += 1; $0.openConnections += 1 }
    }

    func connectionClosed(_ connection: TestPoolConnection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        update { $0.openConnections -= 1 }
    }

    func startJobTimer() {
        guard let interval = configuration.jobInterval else { return }
        jobTimer = loop.scheduleRepeatedTask(initialDelay: TimeAmount(interval), delay: TimeAmount(interval)) {
            [box = NIOLoopBound(self, eventLoop: loop)] _ in box.value.newJob(clean: false)
        }
    }

    func shutdown() {
        jobTimer?.cancel()
        faultTimer?.cancel()
        for connection in connections.values { connection.close() }
        for waiter in waiters { waiter.promise.succeed(false) }
        waiters.removeAll()
    }

    var allConnections: [TestPoolConnection] { Array(connections.values) }

    // MARK: faults

    /// Switches the misbehaviour; the listener itself (for `.refuse`) is `TestPool`'s.
    func setFault(_ new: PoolFault?) {
        fault = new
        faultTimer?.cancel()
        faultTimer = nil
        let box = NIOLoopBound(self, eventLoop: loop)
        switch new {
        case .refuse:
            for connection in connections.values { closeForFault(connection) }
        case .closeEvery:
            // Connections already open get their period from now.
            for connection in connections.values { connection.armFaultClose() }
        case .garbage(let kind):
            let line = kind.line
            faultTimer = loop.scheduleRepeatedTask(initialDelay: .zero, delay: TimeAmount(PoolGarbage.interval)) { _ in
                for connection in box.value.connections.values { connection.sendRaw(line) }
            }
        case .silent, .closeAfter, .slow, nil: break
        }
    }

    func closeForFault(_ connection: TestPoolConnection) {
        update { $0.faultClosures += 1 }
        connection.close()
    }

    // MARK: jobs

    @discardableResult
    private func makeJob(clean: Bool) -> PoolJob {
        sequence += 1
        if clean && sequence > 1 {
            height += 1
            previousHash = PoolJob.fakeHash("prevhash", sequence)
        }
        let job = PoolJob(
            sequence: sequence, height: height, previousHash: previousHash,
            extranonceSize: 4 + configuration.extranonce2Size, branchLength: configuration.merkleBranchLength,
            witnessCommitment: configuration.witnessCommitment, ntime: 1_735_689_600 + UInt32(sequence), clean: clean)
        if clean {
            for old in jobs { seen[old.id] = nil }
            jobs.removeAll()
        }
        jobs.append(job)
        if jobs.count > Self.jobMemory { seen[jobs.removeFirst().id] = nil }
        return job
    }

    func newJob(clean: Bool) {
        let job = makeJob(clean: clean)
        for connection in connections.values where connection.subscribed { sendJob(job, to: connection, clean: clean) }
    }

    private func sendJob(_ job: PoolJob, to connection: TestPoolConnection, clean: Bool) {
        guard configuration.sendsJobs else { return }
        connection.jobDifficulty[job.id] = connection.difficulty
        let live = Set(jobs.map(\.id))
        connection.jobDifficulty = connection.jobDifficulty.filter { live.contains($0.key) }
        connection.send(.notification(method: "mining.notify", params: job.notifyParams(clean: clean)))
        update { $0.jobsSent += 1 }
    }

    func setDifficulty(_ difficulty: Double) {
        configuration.difficulty = difficulty
        for connection in connections.values where connection.subscribed {
            connection.difficulty = difficulty
            connection.send(.notification(method: "mining.set_difficulty", params: [.double(difficulty)]))
        }
    }

    /// New extranonce1 for every miner (`mining.set_extranonce`), then a clean job so older work is stale.
    func changeExtranonce() {
        for connection in connections.values where connection.subscribed {
            connection.extranonce1 = connection.extranonce1.map { $0 ^ 0x5A }
            connection.send(.notification(method: "mining.set_extranonce", params: [
                .string(connection.extranonce1.hex), .integer(Int64(configuration.extranonce2Size)),
            ]))
        }
        newJob(clean: true)
    }

    /// `mining.set_version_mask`: the pool narrows (or widens) what each miner may roll.
    func setVersionMask(_ mask: UInt32) {
        configuration.versionMask = mask
        for connection in connections.values where connection.subscribed {
            connection.versionMask = mask
            connection.send(.notification(method: "mining.set_version_mask", params: [.string(StratumHex.word(mask))]))
        }
    }

    // MARK: requests

    func handleRequest(from c: TestPoolConnection, id: StratumID, method: String, params: [JSONValue]) {
        switch method {
        case "mining.configure": configure(c, id, params)
        case "mining.subscribe": subscribe(c, id, params)
        case "mining.extranonce.subscribe": c.reply(id, .bool(true))
        case "mining.authorize":
            let worker = params.first?.stringValue ?? ""
            if configuration.authorizeAccepts && !worker.isEmpty {
                c.authorizedWorkers.insert(worker)
                update { $0.authorizations += 1 }
                c.reply(id, .bool(true))
                if configuration.reconnectStorm { c.send(.notification(method: "client.reconnect", params: [])) }
            } else {
                update { $0.rejectedAuthorizations += 1 }
                c.reply(id, error: 24, "unauthorized worker")
            }
        case "mining.suggest_difficulty":
            if let d = params.first?.doubleValue {
                update { $0.suggestedDifficulties = Array(($0.suggestedDifficulties + [d]).suffix(100)) }
            }
            c.reply(id, .bool(true))
        case "mining.submit": submit(c, id, params)
        default:
            logger.warning("test pool: miner \(c.peer) called unknown method \(method.prefix(80))")
            c.reply(id, error: -32601, "method not found")
        }
    }

    private func configure(_ c: TestPoolConnection, _ id: StratumID, _ params: [JSONValue]) {
        update { $0.configures += 1 }
        guard configuration.supportsConfigure else { return c.reply(id, error: -32601, "method not found") }
        let extensions = params.first?.arrayValue?.compactMap(\.stringValue) ?? []
        guard extensions.contains("version-rolling") else { return c.reply(id, .object([:])) }
        let options = params.count > 1 ? params[1].objectValue ?? [:] : [:]
        let requested = options["version-rolling.mask"]?.stringValue
            .flatMap { try? StratumHex.word($0, field: "mask") } ?? 0xFFFF_FFFF
        c.versionMask = requested & configuration.versionMask
        c.reply(id, .object(["version-rolling": .bool(true),
                             "version-rolling.mask": .string(StratumHex.word(c.versionMask))]))
    }

    private func subscribe(_ c: TestPoolConnection, _ id: StratumID, _ params: [JSONValue]) {
        if params.count > 1, let wanted = params[1].stringValue, let e1 = sessions[wanted] {
            c.extranonce1 = e1
            c.sessionID = wanted
            update { $0.resumedSessions += 1 }
        } else {
            let n = UInt32(truncatingIfNeeded: 0x1000_0000 &+ c.id &* 7919)
            c.extranonce1 = ShareCheck.le32(n).reversed()
            c.sessionID = c.extranonce1.hex
            if sessions.count > 4096 { sessions.removeAll() }
            sessions[c.sessionID!] = c.extranonce1
        }
        c.subscribed = true
        update { $0.subscriptions += 1 }
        c.reply(id, .array([
            .array([.array([.string("mining.set_difficulty"), .string(c.sessionID!)]),
                    .array([.string("mining.notify"), .string(c.sessionID!)])]),
            .string(c.extranonce1.hex), .integer(Int64(configuration.extranonce2Size)),
        ]))
        c.send(.notification(method: "mining.set_difficulty", params: [.double(c.difficulty)]))
        if let job = jobs.last { sendJob(job, to: c, clean: true) }
    }

    private func submit(_ c: TestPoolConnection, _ id: StratumID, _ params: [JSONValue]) {
        let submitted: SubmitParams
        do { submitted = try SubmitParams(params: params) } catch {
            return reject(c, id, 20, "bad params: \(error)", \.rejectedBadParams)
        }
        let share = submitted.share
        guard c.subscribed, c.authorizedWorkers.contains(submitted.worker) else {
            return reject(c, id, 24, "unauthorized worker", \.rejectedUnauthorized)
        }
        guard let job = jobs.last(where: { $0.id == share.jobID }), let jobDifficulty = c.jobDifficulty[job.id] else {
            return reject(c, id, 21, "stale", \.rejectedStale)
        }
        guard share.extranonce2.count == configuration.extranonce2Size else {
            return reject(c, id, 20, "bad params: extranonce2 must be \(configuration.extranonce2Size) bytes",
                          \.rejectedBadParams)
        }
        guard share.ntime >= job.ntime, share.ntime <= job.ntime + 7200 else {
            return reject(c, id, 20, "bad params: ntime out of range", \.rejectedBadParams)
        }
        if let bits = share.versionBits, bits & ~c.versionMask != 0 {
            return reject(c, id, 20, "bad params: version bits outside the negotiated mask", \.rejectedBadParams)
        }
        let key = c.extranonce1 + share.extranonce2 + ShareCheck.le32(share.ntime) + ShareCheck.le32(share.nonce)
            + ShareCheck.le32(share.versionBits ?? 0)
        guard seen[job.id, default: []].insert(key).inserted else {
            return reject(c, id, 22, "duplicate share", \.rejectedDuplicate)
        }
        let header = ShareCheck.header(job: job, extranonce1: c.extranonce1, share: share, versionMask: c.versionMask)
        let achieved = ShareCheck.difficulty(ofHeader: header)
        guard achieved >= jobDifficulty else {
            return reject(c, id, 23, "low difficulty share", \.rejectedInvalid)
        }
        let memory = configuration.acceptedShareMemory
        update {
            $0.accepted += 1
            $0.acceptedShares.append(AcceptedShare(jobID: job.id, nonce: share.nonce, versionBits: share.versionBits,
                                                   difficulty: achieved))
            if $0.acceptedShares.count > memory { $0.acceptedShares.removeFirst($0.acceptedShares.count - memory) }
        }
        c.reply(id, .bool(true))
    }

    private func reject(_ c: TestPoolConnection, _ id: StratumID, _ code: Int, _ reason: String,
                        _ counter: WritableKeyPath<TestPoolCounters, Int>)
    {
        logger.info("test pool: share from \(c.peer) rejected: \(reason)")
        update { $0[keyPath: counter] += 1 }
        c.reply(id, error: code, reason)
    }

    func clientReplied(withError: Bool) {
        if withError { update { $0.clientErrorReplies += 1 } }
    }

    // MARK: waiting for conditions

    private func update(_ change: (inout TestPoolCounters) -> Void) {
        change(&counters)
        guard !waiters.isEmpty else { return }
        let counters = self.counters
        let (met, rest) = (waiters.filter { $0.condition(counters) }, waiters.filter { !$0.condition(counters) })
        waiters = rest
        for waiter in met { waiter.promise.succeed(true) }
    }

    func wait(timeout: Duration, until condition: @escaping (TestPoolCounters) -> Bool) -> EventLoopFuture<Bool> {
        if condition(counters) { return loop.makeSucceededFuture(true) }
        let promise = loop.makePromise(of: Bool.self)
        nextWaiterID += 1
        let id = nextWaiterID
        waiters.append((id, condition, promise))
        loop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [weak self] in
            guard let self, let index = self.waiters.firstIndex(where: { $0.id == id }) else { return }
            self.waiters.remove(at: index).promise.succeed(false)
        }
        return promise.futureResult
    }
}

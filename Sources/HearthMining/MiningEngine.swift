import HearthHAL
import HearthStratum
import HearthSupport
import HearthWork
import Logging
import Synchronization

/// The engine between the pool and the hash board.
///
/// Work in: every `mining.notify` becomes a `WorkUnit` (fresh extranonce2) sent to
/// the board at once, so a `clean_jobs` switch costs one header build and one
/// call. Nonces out: each is checked against its work's share target with our
/// own SHA-256d; stale (older than the last clean job), duplicate, unknown and
/// wrong nonces are counted and dropped; the rest go to the pool. The
/// thermostat never waits on any of this: the board keeps hashing whatever it
/// has, and the control loop only sets its operating point.
public final class MiningEngine: StratumClientDelegate, Sendable {
    public typealias Submitter = @Sendable (ShareSubmission) -> Void

    private struct IssuedWork {
        var unit: WorkUnit
        var sequence: Int
        var versionRolling: Bool
    }

    private struct ShareKey: Hashable {
        var jobID: String
        var extranonce2: [UInt8]
        var ntime: UInt32
        var nonce: UInt32
        var version: UInt32
    }

    private struct State {
        var current: StratumWork?
        /// The last work while no pool gives any: the chips keep heating on it (docs/faults-pool.md).
        var orphan: StratumWork?
        var lastIssued: ContinuousClock.Instant?
        var difficulty: Double?
        var works: [UInt64: IssuedWork] = [:]
        var workOrder: [UInt64] = []
        var sequence = 0
        var lastCleanSequence = 0
        var nextWorkID: UInt64 = 1
        var extranonce2: Extranonce2Counter?
        var submitted: Set<ShareKey> = []
        var submittedOrder: [ShareKey] = []
        var pending: [ShareSubmission: Double] = [:]
        var stats = MiningStatistics()
        var jobSwitch = JobSwitchRecorder()
        var started: ContinuousClock.Instant?
        /// Local floor under the pool's difficulty (0: none), and when recent shares were found.
        var floor = 0.0
        var foundTimes: [ContinuousClock.Instant] = []
    }

    /// How many recent work units a late nonce may still refer to.
    public static let workMemory = 64
    static let submittedMemory = 4096

    private let board: any HashBoard
    private let submitter: Mutex<Submitter?>
    private let suggester = Mutex<(@Sendable (Double) -> Void)?>(nil)
    /// Shares the board may find per second at most: a pool difficulty that would give
    /// more is raised locally (and the pool told with `mining.suggest_difficulty`).
    public let maximumSharesPerSecond: Double
    private let state = Mutex(State())
    private let logger: Logger

    public init(board: any HashBoard, maximumSharesPerSecond: Double = 20, logger: Logger = Logger(label: "hearth.mining")) {
        self.board = board
        self.maximumSharesPerSecond = maximumSharesPerSecond
        self.logger = logger
        self.submitter = Mutex(nil)
        board.setNonceHandler { [weak self] result in self?.handle(result) }
    }

    /// Where shares go (the Stratum client's `submit`), set once the client exists.
    public func setSubmitter(_ s: Submitter?) { submitter.withLock { $0 = s } }

    /// Where a raised difficulty is suggested to the pool (the client's `suggestDifficulty`).
    public func setDifficultySuggester(_ s: (@Sendable (Double) -> Void)?) { suggester.withLock { $0 = s } }

    /// The local difficulty floor in force (0: none): raised when shares come faster
    /// than `maximumSharesPerSecond` at the pool's difficulty.
    public var difficultyFloor: Double { state.withLock { $0.floor } }

    /// The pool's difficulty, or the local floor when that is higher.
    private func effective(_ poolDifficulty: Double, in s: inout State) -> Double {
        max(poolDifficulty, s.floor)
    }

    /// Counts a share found; when they come faster than the limit over the last two
    /// seconds, raises the floor by the excess (with margin) and returns the job to
    /// re-issue at it. The pool is told with `mining.suggest_difficulty`.
    private func noteShareFound(in s: inout State, now: ContinuousClock.Instant) -> (WorkUnit?, Double)? {
        s.foundTimes.append(now)
        let window = Duration.seconds(2)
        while let first = s.foundTimes.first, now - first > window { s.foundTimes.removeFirst() }
        let rate = Double(s.foundTimes.count) / window.seconds
        guard rate > maximumSharesPerSecond * 1.5, let current = s.current else { return nil }
        let base = effective(s.difficulty ?? current.difficulty, in: &s)
        s.floor = base * (rate / maximumSharesPerSecond) * 2
        s.foundTimes.removeAll()
        s.stats.difficultyRaises += 1
        return (issue(current, difficulty: s.floor, in: &s), s.floor)
    }

    public var statistics: MiningStatistics { state.withLock { $0.stats } }

    /// p50/p99 of job switches seen so far (notify read → work handed to the board).
    public func jobSwitchPercentile(_ p: Double) -> Duration? { state.withLock { $0.jobSwitch.percentile(p) } }
    public var jobSwitchCount: Int { state.withLock { $0.jobSwitch.count } }

    /// Hashrate estimated from difficulty-weighted accepted shares (each is worth d·2³² hashes).
    public func estimatedHashrate(now: ContinuousClock.Instant = .now) -> Double {
        state.withLock { s in
            guard let start = s.started else { return 0 }
            let seconds = (now - start).seconds
            return seconds > 0 ? s.stats.acceptedDifficulty * 4_294_967_296 / seconds : 0
        }
    }

    // MARK: work in

    public func stratumClient(didReceive work: StratumWork) {
        let unit: WorkUnit? = state.withLock { s in
            if s.started == nil { s.started = .now }
            s.current = work
            s.orphan = nil
            s.stats.jobsReceived += 1
            s.sequence += 1
            if work.job.cleanJobs {
                s.lastCleanSequence = s.sequence
                s.stats.cleanJobSwitches += 1
            }
            return issue(work, difficulty: effective(s.difficulty ?? work.difficulty, in: &s), in: &s)
        }
        guard let unit else { return }
        dispatch(unit, receivedAt: work.receivedAt)
    }

    public func stratumClient(didChangeDifficulty difficulty: Double) {
        // Re-issue the current job at the new difficulty so shares follow it at once.
        let unit: WorkUnit? = state.withLock { s in
            s.difficulty = difficulty
            let d = effective(difficulty, in: &s)
            guard let current = s.current else { return nil }
            return issue(current, difficulty: d, in: &s)
        }
        if let unit { dispatch(unit, receivedAt: nil) }
    }

    public func stratumClient(didChange state: StratumConnectionState) {
        switch state {
        case .connecting(let p): logger.info("connecting to \(p.url)")
        case .mining(let p): logger.info("mining on \(p.url) as \(p.user)")
        case .disconnected(let p, let reason, let retry):
            logger.warning("pool \(p.url) lost: \(reason); retrying in \(Int(retry.rounded())) s")
            // New work from the next pool replaces this; old work can't be submitted anywhere,
            // but the chips keep hashing it: the room's heat does not depend on a pool.
            self.state.withLock { s in
                s.orphan = s.current ?? s.orphan
                s.current = nil
            }
        }
    }

    public func stratumClient(didFinish submission: ShareSubmission, outcome: ShareOutcome) {
        state.withLock { s in
            let difficulty = s.pending.removeValue(forKey: submission) ?? 0
            switch outcome {
            case .accepted:
                s.stats.sharesAccepted += 1
                s.stats.acceptedDifficulty += difficulty
            case .rejected(let reason):
                s.stats.sharesRejected[reason.isEmpty ? "rejected" : reason, default: 0] += 1
            case .unanswered:
                s.stats.sharesUnanswered += 1
            }
        }
        if case .rejected(let reason) = outcome {
            logger.warning("share rejected for job \(submission.jobID): \(reason)")
        }
    }

    /// While no pool gives work, hands the board the last job again with a fresh
    /// extranonce2 once the work it has is `interval` old, so chips that finish a work
    /// unit's nonce and version space keep heating. Their shares are counted, not sent.
    /// Returns whether work was re-issued. Called by the daemon about once a second.
    @discardableResult
    public func keepWarm(every interval: Duration, now: ContinuousClock.Instant = .now) -> Bool {
        let unit: WorkUnit? = state.withLock { s in
            guard s.current == nil, let orphan = s.orphan, let last = s.lastIssued, now - last >= interval else { return nil }
            s.stats.keepWarmReissues += 1
            return issue(orphan, difficulty: effective(s.difficulty ?? orphan.difficulty, in: &s), in: &s)
        }
        guard let unit else { return false }
        dispatch(unit, receivedAt: nil)
        return true
    }

    public func stratumClient(poolSays message: String) {
        logger.notice("pool says: \(message)")
    }

    /// Builds a work unit with a fresh extranonce2 and remembers it (bounded).
    private func issue(_ work: StratumWork, difficulty: Double, in s: inout State) -> WorkUnit? {
        let size = work.extranonce.extranonce2Size
        // One counter per extranonce2 size (a new pool or set_extranonce may change it);
        // values stay unique across jobs, as the pool only needs uniqueness per extranonce1.
        let en2: [UInt8]
        do {
            var counter = try s.extranonce2.flatMap { $0.size == size ? $0 : nil } ?? Extranonce2Counter(size: size)
            if let value = try? counter.next() {
                en2 = value
            } else {
                counter.reset()            // the space is used up: start over (old jobs are long gone)
                en2 = try counter.next()
            }
            s.extranonce2 = counter
        } catch {
            logger.error("pool \(work.pool.url) gave extranonce2 size \(size): \(error)")
            return nil
        }
        let id = s.nextWorkID
        s.nextWorkID += 1
        let unit: WorkUnit
        do {
            unit = try WorkBuilder.makeWork(id: id, job: work.job, extranonce: work.extranonce, extranonce2: en2,
                                            versionMask: work.versionMask, difficulty: difficulty)
        } catch {
            logger.error("job \(work.job.jobID) from \(work.pool.url) can't be turned into work: \(error)")
            return nil
        }
        s.works[id] = IssuedWork(unit: unit, sequence: s.sequence, versionRolling: work.versionMask != 0)
        s.lastIssued = .now
        s.workOrder.append(id)
        if s.workOrder.count > Self.workMemory {
            s.works[s.workOrder.removeFirst()] = nil
        }
        return unit
    }

    private func dispatch(_ unit: WorkUnit, receivedAt: ContinuousClock.Instant?) {
        do {
            try board.send(unit)
        } catch {
            logger.error("hash board refused work \(unit.id) for job \(unit.jobID): \(error)")
            return
        }
        if let receivedAt {
            let latency = ContinuousClock.now - receivedAt
            state.withLock { $0.jobSwitch.record(latency) }
        }
    }

    // MARK: nonces out

    private func handle(_ result: NonceResult) {
        // Look the work up and classify under the lock; hash outside it.
        enum Verdict { case unknown, stale, candidate(IssuedWork) }
        let verdict: Verdict = state.withLock { s in
            guard let issued = s.works[result.workID] else {
                s.stats.unknownWork += 1
                return .unknown
            }
            if issued.sequence < s.lastCleanSequence {
                s.stats.stale += 1
                return .stale
            }
            return .candidate(issued)
        }
        guard case .candidate(let issued) = verdict else { return }
        let unit = issued.unit
        // A chip may report any version; only bits inside the negotiated mask can differ.
        let version = issued.versionRolling
            ? (unit.baseVersion & ~unit.versionMask) | (result.version & unit.versionMask) : unit.baseVersion
        let hash: Hash256, target: Target256
        do {
            hash = try unit.hash(nonce: result.nonce, version: version)
            target = try unit.shareTarget()
        } catch {
            logger.error("nonce for work \(unit.id) can't be checked: \(error)")
            state.withLock { $0.stats.hardwareErrors += 1 }
            return
        }
        let meets = hash.meets(target)
        let achieved = hash.difficulty
        let key = ShareKey(jobID: unit.jobID, extranonce2: unit.extranonce2, ntime: unit.ntime,
                           nonce: result.nonce, version: version)
        let share = ShareSubmission(jobID: unit.jobID, extranonce2: unit.extranonce2, ntime: unit.ntime,
                                    nonce: result.nonce, versionBits: unit.submittedVersionBits(for: version))
        var raised: (WorkUnit?, Double)?
        let submit: Submitter? = state.withLock { s in
            guard meets else {
                s.stats.hardwareErrors += 1
                return nil
            }
            guard s.current != nil else {
                s.stats.foundWithoutPool += 1      // no pool to take it: the heat was the point
                return nil
            }
            raised = noteShareFound(in: &s, now: .now)
            guard s.submitted.insert(key).inserted else {
                s.stats.duplicates += 1
                return nil
            }
            s.submittedOrder.append(key)
            if s.submittedOrder.count > Self.submittedMemory { s.submitted.remove(s.submittedOrder.removeFirst()) }
            s.stats.bestShareDifficulty = max(s.stats.bestShareDifficulty, achieved)
            s.pending[share] = unit.shareDifficulty
            if s.pending.count > Self.submittedMemory { s.pending.removeAll() }   // a pool that never answers
            return submitter.withLock { $0 }
        }
        if let (unit, floor) = raised {
            logger.notice("shares come faster than \(maximumSharesPerSecond) a second at the pool's difficulty; working at \(floor) and suggesting it to the pool")
            suggester.withLock { $0 }?(floor)
            if let unit { dispatch(unit, receivedAt: nil) }
        }
        guard let submit else { return }
        submit(share)
    }
}



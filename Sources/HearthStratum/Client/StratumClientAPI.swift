import HearthWork

// The contract between the Stratum client and the mining engine. The client
// (swift-nio) owns connections, failover and the protocol; the engine only
// sees work, difficulty, share results and connection state.

/// One pool of the list: lower `priority` is preferred (0 = primary).
public struct PoolConfig: Sendable, Hashable {
    public var url: PoolURL
    public var user: String
    public var password: String
    public var priority: Int
    public init(url: PoolURL, user: String, password: String = "x", priority: Int = 0) {
        self.url = url
        self.user = user
        self.password = password
        self.priority = priority
    }
}

/// Everything the engine needs to make work, as of one `mining.notify`.
public struct StratumWork: Sendable {
    public var job: MiningJob
    public var extranonce: ExtranonceSettings
    public var difficulty: Double
    /// Negotiated version-rolling mask (BIP 310); 0 when the pool didn't agree to rolling.
    public var versionMask: UInt32
    public var pool: PoolConfig
    /// When the notify's bytes were read from the socket (for the job-switch budget).
    public var receivedAt: ContinuousClock.Instant

    public init(job: MiningJob, extranonce: ExtranonceSettings, difficulty: Double, versionMask: UInt32,
                pool: PoolConfig, receivedAt: ContinuousClock.Instant) {
        self.job = job
        self.extranonce = extranonce
        self.difficulty = difficulty
        self.versionMask = versionMask
        self.pool = pool
        self.receivedAt = receivedAt
    }
}

/// A share for `mining.submit`.
public struct ShareSubmission: Sendable, Hashable {
    public var jobID: String
    public var extranonce2: [UInt8]
    public var ntime: UInt32
    public var nonce: UInt32
    /// Rolled version bits (`version & mask`), sent as the 6th parameter when rolling was
    /// negotiated; the pool rebuilds `(job.version & ~mask) | (bits & mask)`.
    public var versionBits: UInt32?
    public init(jobID: String, extranonce2: [UInt8], ntime: UInt32, nonce: UInt32, versionBits: UInt32?) {
        self.jobID = jobID
        self.extranonce2 = extranonce2
        self.ntime = ntime
        self.nonce = nonce
        self.versionBits = versionBits
    }
}

public enum ShareOutcome: Sendable, Hashable {
    case accepted
    /// The pool's error or `false` result, with its reason text (e.g. "stale", "low difficulty share").
    case rejected(String)
    /// No answer within the request timeout, or the connection went away first.
    case unanswered(String)
}

public enum StratumConnectionState: Sendable, Hashable {
    case connecting(PoolConfig)
    /// Subscribed and authorized: work flows.
    case mining(PoolConfig)
    /// Lost or failed; the client retries after `retryIn` seconds (backoff with jitter).
    case disconnected(PoolConfig, reason: String, retryIn: Double)
}

/// Called on the client's event loop; implementations must be thread-safe and quick.
public protocol StratumClientDelegate: AnyObject, Sendable {
    func stratumClient(didReceive work: StratumWork)
    /// `mining.set_difficulty` between notifies (the next work uses it).
    func stratumClient(didChangeDifficulty difficulty: Double)
    func stratumClient(didChange state: StratumConnectionState)
    func stratumClient(didFinish submission: ShareSubmission, outcome: ShareOutcome)
    /// `client.show_message` and similar text meant for a person.
    func stratumClient(poolSays message: String)
}

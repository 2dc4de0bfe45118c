/// How the test pool behaves; all of it can be changed later through `TestPool`'s knobs.
public struct TestPoolConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free ephemeral port (see `TestPool.start()`).
    public var port = 0
    /// Share difficulty; fractional values (e.g. 0.0005) make shares cheap.
    public var difficulty = 1.0
    /// Push a new (not clean) job this often; nil: only on `newJob(clean:)`.
    public var jobInterval: Duration?
    public var extranonce2Size = 4
    /// Version bits the pool lets miners roll (BIP 310).
    public var versionMask: UInt32 = 0x1FFF_E000
    /// false: answer `mining.configure` with an error, like an old pool.
    public var supportsConfigure = true
    public var authorizeAccepts = true
    /// false: never send `mining.notify` (for the client's no-work timeout).
    public var sendsJobs = true
    /// Misbehave: answer every authorize with `client.reconnect` to itself, wait 0 (issue 16).
    public var reconnectStorm = false
    public var merkleBranchLength = 4
    public var witnessCommitment = true
    /// PEM certificate chain and private key: serve `stratum+ssl` instead of plain TCP.
    public var tlsCertificatePEM: String?
    public var tlsPrivateKeyPEM: String?
    /// Accepted shares remembered for `TestPoolCounters.acceptedShares` (the newest).
    public var acceptedShareMemory = 10_000

    public init() {}
}

/// One accepted share as the pool saw it.
public struct AcceptedShare: Sendable, Hashable {
    public var jobID: String
    public var nonce: UInt32
    public var versionBits: UInt32?
    /// The share's actual difficulty (≥ the one asked for).
    public var difficulty: Double
}

/// What the test pool has seen so far.
public struct TestPoolCounters: Sendable, Hashable {
    public var accepted = 0
    /// Hash above the share target.
    public var rejectedInvalid = 0
    /// Job unknown or older than the last clean job.
    public var rejectedStale = 0
    public var rejectedDuplicate = 0
    /// Malformed params, wrong extranonce2 size, version bits outside the mask, ntime out of range.
    public var rejectedBadParams = 0
    /// Not subscribed, or worker not authorized.
    public var rejectedUnauthorized = 0
    public var acceptedShares: [AcceptedShare] = []

    public var connections = 0
    public var openConnections = 0
    public var subscriptions = 0
    /// Subscribes that resumed an earlier session by its id.
    public var resumedSessions = 0
    public var authorizations = 0
    public var rejectedAuthorizations = 0
    public var configures = 0
    /// Error replies the clients sent to the pool's own requests (e.g. an unknown method).
    public var clientErrorReplies = 0
    public var jobsSent = 0
    /// Connections the pool closed because of a fault (`PoolFault.closeAfter`, `.closeEvery`, `.refuse`).
    public var faultClosures = 0
    public var suggestedDifficulties: [Double] = []

    public var rejected: Int {
        rejectedInvalid + rejectedStale + rejectedDuplicate + rejectedBadParams + rejectedUnauthorized
    }
}

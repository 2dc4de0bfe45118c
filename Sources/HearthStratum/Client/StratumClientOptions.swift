import NIOSSL

/// Knobs of the Stratum client. Defaults suit a real pool; tests shorten the timeouts.
public struct StratumClientOptions: Sendable {
    public var userAgent = "hearth/0.1"
    /// Version bits to ask for with `mining.configure` (BIP 310); nil skips `mining.configure`.
    public var versionRollingMask: UInt32? = 0xFFFF_FFFF
    public var versionRollingMinBitCount = 2
    /// Send `mining.extranonce.subscribe` so the pool may change extranonce1 live.
    public var extranonceSubscribe = true
    /// Sent as `mining.suggest_difficulty` after authorizing.
    public var suggestedDifficulty: Double?

    public var connectTimeout: Duration = .seconds(10)
    /// Per request of the handshake (configure, subscribe, authorize).
    public var handshakeTimeout: Duration = .seconds(10)
    /// Per `mining.submit`; an unanswered submit means the pool stopped answering: reconnect.
    public var submitTimeout: Duration = .seconds(30)
    /// After the handshake, the first `mining.notify` must come within this.
    public var notifyTimeout: Duration = .seconds(60)
    /// No bytes at all from the pool for this long: the connection is dead.
    public var idleTimeout: Duration = .seconds(300)

    /// No retry or reconnect sooner than this, whatever the pool asks (issue 16).
    public var retryFloor: Duration = .seconds(1)
    /// Delay after the first failure; doubles with each further one, up to the cap.
    public var initialRetryDelay: Duration = .seconds(1)
    public var maxRetryDelay: Duration = .seconds(60)
    /// Fraction of each delay that is random (0 = none, 0.5 = between half and the full delay).
    public var retryJitter = 0.5
    /// Seeds the jitter (tests); nil takes the system's random source.
    public var retryJitterSeed: UInt64?
    /// A pool that asks this many times in a row to reconnect within `healthyAfter` of
    /// connecting is failing: the client fails over as for a dropped connection.
    public var maxQuickReconnects = 3
    /// At most this many shares submitted per second; the excess is dropped and counted.
    public var maxSubmitsPerSecond = 20.0
    /// While mining on a backup, how often to try the better pool again.
    public var primaryProbeInterval: Duration = .seconds(60)

    /// Follow `client.reconnect` to a different host (same host is always followed).
    public var allowReconnectToOtherHost = false
    /// Longest `wait` of a `client.reconnect` that is honoured; longer waits are cut to this.
    public var maxReconnectWait: Duration = .seconds(300)
    /// Shares waiting for an answer at once; more are reported unanswered at once.
    public var maxPendingSubmits = 1024
    public var maxLineLength = StratumLineDecoder.defaultMaxLineLength
    /// A pool that sends this many lines in a row the client cannot understand is
    /// dropped (and failed over) rather than logged forever; one good line resets the count.
    public var maxBadLinesInARow = 50
    /// For `stratum+ssl` pools.
    public var tls: TLSConfiguration = .makeClientConfiguration()

    public init() {}
}

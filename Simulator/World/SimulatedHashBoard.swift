import HearthCore
import HearthHAL
import HearthWork
import Synchronization

/// The simulated hash board. Its control side remembers the operating point and
/// whether hashing is on (the physics reads both for power and heat). When given a
/// `CPUHasher`, it also mines for real: it hashes the work it is sent on CPU
/// threads at a rate that follows the simulated frequency, and reports the nonces
/// it finds, so a pool can verify real shares.
public final class SimulatedHashBoard: HashBoard {
    struct Chips: Sendable {
        var point: OperatingPoint
        var hashing = false
        var pointChanges = 0
        var starts = 0
        var work: WorkUnit?
        var generation: UInt64 = 0
    }

    let chips: Mutex<Chips>
    let handler = Mutex<(@Sendable (NonceResult) -> Void)?>(nil)
    private let hasher: CPUHasher?
    /// The top of the board's table: hashing speed scales with point.frequency / this.
    let maximumFrequency: Megahertz

    public init(initial: OperatingPoint, maximumFrequency: Megahertz? = nil, hasher: CPUHasher? = nil) {
        self.chips = Mutex(Chips(point: initial))
        self.hasher = hasher
        self.maximumFrequency = maximumFrequency ?? initial.frequency
        hasher?.attach(to: self)
    }

    deinit { hasher?.stop() }

    public var point: OperatingPoint { chips.withLock { $0.point } }
    public var hashing: Bool { chips.withLock { $0.hashing } }
    /// How often the control loop re-clocked and restarted the chips.
    public var pointChanges: Int { chips.withLock { $0.pointChanges } }
    public var starts: Int { chips.withLock { $0.starts } }

    public func setOperatingPoint(_ p: OperatingPoint) throws(BusError) {
        chips.withLock { c in
            if p != c.point { c.pointChanges += 1 }
            c.point = p
        }
    }

    public func setHashing(_ enabled: Bool) throws(BusError) {
        chips.withLock { c in
            if enabled && !c.hashing { c.starts += 1 }
            c.hashing = enabled
        }
    }

    public func send(_ work: WorkUnit) throws(BusError) {
        guard work.header.count == 80 else {
            throw BusError(.notSupported, bus: "simulated hash board", detail: "header of \(work.header.count) bytes, expected 80")
        }
        // Hashing threads notice the new generation at their next batch (1024 nonces).
        chips.withLock { c in
            c.work = work
            c.generation &+= 1
        }
    }

    public func setNonceHandler(_ h: (@Sendable (NonceResult) -> Void)?) {
        handler.withLock { $0 = h }
    }

    /// What a hashing thread needs for its next batch.
    struct Snapshot {
        var work: WorkUnit
        var generation: UInt64
        var speedFraction: Double
    }

    func snapshot() -> Snapshot? {
        chips.withLock { c in
            guard c.hashing, let w = c.work else { return nil }
            return Snapshot(work: w, generation: c.generation,
                            speedFraction: max(0, c.point.frequency / maximumFrequency))
        }
    }

    func currentGeneration() -> UInt64 { chips.withLock { $0.generation } }

    func report(_ r: NonceResult) {
        let h = handler.withLock { $0 }
        h?(r)
    }
}

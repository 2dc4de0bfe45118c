import Foundation
import HearthSupport
import HearthWork
import Synchronization

/// Real SHA-256d on the CPU for the simulated hash board.
///
/// A bounded number of threads hash the board's current work at a rate that
/// follows the simulated frequency (`maximumRate` at the board's top point),
/// so at a low pool difficulty the board finds real shares a pool can verify.
/// A fraction of found nonces can be corrupted to model chip hardware errors.
public final class CPUHasher: Sendable {
    public struct Configuration: Sendable {
        /// Hashing threads (bounded by the machine's cores).
        public var threads: Int
        /// Hashes per second for the whole board at its highest frequency.
        public var maximumRate: Double
        /// Share of reported nonces that are wrong, like a chip's hardware errors.
        public var hardwareErrorRate: Double
        public var seed: UInt64

        public init(threads: Int = 1, maximumRate: Double = 400_000, hardwareErrorRate: Double = 0, seed: UInt64 = 1) {
            self.threads = max(1, min(threads, ProcessInfo.processInfo.activeProcessorCount))
            self.maximumRate = max(1, maximumRate)
            self.hardwareErrorRate = min(max(hardwareErrorRate, 0), 1)
            self.seed = seed
        }
    }

    /// Nonces per batch: small enough that a job switch is picked up within a millisecond or so.
    static let batch: UInt64 = 1024

    public let configuration: Configuration
    private struct Shared {
        weak var board: SimulatedHashBoard?
        var running = false
        var hashes: UInt64 = 0
    }
    private let shared = Mutex(Shared())

    public init(_ configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// Hashes computed so far by all threads.
    public var hashesDone: UInt64 { shared.withLock { $0.hashes } }

    func attach(to board: SimulatedHashBoard) {
        let start: Bool = shared.withLock { s in
            s.board = board
            defer { s.running = true }
            return !s.running
        }
        guard start else { return }
        for i in 0..<configuration.threads {
            let thread = Thread { [self] in self.run(index: i) }
            thread.name = "hearth-cpu-hasher-\(i)"
            thread.start()
        }
    }

    public func stop() { shared.withLock { $0.running = false } }

    private var running: Bool { shared.withLock { $0.running } }
    private var board: SimulatedHashBoard? { shared.withLock { $0.board } }

    private func run(index: Int) {
        let threads = UInt64(configuration.threads)
        let perThreadRate = configuration.maximumRate / Double(threads)
        var rng = SeededRandom(seed: configuration.seed &+ UInt64(index))
        let scanner = NonceScanner()
        var generation: UInt64 = .max
        var next: UInt64 = 0            // position in the (version, nonce) space of this work
        let clock = ContinuousClock()
        var paceStart = clock.now
        var paced = 0.0                 // seconds of hashing the budget has allowed so far
        while running {
            guard let board, let snap = board.snapshot() else {
                Thread.sleep(forTimeInterval: 0.02)   // nothing to hash: stay cheap while idle
                paceStart = clock.now
                paced = 0
                continue
            }
            if snap.generation != generation {
                generation = snap.generation
                next = UInt64(index) * Self.batch
            }
            let space = Self.searchSpace(snap.work)
            guard next < space else {
                Thread.sleep(forTimeInterval: 0.005)   // work exhausted: wait for the next job
                continue
            }
            // Batches go round-robin over a few rolled versions, like a chip working on
            // several midstates at once (AsicBoost), then on to the next nonce range.
            let versions = Self.midstates(snap.work)
            let batchIndex = next / Self.batch
            let versionIndex = batchIndex % versions
            let firstNonce = UInt32(truncatingIfNeeded: (batchIndex / versions) * Self.batch)
            let count = UInt32(Self.batch)
            let version = Self.rolledVersion(snap.work, index: versionIndex)
            let found: [UInt32]
            do {
                found = try scanner.scan(work: snap.work, version: version,
                                         nonces: UInt64(firstNonce)..<UInt64(firstNonce) + UInt64(count),
                                         target: snap.work.shareTarget())
            } catch {
                // Work the scanner can't use (bad header or version): skip it until new work arrives.
                next = space
                continue
            }
            next += threads * Self.batch
            shared.withLock { $0.hashes += UInt64(count) }
            for nonce in found where board.currentGeneration() == generation {
                let wrong = configuration.hardwareErrorRate > 0 && rng.uniform() < configuration.hardwareErrorRate
                board.report(NonceResult(workID: snap.work.id, nonce: wrong ? nonce ^ 0x5A5A_5A5A : nonce, version: version))
            }
            // Pace to the simulated frequency: sleep off any lead over the budget (short
            // sleeps, so a new job or a new operating point is picked up quickly).
            let rate = perThreadRate * snap.speedFraction
            guard rate > 0 else { Thread.sleep(forTimeInterval: 0.005); continue }
            paced += Double(count) / rate
            let lead = paced - (clock.now - paceStart).seconds
            if lead > 0 { Thread.sleep(forTimeInterval: min(lead, 0.05)) }
            if lead < -1 { paceStart = clock.now; paced = 0 }   // fell behind (slow CPU): don't burst to catch up
        }
    }

    /// Versions hashed side by side: 4 when the mask allows rolling, else 1.
    static func midstates(_ work: WorkUnit) -> UInt64 { work.versionMask.nonzeroBitCount >= 2 ? 4 : 1 }

    /// Positions in the (version, nonce) space: every nonce for each midstate version.
    static func searchSpace(_ work: WorkUnit) -> UInt64 { midstates(work) << 32 }

    /// The index-th version within the mask (index 0: the job's own version).
    static func rolledVersion(_ work: WorkUnit, index: UInt64) -> UInt32 {
        VersionRolling.version(index, base: work.baseVersion, mask: work.versionMask)
    }
}

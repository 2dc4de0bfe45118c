import Foundation
import HearthCore
import HearthHAL
import HearthWork

extension VirtualBM13xxChain {
    /// Nonces per batch: a new job is picked up within about a millisecond.
    static let batch: UInt64 = 1024

    /// Starts the hashing thread (once).
    public func start() {
        guard running.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        let thread = Thread { [self] in self.hashLoop() }
        thread.name = "hearth-virtual-bm13xx"
        thread.start()
    }

    public func stop() { running.store(false, ordering: .relaxed) }

    private struct Snapshot {
        var work: WorkUnit
        var generation: UInt64
        var jobID: UInt8
        var frequency: Megahertz
        var ticketDifficulty: Double
    }

    private func hashLoop() {
        let scanner = NonceScanner()
        let clock = ContinuousClock()
        var generation: UInt64 = .max
        var next: UInt64 = 0
        var paceStart = clock.now
        var paced = 0.0
        while running.load(ordering: .relaxed) {
            let snap: Snapshot? = state.withLock { s in
                guard s.powered, s.hashesOnCPU, !s.misbehaviour.silent, let w = s.work else { return nil }
                return Snapshot(work: w, generation: s.generation, jobID: s.jobID, frequency: s.frequency,
                                ticketDifficulty: Double(s.ticketDifficulty) * configuration.difficultyScale)
            }
            guard let snap else {
                Thread.sleep(forTimeInterval: 0.01)   // idle: stay cheap
                paceStart = clock.now
                paced = 0
                continue
            }
            if snap.generation != generation {
                generation = snap.generation
                next = 0
            }
            // Versions side by side (4 when the mask allows), then the next nonce range.
            let versions: UInt64 = snap.work.versionMask.nonzeroBitCount >= 2 ? 4 : 1
            guard next < versions << 32 else { Thread.sleep(forTimeInterval: 0.005); continue }
            let batchIndex = next / Self.batch
            let version = VersionRolling.version(batchIndex % versions, base: snap.work.baseVersion, mask: snap.work.versionMask)
            let first = (batchIndex / versions) * Self.batch
            next += Self.batch
            let found: [UInt32]
            do {
                let target = try Target256(difficulty: snap.ticketDifficulty)
                found = try scanner.scan(work: snap.work, version: version, nonces: first..<(first + Self.batch), target: target)
            } catch {
                next = versions << 32   // unusable job: wait for the next
                continue
            }
            let replies: [[UInt8]] = state.withLock { s in
                s.hashes += Self.batch
                guard s.generation == generation else { return [] }
                return found.map { nonce in
                    let wrong = s.misbehaviour.wrongNonceRate > 0 && s.rng.uniform() < s.misbehaviour.wrongNonceRate
                    s.noncesSent += 1
                    let smallCore = UInt8(truncatingIfNeeded: s.rng.next())
                    return BM13xxReply.nonce(BM13xxNonceReply(
                        nonce: wrong ? nonce ^ 0x0000_5A5A : nonce, midstate: 0,
                        jobByte: configuration.model.replyByte(jobID: snap.jobID, smallCore: smallCore),
                        versionBits: UInt16(truncatingIfNeeded: version >> 13))).encoded()
                }
            }
            for r in replies { send(r) }
            // Pace to the PLL: hashes per second follow the clock the host programmed.
            let rate = configuration.hashesPerSecondAtDefault * (snap.frequency / configuration.model.defaultFrequency)
            guard rate > 0 else { Thread.sleep(forTimeInterval: 0.005); continue }
            paced += Double(Self.batch) / rate
            let lead = paced - (clock.now - paceStart).seconds
            if lead > 0 { Thread.sleep(forTimeInterval: min(lead, 0.05)) }
            if lead < -1 { paceStart = clock.now; paced = 0 }
        }
    }
}

/// The chain's reset line as a GPIO line (logical: active = reset asserted).
public final class VirtualBM13xxResetLine: GPIOLine, @unchecked Sendable {
    public let name: String
    private weak var chain: VirtualBM13xxChain?
    private var level = false

    public init(chain: VirtualBM13xxChain, name: String = "virtual-asic-reset") {
        self.chain = chain
        self.name = name
    }

    public func set(_ active: Bool) throws(BusError) {
        level = active
        chain?.setReset(active)
    }

    public func get() throws(BusError) -> Bool { level }
}

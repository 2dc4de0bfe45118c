import HearthCore
import HearthWork
import Synchronization

/// A chain of BM1366/BM1368/BM1370 hash chips on one UART, as a `HashBoard`.
///
/// Control calls (`setOperatingPoint`, `setHashing`, `send`) come from any thread and
/// only write frames. Everything the chips say is read by `receive(timeout:)`, which
/// the owner calls in a loop on one thread: it decodes replies, maps nonces back to
/// their work, checks each against the share target, and also steps frequency ramps
/// and the silence watch, so no control call ever waits on the chips.
public final class BM13xxDriver: HashBoard, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var model: BM13xxChipModel
        public var expectedChips: Int
        /// Ramp step and pace: the chip is re-clocked gradually, never jumped.
        public var rampStep = Megahertz(6.25)
        public var rampInterval = Seconds(0.1)
        /// How long enumeration waits for the next chip's reply.
        public var replyTimeout = Seconds(0.5)
        /// Silence while hashing before the driver asks the chips for a register.
        public var heartbeat = Seconds(1)
        /// Silence while hashing that counts as a dead chain (a fault).
        public var silenceLimit = Seconds(5)
        /// Switch the chain to 1 Mbaud after bring-up (when the port can follow).
        public var fastBaud = true
        /// The virtual chip reports tickets at a scaled difficulty; 1 for real chips.
        public var ticketDifficultyScale = 1.0
        /// Core voltage regulator, when the board has one the driver may set.
        public var setCoreVoltage: (@Sendable (Millivolts) throws(BusError) -> Void)?

        public init(model: BM13xxChipModel, expectedChips: Int) {
            self.model = model
            self.expectedChips = expectedChips
        }
    }

    struct State {
        var jobs = [IssuedJob?](repeating: nil, count: 128)
        var lastJobID: Int = 0
        var latestWork: WorkUnit?
        var hashing = false
        var broughtUp = false
        var chain: BM13xxChainInfo?
        var currentFrequency: Megahertz?
        var targetFrequency: Megahertz?
        var nextRampAt = Seconds(0)
        var pll: BM13xxPLL?
        var lastReplyAt = Seconds(0)
        var lastHeartbeatAt = Seconds(0)
        /// The last reply before a silence past the limit (nil: the chain answers).
    var silentSince: Seconds?
        var stats = BM13xxStatistics()
        var shareDifficulty: Double?
        var versionMask: UInt32?
        var lastJobWriteDuration: Duration?
    }

    /// Work on the chips under one job id, with its targets worked out once.
    struct IssuedJob {
        var work: WorkUnit
        var shareTarget: Target256
        var ticketTarget: Target256
    }

    public let configuration: Configuration
    let port: any SerialPort
    let reset: (any GPIOLine)?
    let sleep: @Sendable (Seconds) -> Void
    let now: @Sendable () -> Seconds
    let state = Mutex(State())
    let writeLock = Mutex(())
    let handler = Mutex<(@Sendable (NonceResult) -> Void)?>(nil)
    /// Owned by the receiving thread (and bring-up, before it starts).
    var decoder = BM13xxReplyDecoder()

    /// `sleep` waits for reset pulses; `now` is a monotonic clock for ramps and the
    /// silence watch (both injected: tests run on a fake clock and never sleep).
    public init(port: any SerialPort, reset: (any GPIOLine)?, configuration: Configuration,
                sleep: @escaping @Sendable (Seconds) -> Void, now: @escaping @Sendable () -> Seconds) {
        self.port = port
        self.reset = reset
        self.configuration = configuration
        self.sleep = sleep
        self.now = now
    }

    public var statistics: BM13xxStatistics {
        var s = state.withLock { $0.stats }
        s.crcErrors = decoder.crcErrors
        s.discardedBytes = decoder.discardedBytes
        return s
    }
    public var chain: BM13xxChainInfo? { state.withLock { $0.chain } }
    /// The frequency the PLL runs at now (mid-ramp: the last step written).
    public var currentFrequency: Megahertz? { state.withLock { $0.currentFrequency } }
    public var targetFrequency: Megahertz? { state.withLock { $0.targetFrequency } }
    public var pll: BM13xxPLL? { state.withLock { $0.pll } }
    public var isRamping: Bool { state.withLock { $0.currentFrequency != $0.targetFrequency } }
    /// Set while the chain is silent past the limit; the next control call throws it.
    public var fault: BM13xxError? {
        state.withLock { s in
            s.silentSince.map { .silent(port: port.name, seconds: (now() - $0).value) }
        }
    }
    /// How long the last job frame took to write (job switch → bytes on the UART).
    public var lastJobWriteDuration: Duration? { state.withLock { $0.lastJobWriteDuration } }

    func write(_ bytes: [UInt8]) throws(BusError) {
        let result: Result<Void, BusError> = writeLock.withLock { _ in
            do throws(BusError) { try port.write(bytes); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
        state.withLock { $0.stats.bytesWritten += bytes.count }
    }

    // MARK: HashBoardControl

    public func setOperatingPoint(_ point: OperatingPoint) throws(BusError) {
        if let f = fault { throw f.busError }
        try configuration.setCoreVoltage?(point.voltage)
        do { try setFrequency(point.frequency) } catch { throw error.busError }
    }

    public func setHashing(_ enabled: Bool) throws(BusError) {
        if enabled {
            if let f = fault { throw f.busError }
            let needsBringUp = state.withLock { !$0.broughtUp }
            if needsBringUp {
                do { _ = try bringUp() } catch { throw error.busError }
            }
            let work: WorkUnit? = state.withLock { s in
                s.hashing = true
                s.lastReplyAt = now()
                return s.latestWork
            }
            if let work { try send(work) }
        } else {
            // The enable line takes the chips' power next: they forget their setup.
            state.withLock { s in
                s.hashing = false
                s.broughtUp = false
                s.silentSince = nil
                s.currentFrequency = nil
            }
        }
    }

    // MARK: HashBoard

    public func setNonceHandler(_ h: (@Sendable (NonceResult) -> Void)?) {
        handler.withLock { $0 = h }
    }

    public func send(_ work: WorkUnit) throws(BusError) {
        guard work.header.count == BlockHeader.size else {
            throw BusError(.notSupported, bus: port.name, detail: "header of \(work.header.count) bytes, expected 80")
        }
        let started = ContinuousClock.now
        // Targets once per job, not per nonce.
        let ticket = Double(BM13xxRegister.ticketDifficulty(forShareDifficulty: work.shareDifficulty))
        let issued: IssuedJob
        do {
            issued = IssuedJob(work: work, shareTarget: try work.shareTarget(),
                               ticketTarget: try Target256(difficulty: ticket * configuration.ticketDifficultyScale))
        } catch {
            throw BusError(.notSupported, bus: port.name, detail: "work \(work.jobID): \(error)")
        }
        enum Next { case idle, job(UInt8, UInt32?, UInt32?) }
        let next: Next = state.withLock { s in
            s.latestWork = work
            guard s.hashing, s.broughtUp else { return .idle }
            s.lastJobID = (s.lastJobID + configuration.model.jobIDStep) % 128
            s.jobs[s.lastJobID] = issued
            s.stats.jobsSent += 1
            // Registers only when they change: a job switch is one frame.
            let ticket = BM13xxRegister.ticketDifficulty(forShareDifficulty: work.shareDifficulty)
            let newTicket: UInt32? = s.shareDifficulty == work.shareDifficulty ? nil : ticket
            s.shareDifficulty = work.shareDifficulty
            let newMask: UInt32? = s.versionMask == work.versionMask ? nil : work.versionMask
            s.versionMask = work.versionMask
            return .job(UInt8(s.lastJobID), newTicket, newMask)
        }
        guard case let .job(id, ticket, mask) = next else { return }
        var bytes: [UInt8] = []
        if let ticket {
            bytes += BM13xxFrame.writeRegister(BM13xxRegister.ticketMask,
                                               value: BM13xxRegister.ticketMaskValue(difficulty: ticket), all: true)
        }
        if let mask {
            bytes += BM13xxFrame.writeRegister(BM13xxRegister.versionMask,
                                               value: BM13xxRegister.versionMaskValue(mask), all: true)
        }
        bytes += BM13xxFrame.job(BM13xxJob.encode(jobID: id, header: work.header))
        try write(bytes)
        let took = ContinuousClock.now - started
        state.withLock { $0.lastJobWriteDuration = took }
    }
}

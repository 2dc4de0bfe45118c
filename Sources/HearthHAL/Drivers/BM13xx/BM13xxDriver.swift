import HearthCore
import HearthWork
import Synchronization

/// A chain of BM1366/BM1368/BM1370 hash chips on one UART, as a `HashBoard`.
///
/// Control calls (`setOperatingPoint`, `setHashing`, `send`) come from any thread and
/// only write frames. Everything the chips say is read by `receive(timeout:)`, which
/// the owner calls in a loop: it decodes replies, maps nonces back to their work,
/// checks each against the share target, and also steps frequency ramps and the
/// silence watch, so no control call ever waits on the chips. Reading (`receive`,
/// bring-up, register reads) holds one lock, so a receiving thread and the control
/// loop's bring-up never take each other's replies, and two owners may both call
/// `receive` (the simulator steps it in control time while a thread reads nonces).
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
        /// Give the chips `heatWork` when hashing starts before any real work arrived: a
        /// heater must heat without a pool, and chips without a job do no work.
        public var heatWithoutWork = true

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
        /// The last point commanded (nil before the first).
        var operatingPoint: OperatingPoint?
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
    /// Divider searches by target frequency: ramps and time-shared points revisit the same few.
    let pllCache = Mutex<[Double: (pll: BM13xxPLL, error: Megahertz)]>([:])
    static let pllCacheLimit = 1024
    /// Held while reading and decoding: `decoder` is only touched under it.
    let readLock = Mutex(())
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

    /// Counters (the decoder's are copied in after every read, so this never waits on a reader).
    public var statistics: BM13xxStatistics { state.withLock { $0.stats } }
    public var chain: BM13xxChainInfo? { state.withLock { $0.chain } }
    /// The frequency the PLL runs at now (mid-ramp: the last step written).
    public var currentFrequency: Megahertz? { state.withLock { $0.currentFrequency } }
    public var targetFrequency: Megahertz? { state.withLock { $0.targetFrequency } }
    public var pll: BM13xxPLL? { state.withLock { $0.pll } }
    /// A ramp under way: the chips are up and not yet at the target.
    public var isRamping: Bool { state.withLock { $0.currentFrequency != nil && $0.currentFrequency != $0.targetFrequency } }
    /// Hashing as commanded (`setHashing`), whatever the chips do.
    public var isHashing: Bool { state.withLock { $0.hashing } }
    /// True while the chips have only `heatWork` (no pool gave work yet).
    public var isOnHeatWork: Bool { state.withLock { $0.latestWork.map(Self.isHeatWork) ?? false } }
    static func isHeatWork(_ w: WorkUnit) -> Bool { w.id == heatWork.id && w.jobID == heatWork.jobID }
    /// The operating point last commanded (nil before the first).
    public var operatingPoint: OperatingPoint? { state.withLock { $0.operatingPoint } }
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
        state.withLock { s in
            if let old = s.operatingPoint, old.frequency != point.frequency || old.voltage != point.voltage {
                s.stats.pointChanges += 1
            }
            s.operatingPoint = point
        }
    }

    /// Throws the silence fault while the chain should be hashing: the assembly asks every
    /// tick, so a dead chain trips even when no command changes.
    public func checkHealth() throws(BusError) {
        if let f = fault { throw f.busError }
    }

    public func setHashing(_ enabled: Bool) throws(BusError) {
        if enabled {
            if let f = fault { throw f.busError }
            let needsBringUp = state.withLock { !$0.broughtUp }
            if needsBringUp {
                do { _ = try bringUp() } catch { throw error.busError }
            }
            let heat = configuration.heatWithoutWork ? Self.heatWork : nil
            let work: WorkUnit? = state.withLock { s in
                s.hashing = true
                s.lastReplyAt = now()
                return s.latestWork ?? heat
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

    /// What the chips hash when no pool gave work (`Configuration.heatWithoutWork`): a fixed
    /// header with a share target no hash meets, so nothing is ever reported, only tickets
    /// checked and dropped. The first real work replaces it.
    public static let heatWork: WorkUnit = {
        var header = [UInt8](repeating: 0, count: BlockHeader.size)
        header[3] = 0x20                                        // version 0x20000000
        header[72] = 0xFF; header[73] = 0xFF; header[74] = 0x00; header[75] = 0x1D   // nbits 0x1d00ffff
        return WorkUnit(id: .max, jobID: "heat", extranonce2: [], header: header, versionMask: 0x1FFF_E000,
                        shareDifficulty: 1e30, ntime: 0)
    }()

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

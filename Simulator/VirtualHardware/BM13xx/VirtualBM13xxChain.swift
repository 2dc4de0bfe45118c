import Foundation
import HearthCore
import HearthHAL
import HearthWork
import Synchronization

/// A chain of virtual BM1366/68/70 chips at byte level: it parses the host's frames,
/// answers enumeration and register reads, keeps each chip's registers (PLL, ticket
/// and version masks, UART speed), and hashes the latest job for real (SHA-256d on
/// the CPU) at a rate that follows its PLL, scaled down to what a CPU can do. Nonces
/// go back in the chip's 11-byte reply format. It can misbehave on request.
public final class VirtualBM13xxChain: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var model: BM13xxChipModel
        public var chips: Int
        /// CPU hashes per second for the whole chain at the model's default frequency.
        public var hashesPerSecondAtDefault: Double
        /// Tickets come at the ticket-mask difficulty times this (a CPU can't reach difficulty 256).
        public var difficultyScale: Double
        public var seed: UInt64

        public init(model: BM13xxChipModel = .bm1366, chips: Int = 1, hashesPerSecondAtDefault: Double = 200_000,
                    difficultyScale: Double = 1e-6, seed: UInt64 = 1) {
            self.model = model
            self.chips = max(1, chips)
            self.hashesPerSecondAtDefault = max(1, hashesPerSecondAtDefault)
            self.difficultyScale = difficultyScale
            self.seed = seed
        }
    }

    struct Chip {
        var address: UInt8 = 0
        var addressed = false
        var registers: [UInt8: UInt32] = [:]
    }

    struct State {
        var chips: [Chip]
        var parser = VirtualBM13xxFrameParser()
        var baud = BM13xxRegister.defaultBaud
        var frequency = BM13xxDriver.powerOnFrequency
        var versionMask: UInt32 = 0
        var ticketDifficulty: UInt32 = 1
        var work: WorkUnit?
        var jobID: UInt8 = 0
        var generation: UInt64 = 0
        var misbehaviour = VirtualBM13xxMisbehaviour()
        var rng: SeededRandom
        var framesReceived = 0
        var jobsReceived = 0
        var noncesSent = 0
        var hashes: UInt64 = 0
        /// The core supply (the board's enable line) and the reset line: powered needs both.
        var supplied = true
        var resetAsserted = false
        var powered: Bool { supplied && !resetAsserted }
        var coreVoltage: Millivolts
        var hashesOnCPU = true
    }

    public let configuration: Configuration
    let state: Mutex<State>
    private let output: @Sendable ([UInt8]) -> Void
    let running = Atomic<Bool>(false)

    /// `output` takes the bytes the chips send to the host.
    public init(_ configuration: Configuration, output: @escaping @Sendable ([UInt8]) -> Void) {
        self.configuration = configuration
        self.output = output
        self.state = Mutex(State(chips: Array(repeating: Chip(), count: configuration.chips),
                                 rng: SeededRandom(seed: configuration.seed), coreVoltage: configuration.model.defaultVoltage))
    }

    /// A chain wired to a new virtual serial port; the port is the driver's side.
    /// `waitsForBytes`: see `VirtualSerialPort` (false in simulations that outrun the wall clock).
    public static func attached(_ configuration: Configuration, portName: String = "virtual-uart", waitsForBytes: Bool = true)
        -> (chain: VirtualBM13xxChain, port: VirtualSerialPort) {
        let port = VirtualSerialPort(name: portName, waitsForBytes: waitsForBytes)
        let chain = VirtualBM13xxChain(configuration) { [weak port] bytes in port?.deliver(bytes) }
        port.connect { [weak chain] bytes, baud in chain?.receive(bytes, baud: baud) }
        return (chain, port)
    }

    // MARK: what the physics and tests see

    /// The hash clock its PLL runs at (power and hashrate follow it).
    public var frequency: Megahertz { state.withLock { $0.frequency } }
    public var baud: Int { state.withLock { $0.baud } }
    public var misbehaviour: VirtualBM13xxMisbehaviour {
        get { state.withLock { $0.misbehaviour } }
        set { state.withLock { $0.misbehaviour = newValue } }
    }
    public var badFrames: Int { state.withLock { $0.parser.badFrames } }
    public var jobsReceived: Int { state.withLock { $0.jobsReceived } }
    public var noncesSent: Int { state.withLock { $0.noncesSent } }
    public var hashesDone: UInt64 { state.withLock { $0.hashes } }
    public var addresses: [UInt8] { state.withLock { $0.chips.map(\.address) } }
    public var ticketDifficulty: UInt32 { state.withLock { $0.ticketDifficulty } }
    /// True while it has work and a clock: what the physics counts as hashing.
    public var isHashing: Bool { state.withLock { Self.hashing($0) } }
    public var isPowered: Bool { state.withLock { $0.powered } }
    /// False: the hashing thread idles even with a job (the job's results would be thrown
    /// away, e.g. a heater's own heat job: the physics still counts the chips as working).
    public var hashesOnCPU: Bool {
        get { state.withLock { $0.hashesOnCPU } }
        set { state.withLock { $0.hashesOnCPU = newValue } }
    }
    /// The core voltage the chips sit on (the board's regulator sets it; fixed on a PiAxe).
    public var coreVoltage: Millivolts {
        get { state.withLock { $0.coreVoltage } }
        set { state.withLock { $0.coreVoltage = newValue } }
    }
    /// What the chips run at now, read in one go for the physics: nil while they do no
    /// work (no supply, held in reset, no job, or dead). Mid-ramp this is the PLL step last written.
    public var runningAt: (frequency: Megahertz, voltage: Millivolts)? {
        state.withLock { s in Self.hashing(s) ? (s.frequency, s.coreVoltage) : nil }
    }

    private static func hashing(_ s: State) -> Bool { s.powered && s.work != nil && !s.misbehaviour.silent }

    /// The core supply (the board's enable line): cut, the chips forget everything, as in reset.
    public func setSupply(_ on: Bool) {
        state.withLock { s in
            s.supplied = on
            if !on { forget(&s) }
        }
    }

    /// The reset line: asserted, the chips forget everything (addresses, PLL, speed, job).
    public func setReset(_ asserted: Bool) {
        state.withLock { s in
            s.resetAsserted = asserted
            if asserted { forget(&s) }
        }
    }

    private func forget(_ s: inout State) {
        s.chips = Array(repeating: Chip(), count: configuration.chips)
        s.parser.clear()
        s.baud = BM13xxRegister.defaultBaud
        s.frequency = BM13xxDriver.powerOnFrequency
        s.versionMask = 0
        s.ticketDifficulty = 1
        s.work = nil
        s.generation &+= 1
    }

    // MARK: host → chips

    public func receive(_ bytes: [UInt8], baud: Int) {
        var replies: [[UInt8]] = []
        state.withLock { s in
            // Bytes at another speed arrive as noise: the chips hear nothing they can frame.
            guard s.powered, !s.misbehaviour.silent, baud == s.baud else { return }
            for frame in s.parser.feed(bytes) {
                s.framesReceived += 1
                switch frame {
                case .job(let data): accept(job: data, in: &s)
                case let .command(header, data): replies += execute(header: header, data: data, in: &s)
                }
            }
        }
        for r in replies { send(r) }
    }

    private func accept(job data: [UInt8], in s: inout State) {
        guard let (id, header) = BM13xxJob.header(fromJob: data[...]) else { return }
        s.jobsReceived += 1
        s.jobID = id
        s.work = WorkUnit(id: UInt64(id), jobID: "chip-\(id)", extranonce2: [], header: header,
                          versionMask: s.versionMask, shareDifficulty: 1, ntime: 0)
        s.generation &+= 1
    }

    private func execute(header: UInt8, data: [UInt8], in s: inout State) -> [[UInt8]] {
        guard data.count >= 2 else { return [] }
        let all = header & BM13xxFrame.allChips != 0
        let targets = s.chips.indices.filter { all || s.chips[$0].address == data[0] }
        switch BM13xxFrame.Command(rawValue: header & 0x0F) {
        case .chainInactive?:
            for i in s.chips.indices { s.chips[i].addressed = false }
        case .setAddress?:
            // Chips take addresses in chain order, each once after chain-inactive.
            if let i = s.chips.indices.first(where: { !s.chips[$0].addressed }) {
                s.chips[i].address = data[0]
                s.chips[i].addressed = true
            }
        case .write?:
            guard data.count == 6 else { return [] }
            let reg = data[1]
            let value = UInt32(data[2]) << 24 | UInt32(data[3]) << 16 | UInt32(data[4]) << 8 | UInt32(data[5])
            for i in targets { s.chips[i].registers[reg] = value }
            apply(register: reg, value: value, in: &s)
        case .read?:
            return targets.map { i in
                let chip = s.chips[i]
                let value = data[1] == BM13xxRegister.chipID
                    ? UInt32(configuration.model.chipID) << 16 | UInt32(min(configuration.model.cores, 255)) << 8 | UInt32(chip.address)
                    : chip.registers[data[1]] ?? 0
                return BM13xxReply.register(value: value, chipAddress: chip.address, register: data[1]).encoded()
            }
        case nil:
            break
        }
        return []
    }

    private func apply(register reg: UInt8, value: UInt32, in s: inout State) {
        switch reg {
        case BM13xxPLL.register:
            if let pll = BM13xxPLL(registerValue: value) { s.frequency = pll.frequency }
        case BM13xxRegister.fastUART where value == BM13xxRegister.fastUARTValue:
            s.baud = BM13xxRegister.fastBaud
        case BM13xxRegister.versionMask:
            s.versionMask = BM13xxRegister.versionMask(registerValue: value)
            s.work?.versionMask = s.versionMask
        case BM13xxRegister.ticketMask:
            s.ticketDifficulty = BM13xxRegister.ticketDifficulty(maskValue: value)
        default:
            break
        }
    }

    // MARK: chips → host

    /// Sends one reply, damaged as the misbehaviour says.
    func send(_ reply: [UInt8]) {
        var bytes = reply
        let drop: Bool = state.withLock { s in
            if s.misbehaviour.silent { return true }
            if s.misbehaviour.bitErrorRate > 0, s.rng.uniform() < s.misbehaviour.bitErrorRate {
                let bit = Int(s.rng.next() % UInt64(8 * (bytes.count - 2)))
                bytes[2 + bit / 8] ^= UInt8(1 << (bit % 8))
            }
            if s.misbehaviour.shortFrameRate > 0, s.rng.uniform() < s.misbehaviour.shortFrameRate {
                bytes.removeLast(1 + Int(s.rng.next() % 6))
            }
            return false
        }
        if !drop { output(bytes) }
    }
}

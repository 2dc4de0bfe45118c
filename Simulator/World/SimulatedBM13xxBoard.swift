import HearthCore
import HearthHAL

/// The hash side of a simulated board with `[asic]`: the byte-level virtual chain
/// behind a virtual UART, the production `BM13xxDriver` on it (reset line = the
/// chain's reset), and the clock the driver reads, which is the simulation's control
/// time. The simulation runs the driver's receive loop itself, slice by slice of
/// control time, so ramps, reply timeouts and the silence watch keep the chip's
/// timing however fast the simulation runs and never wait in wall time. When mining,
/// the chain also hashes on a CPU thread and a receiving thread hands nonces to the
/// engine as they come (the port waits for it; the driver's read lock keeps the two
/// readers apart).
final class SimulatedBM13xxBoard {
    let chain: VirtualBM13xxChain
    let port: VirtualSerialPort
    let driver: BM13xxDriver
    /// The driver's monotonic clock: seconds of control time since the heater was built.
    let clock: ManualClock
    private let receiver: BM13xxReceiveThread?

    /// A CPU hashes about 10⁶ times slower than the chips: the chain reports tickets at the
    /// ticket mask's difficulty times this, and the driver checks them at the same scale.
    static let difficultyScale = 1e-6
    /// CPU hashes per second at the board's top point when mining without a stated budget.
    static let defaultCPURate = 400_000.0
    /// Bound on receive turns in one physics step (a 1 s tick ramps in 10).
    static let maximumSlices = 10_000

    /// - Parameter mining: the CPU budget when the simulation mines for real (nil: it does
    ///   not; the chain then hashes nothing on the CPU and only the physics sees it work).
    init(board: BoardDefinition, asic: ASICSpec, mining: CPUHasher.Configuration?, seed: UInt64) {
        let top = board.profile.operatingPoints.map(\.frequency).max() ?? asic.model.defaultFrequency
        let rate = (mining?.maximumRate ?? Self.defaultCPURate) * (asic.model.defaultFrequency / top)
        let (chain, port) = VirtualBM13xxChain.attached(
            .init(model: asic.model, chips: asic.count, hashesPerSecondAtDefault: rate,
                  difficultyScale: Self.difficultyScale, seed: seed),
            portName: "sim:\(asic.port)", waitsForBytes: false)
        var config = BM13xxDriver.Configuration(model: asic.model, expectedChips: asic.count)
        config.fastBaud = asic.fastBaud
        config.ticketDifficultyScale = Self.difficultyScale
        // The core voltage: fixed where the board file says so, else a regulator that
        // follows the point within the file's limits (or unbounded when it says nothing).
        if let spec = board.coreVoltage {
            chain.coreVoltage = spec.nominal
            if spec.isSettable {
                config.setCoreVoltage = { [weak chain] v in chain?.coreVoltage = spec.clamp(v) }
            }
        } else {
            chain.coreVoltage = board.profile.minimumPoint.voltage
            config.setCoreVoltage = { [weak chain] v in chain?.coreVoltage = v }
        }
        let clock = ManualClock()
        self.clock = clock
        driver = BM13xxDriver(port: port, reset: VirtualBM13xxResetLine(chain: chain), configuration: config,
                              // Reset pulses (2 × 100 ms) pass inside the tick that starts the chips.
                              sleep: { _ in }, now: { clock.now })
        self.chain = chain
        self.port = port
        if mining != nil {
            chain.start()
            let receiver = BM13xxReceiveThread(driver: driver, waitingOn: port)
            receiver.start()
            self.receiver = receiver
        } else {
            receiver = nil
        }
    }

    deinit { stop() }

    func stop() {
        receiver?.stop()
        chain.stop()
    }

    /// What the chips run at now, as a point for the physics (nil: no work done).
    var runningPoint: OperatingPoint? {
        chain.runningAt.map { OperatingPoint(name: "pll", frequency: $0.frequency, voltage: $0.voltage,
                                           power: .zero, hashrate: .zero) }
    }

    /// Runs the driver over `dt` of control time and calls `slice` for each piece with the
    /// point the chips ran at: while a ramp is under way one piece per ramp interval (each
    /// PLL step lands at its own time), otherwise one piece.
    func advance(by dt: Seconds, _ slice: (Seconds, OperatingPoint?) -> Void) {
        // The heat job's results are thrown away: no CPU spent on it until a pool's work arrives.
        if receiver != nil { chain.hashesOnCPU = !driver.isOnHeatWork }
        let start = clock.now.value
        let end = start + dt.value
        var t = start
        for _ in 0..<Self.maximumSlices {
            driver.receive(timeout: .zero)
            let remaining = end - t
            let piece = driver.isRamping ? min(driver.configuration.rampInterval.value, remaining) : remaining
            slice(Seconds(piece), runningPoint)
            t += piece
            clock.set(Seconds(t))
            if end - t <= 1e-9 { break }
        }
        clock.set(Seconds(end))
    }
}

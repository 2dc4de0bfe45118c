import Foundation
import HearthCore
import HearthHAL
import HearthSimulator

/// The board's BM13xx chain as `hearth run` drives it: the production driver on the `[asic]`
/// port, the `asic_reset` line, the core-voltage regulator, and the thread that reads what the
/// chips say (nonces, register replies) and steps frequency ramps.
///
/// Starting checks the chain once: the chips are powered through `power` (the board's
/// `asic_enable`) and, on a TPS546 board, the regulator's output (`ChainPower`), reset,
/// enumerated, and powered off again, so a missing or silent chain is one error at start
/// (naming the port and the board file) and not a trip minutes later. The chain is then
/// brought up again each time the control loop starts hashing, through `control`.
final class BoardHashChips: @unchecked Sendable {
    let driver: BM13xxDriver
    let chain: BM13xxChainInfo
    /// The assembly's hash board: the driver, with the regulator's output switched around it
    /// when that output is the chips' supply (`RegulatorSwitchedHashBoard`).
    let control: any HashBoardControl
    private let switchedRegulator: CoreVoltageSetter?
    private let receiver: BM13xxReceiveThread
    private let closePort: () -> Void
    private let stopped = NSLock()
    private var isStopped = false

    /// `replyTimeout`: how long enumeration waits for the next chip (the driver's default on hardware).
    init(asic: ASICSpec, boardFile: String, port: any SerialPort, reset: (any GPIOLine)?, power: (any GPIOLine)?,
         voltage: CoreVoltageSetter?, initialVoltage: Millivolts?, replyTimeout: Seconds? = nil,
         closePort: @escaping () -> Void) throws(DaemonError) {
        let where_ = "\(boardFile): [asic] \(asic.count) × \(asic.model.name) on \(port.name)"
        var config = BM13xxDriver.Configuration(model: asic.model, expectedChips: asic.count)
        config.fastBaud = asic.fastBaud
        config.ticketDifficultyScale = asic.ticketDifficultyScale
        if let replyTimeout { config.replyTimeout = replyTimeout }
        if let voltage {
            config.setCoreVoltage = { @Sendable (v: Millivolts) throws(BusError) in try voltage.set(v) }
            if let initialVoltage {
                do { try voltage.configure(initial: initialVoltage) } catch {
                    closePort()
                    throw DaemonError("\(boardFile): [core_voltage] \(voltage.description): \(error)")
                }
            }
        }
        let timing = ThreadTiming.wall
        let driver = BM13xxDriver(port: port, reset: reset, configuration: config, sleep: timing.sleep, now: timing.now)
        // The start check: power (VOUT was set above), reset, enumerate, power off. The enable
        // line ends low and the regulator's output off whatever happens.
        let chainPower = ChainPower(line: power, regulator: voltage)
        let chain: BM13xxChainInfo
        do {
            try chainPower.on()
            chain = try driver.bringUp()
        } catch {
            try? chainPower.off()
            closePort()
            let hint = "check the [asic] port and that the chips are powered (asic_enable, core voltage)"
            throw DaemonError("\(where_): \(error); \(hint)")
        }
        do {
            try driver.setHashing(false)   // the chips forget their setup with their power
            try chainPower.off()
        } catch {
            try? chainPower.off()
            closePort()
            throw DaemonError("\(where_): powering the chips off after the start check failed: \(error)")
        }
        self.driver = driver
        self.chain = chain
        switchedRegulator = chainPower.regulator
        control = chainPower.regulator.map { RegulatorSwitchedHashBoard(driver: driver, regulator: $0) } ?? driver
        self.closePort = closePort
        receiver = BM13xxReceiveThread(driver: driver)
        receiver.start()
    }

    /// One line for the log: what answered at start.
    var summary: String {
        let s = driver.statistics
        return "\(chain.chips.count) × \(chain.model.name): \(s.nonces) nonces, \(s.shares) shares, \(s.hardwareErrors) hardware errors, \(s.crcErrors) CRC errors"
    }

    /// Stops the reading thread (bounded), switches a regulator output that powers the chips
    /// off (best effort: the daemon may be stopping on a fault), then closes the port.
    func stop() {
        stopped.lock()
        defer { stopped.unlock() }
        guard !isStopped else { return }
        isStopped = true
        receiver.stop()
        try? switchedRegulator?.setOutput(false)
        closePort()
    }
}

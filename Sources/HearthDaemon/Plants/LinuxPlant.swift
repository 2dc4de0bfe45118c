import HearthCore
import HearthHAL
import Logging
#if canImport(HearthLinux)
import HearthLinux
#endif

/// Real hardware through the Linux backend: the board file's buses, lines and PWM
/// opened with `LinuxBusProvider`, the same drivers and assembly as in simulation.
/// A board with `[asic]` gets the BM13xx driver on its UART as the hash board — the
/// assembly sets its operating point and the mining service sends it work — so pool →
/// Stratum → engine → driver → UART is one path. Without `[asic]` the chips are only
/// switched through their enable line (`EnableLineChips`).
public final class LinuxPlant: RunPlant {
    public let device: any HeaterMiner
    public let hashBoard: (any HashBoard)?
    #if canImport(HearthLinux)
    private let buses: LinuxBusProvider
    private let chips: BoardHashChips?
    #endif

    public init(board: BoardDefinition, logger: Logger) throws(DaemonError) {
        #if canImport(HearthLinux)
        let buses = LinuxBusProvider()
        // The chips first: a missing port or a silent chain is the clearest error there is.
        let chips: BoardHashChips?
        do { chips = try board.asic.map { asic throws(DaemonError) in try Self.startChips(asic, board: board, buses: buses) } } catch {
            buses.closeAll()
            throw error
        }
        if let chips, let asic = board.asic {
            logger.info("\(chips.chain.chips.count) × \(chips.chain.model.name) answered on \(asic.port) at start (\(board.path))")
        }
        let miner: AssembledHeaterMiner
        do {
            miner = try AssembledHeaterMiner(board: board, buses: buses, hashBoard: chips?.control ?? EnableLineChips(logger: logger))
            try miner.configure()
        } catch {
            chips?.stop()
            buses.closeAll()
            throw DaemonError("\(board.profile.id) on Linux: \(error) (run `hearth probe --board \(board.profile.id)` for a checklist)")
        }
        self.buses = buses
        self.chips = chips
        self.device = miner
        self.hashBoard = chips?.driver
        #else
        throw DaemonError("the Linux backend is only built on Linux; use --backend sim")
        #endif
    }

    #if canImport(HearthLinux)
    /// Opens the `[asic]` port, the reset line, the regulator and (for the start check only)
    /// the enable line, which is released again before the assembly takes it. A TPS546
    /// regulator's output stays with the chips: the assembly switches it through `control`.
    static func startChips(_ asic: ASICSpec, board: BoardDefinition, buses: LinuxBusProvider,
                           replyTimeout: Seconds? = nil) throws(DaemonError) -> BoardHashChips {
        let port: LinuxSerialPort
        do { port = try LinuxSerialPort(path: asic.port, baud: BM13xxRegister.defaultBaud) } catch {
            throw DaemonError("\(board.path): [asic] port \(asic.port): \(error)")
        }
        func line(_ spec: GPIOSpec?) throws(DaemonError) -> (any GPIOLine)? {
            guard let spec else { return nil }
            do { return try buses.gpioLine(spec) } catch {
                port.close()
                throw DaemonError("\(board.path): gpio \(spec.function) (\(spec.chip) line \(spec.line)): \(error)")
            }
        }
        let reset = try line(asic.reset)
        let voltage: CoreVoltageSetter?
        do { voltage = try CoreVoltageSetter.make(board.coreVoltage, buses: buses) } catch {
            port.close()
            throw DaemonError("\(board.path): \(error)")
        }
        var power = try line(board.gpio(.asicEnable))
        defer { power = nil }   // released here; the assembly requests it again
        return try BoardHashChips(asic: asic, boardFile: board.path, port: port, reset: reset, power: power,
                                  voltage: voltage, initialVoltage: board.coreVoltage?.nominal, replyTimeout: replyTimeout,
                                  closePort: { [port] in port.close() })
    }
    #endif

    deinit {
        #if canImport(HearthLinux)
        chips?.stop()
        buses.closeAll()
        #endif
    }

    public func weekTime(at t: Seconds) -> WeekTime { LocalWeekTime.now() }
    public func advance(from t: Seconds, by dt: Seconds) {}   // the real world advances by itself

    public var summary: String? {
        #if canImport(HearthLinux)
        chips?.summary
        #else
        nil
        #endif
    }

    public func close() {
        #if canImport(HearthLinux)
        chips?.stop()
        #endif
    }
}

/// Hash chips reached only through the board's enable line (the assembly drives
/// `asic_enable`): the board file has no `[asic]` section, so frequency and voltage
/// can't be set. The requested point is logged once, so nobody is misled.
public final class EnableLineChips: HashBoardControl {
    private let logger: Logger
    private var warned = false
    public init(logger: Logger) { self.logger = logger }

    public func setOperatingPoint(_ point: OperatingPoint) throws(BusError) {
        guard !warned else { return }
        warned = true
        logger.warning("operating point \(point.name) requested, but the board file has no [asic] section for a chip driver; hashing is switched through the enable line only")
    }

    public func setHashing(_ enabled: Bool) throws(BusError) {}
}

import HearthCore
import HearthHAL
import Logging
#if canImport(HearthLinux)
import HearthLinux
#endif

/// Real hardware through the Linux backend: the board file's buses, lines and PWM
/// opened with `LinuxBusProvider`, the same drivers and assembly as in simulation.
public final class LinuxPlant: RunPlant {
    public let device: any HeaterMiner
    #if canImport(HearthLinux)
    private let buses: LinuxBusProvider
    #endif

    public init(board: BoardDefinition, logger: Logger) throws(DaemonError) {
        #if canImport(HearthLinux)
        let buses = LinuxBusProvider()
        let miner: AssembledHeaterMiner
        do {
            miner = try AssembledHeaterMiner(board: board, buses: buses, hashBoard: EnableLineChips(logger: logger))
            try miner.configure()
        } catch {
            buses.closeAll()
            throw DaemonError("\(board.profile.id) on Linux: \(error) (run `hearth probe --board \(board.profile.id)` for a checklist)")
        }
        self.buses = buses
        self.device = miner
        #else
        throw DaemonError("the Linux backend is only built on Linux; use --backend sim")
        #endif
    }

    deinit {
        #if canImport(HearthLinux)
        buses.closeAll()
        #endif
    }

    public func weekTime(at t: Seconds) -> WeekTime { LocalWeekTime.now() }
    public func advance(from t: Seconds, by dt: Seconds) {}   // the real world advances by itself
}

/// Hash chips reached only through the board's enable line (the assembly drives
/// `asic_enable`): there is no chip UART driver yet, so frequency and voltage
/// can't be set. The requested point is logged once, so nobody is misled.
public final class EnableLineChips: HashBoardControl {
    private let logger: Logger
    private var warned = false
    public init(logger: Logger) { self.logger = logger }

    public func setOperatingPoint(_ point: OperatingPoint) throws(BusError) {
        guard !warned else { return }
        warned = true
        logger.warning("operating point \(point.name) requested, but this build has no chip driver to set frequency/voltage; hashing is switched through the enable line only")
    }

    public func setHashing(_ enabled: Bool) throws(BusError) {}
}

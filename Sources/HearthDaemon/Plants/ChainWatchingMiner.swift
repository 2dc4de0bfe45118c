import HearthCore
import HearthHAL

/// The assembled board with its chip chain watched: the assembly only talks to the hash
/// board when the command changes, so a chain that falls silent while hashing would go
/// unnoticed. Every command that keeps hashing first asks the driver for its fault (silence
/// past its limit) and throws it, so the control loop's actuator check trips into the safe
/// state within a tick. Stopping is never held up by the fault.
final class ChainWatchingMiner: HeaterMiner {
    private let miner: any HeaterMiner
    private let fault: () -> BusError?

    init(wrapping miner: any HeaterMiner, fault: @escaping () -> BusError?) {
        self.miner = miner
        self.fault = fault
    }

    var profile: BoardProfile { miner.profile }
    var readingAgeLimit: Seconds { miner.readingAgeLimit }
    var recoverableTrips: Set<TripCode> { miner.recoverableTrips }
    func read() -> DeviceReadings { miner.read() }

    func apply(_ command: DeviceCommand) throws(BusError) {
        if command.hashing, let fault = fault() { throw fault }
        try miner.apply(command)
    }
}

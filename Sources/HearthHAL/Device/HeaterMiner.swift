import HearthCore

/// The device level the controller talks to: a heater-miner that can be read
/// and commanded. A board assembly builds one from drivers on buses; a remote
/// stock miner can be one over the network.
public protocol HeaterMiner: AnyObject {
    var profile: BoardProfile { get }
    /// Take every reading once. Failed reads come back as readings with an error.
    func read() -> DeviceReadings
    /// Apply a command. Throws when an actuator could not be set; the caller
    /// treats that as a fault (the safety supervisor sees it next tick).
    func apply(_ command: DeviceCommand) throws(BusError)
    /// How old a reading this device delivers may be before it counts as missing.
    /// Devices read inside the tick (I2C) deliver fresh readings; a device polled in
    /// the background (a stock miner over TCP) states how often it can be asked.
    var readingAgeLimit: Seconds { get }
    /// Trips that may clear by themselves once the readings are sound again: only a
    /// device whose own firmware protects its chips (a stock miner) names any.
    var recoverableTrips: Set<TripCode> { get }
}

extension HeaterMiner {
    public var readingAgeLimit: Seconds { Seconds(5) }
    public var recoverableTrips: Set<TripCode> { [] }
}

/// Control of the hash chips themselves: which operating point, on or off.
/// Implemented by the simulator's hash board now and by chip UART drivers later.
public protocol HashBoardControl: AnyObject {
    func setOperatingPoint(_ point: OperatingPoint) throws(BusError)
    func setHashing(_ enabled: Bool) throws(BusError)
    /// Throws when the chips have failed on their own (a chain gone silent) while hashing;
    /// asked every tick, so a fault trips even when no command changes.
    func checkHealth() throws(BusError)
}

extension HashBoardControl {
    public func checkHealth() throws(BusError) {}
}

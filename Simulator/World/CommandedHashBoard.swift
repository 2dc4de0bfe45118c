import HearthCore
import HearthHAL

/// A hash board whose commanded state the simulator and the emulators can read: what
/// it was told (point, on/off) and how often (the wear cycling costs). The CPU board
/// (`SimulatedHashBoard`) and the production BM13xx driver are both one. What the
/// chips physically run at is the heater's business (`SimulatedHeater.runningPoint`):
/// on a BM13xx board it comes from the virtual chain, not from these.
public protocol CommandedHashBoard: HashBoard {
    /// The point last commanded.
    var point: OperatingPoint { get }
    /// Hashing as last commanded.
    var hashing: Bool { get }
    /// Starts of the chips (off → on).
    var starts: Int { get }
    /// Commanded points that differed from the one before.
    var pointChanges: Int { get }
}

extension SimulatedHashBoard: CommandedHashBoard {}

extension BM13xxDriver: CommandedHashBoard {
    /// The point last commanded; before the first, the chip model's default.
    public var point: OperatingPoint {
        let m = configuration.model
        return operatingPoint ?? OperatingPoint(name: "\(m.name) default", frequency: m.defaultFrequency,
                                                voltage: m.defaultVoltage, power: .zero, hashrate: .zero)
    }
    public var hashing: Bool { isHashing }
    /// Each start brings the chain up afresh (the enable line took its power).
    public var starts: Int { statistics.bringUps }
    public var pointChanges: Int { statistics.pointChanges }
}

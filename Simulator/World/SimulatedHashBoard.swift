import HearthCore
import HearthHAL

/// The simulated hash board's control side: it remembers the operating point
/// and whether hashing is on, as real chips hold their PLL and core voltage.
public final class SimulatedHashBoard: HashBoardControl {
    public private(set) var point: OperatingPoint
    public private(set) var hashing = false
    /// Counts of commands, so tests can see what the controller did to the silicon.
    public private(set) var pointChanges = 0
    public private(set) var starts = 0

    public init(initial: OperatingPoint) { self.point = initial }

    public func setOperatingPoint(_ p: OperatingPoint) throws(BusError) {
        if p != point { pointChanges += 1 }
        point = p
    }

    public func setHashing(_ enabled: Bool) throws(BusError) {
        if enabled && !hashing { starts += 1 }
        hashing = enabled
    }
}

import HearthCore

/// A fan speed source other than a fan-controller chip: a tach GPIO whose
/// edges the backend counts (Linux gpio edge events, the simulator's fan model).
public protocol Tachometer: AnyObject {
    var name: String { get }
    func readSpeed() throws(BusError) -> RPM
}

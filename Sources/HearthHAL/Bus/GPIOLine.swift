/// One GPIO line, already requested in its direction. Logical values:
/// `true` means *active*, so active-low wiring is handled below this protocol.
public protocol GPIOLine: AnyObject {
    var name: String { get }
    func set(_ active: Bool) throws(BusError)
    func get() throws(BusError) -> Bool
}

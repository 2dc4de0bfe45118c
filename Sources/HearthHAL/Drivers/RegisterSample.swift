import HearthCore

/// A decoded value together with the register bits it came from. The raw
/// bits let the safety supervisor tell a frozen sensor (identical bits tick
/// after tick while the physics moves) from a merely steady one.
public struct RegisterSample<Value: Quantity>: Sendable, Hashable {
    public var value: Value
    public var raw: UInt16

    public init(_ value: Value, raw: UInt16) {
        self.value = value
        self.raw = raw
    }
}

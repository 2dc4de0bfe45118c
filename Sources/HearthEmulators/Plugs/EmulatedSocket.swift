import HearthCore
import Synchronization

/// The relay of an emulated plug and the load behind it: switching calls `load` (so a
/// simulation can cut the heater's power), and the plug measures `watts()` while on.
public final class EmulatedSocket: Sendable {
    private let state: Mutex<(isOn: Bool, switchings: Int)>
    private let load: @Sendable (Bool) -> Void
    private let watts: @Sendable () -> Watts

    /// - Parameters:
    ///   - initiallyOn: a heater's plug is normally on.
    ///   - watts: the load's draw while on (the plug reports 0 W while off).
    ///   - load: called with the new state on every change, outside any lock.
    public init(initiallyOn: Bool = true, watts: @escaping @Sendable () -> Watts = { Watts(0) },
                load: @escaping @Sendable (Bool) -> Void = { _ in })
    {
        self.state = Mutex((initiallyOn, 0))
        self.watts = watts
        self.load = load
    }

    public var isOn: Bool { state.withLock { $0.isOn } }
    /// Changes of state so far (commands that found it already there don't count).
    public var switchings: Int { state.withLock { $0.switchings } }
    /// What the plug measures now.
    public var power: Watts { isOn ? watts() : Watts(0) }

    /// Switches (a command, or a person at the plug's button); returns the state before.
    @discardableResult
    public func set(_ on: Bool) -> Bool {
        let before: Bool = state.withLock { s in
            let before = s.isOn
            if before != on {
                s.isOn = on
                s.switchings += 1
            }
            return before
        }
        if before != on { load(on) }
        return before
    }
}

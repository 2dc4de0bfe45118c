import HearthCore
import HearthPlugs
import Synchronization

/// A plug whose answers the test sets: it switches a virtual relay unless told to fail,
/// and counts every call (so rate limits and backoff are visible).
final class ScriptedPlug: SmartPlug {
    let name = "scripted 127.0.0.1:80"
    private let state = Mutex(State())

    struct State {
        var isOn = false
        var watts = Watts(120)
        /// While set, every call throws this.
        var failure: PlugError.Kind?
        /// Switch commands are acknowledged but the relay ignores them (a stuck relay).
        var ignoresCommands = false
        var setCalls: [Bool] = []
        var statusCalls = 0
    }

    var setCalls: [Bool] { state.withLock { $0.setCalls } }
    var statusCalls: Int { state.withLock { $0.statusCalls } }
    var isOn: Bool { state.withLock { $0.isOn } }
    var calls: Int { state.withLock { $0.setCalls.count + $0.statusCalls } }

    func fail(with kind: PlugError.Kind?) { state.withLock { $0.failure = kind } }
    func ignoreCommands(_ ignore: Bool) { state.withLock { $0.ignoresCommands = ignore } }
    /// A person at the plug's button.
    func switchByHand(_ on: Bool) { state.withLock { $0.isOn = on } }

    func setOn(_ on: Bool) async throws(PlugError) {
        let failure: PlugError.Kind? = state.withLock { s in
            s.setCalls.append(on)
            if s.failure == nil && !s.ignoresCommands { s.isOn = on }
            return s.failure
        }
        if let failure { throw PlugError(plug: name, operation: "set \(on)", kind: failure) }
    }

    func status() async throws(PlugError) -> PlugStatus {
        let (failure, status): (PlugError.Kind?, PlugStatus) = state.withLock { s in
            s.statusCalls += 1
            return (s.failure, PlugStatus(isOn: s.isOn, watts: s.isOn ? s.watts : Watts(0)))
        }
        if let failure { throw PlugError(plug: name, operation: "status", kind: failure) }
        return status
    }
}

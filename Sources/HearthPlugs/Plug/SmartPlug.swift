/// A switchable mains socket in front of a heater: the off-switch for a miner whose
/// firmware can't turn itself off (issue 11).
///
/// Implementations make one attempt per call and never retry: `PlugSwitch` decides when
/// to try again. Nothing they print, throw or report contains a password.
public protocol SmartPlug: Sendable {
    /// `shelly 192.168.1.50:80 switch 0`: for messages and `hearth status`.
    var name: String { get }
    /// Switches the socket; returns once the plug (or broker) took the command.
    func setOn(_ on: Bool) async throws(PlugError)
    /// What the plug says now: on or off, and the watts through it when it measures them.
    func status() async throws(PlugError) -> PlugStatus
    /// Lets go of connections (the MQTT plug's broker session); the plug is not used again.
    func close() async
}

extension SmartPlug {
    public func close() async {}
}

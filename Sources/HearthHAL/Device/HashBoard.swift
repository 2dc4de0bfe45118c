import HearthWork

/// A hash board that mines: besides its operating point and on/off
/// (`HashBoardControl`), it takes work and reports nonces. Implemented by the
/// simulator's CPU-hashing board now and by chip UART drivers later.
/// Thread-safe: the engine calls `send` from its network thread while the control
/// loop sets operating points.
public protocol HashBoard: HashBoardControl, Sendable {
    /// Replace the work being hashed. Chips start on it at once (a clean job switch).
    func send(_ work: WorkUnit) throws(BusError)
    /// Called from the board's own thread for every nonce it finds at or under the
    /// work's share difficulty (chips may also report wrong nonces: hardware errors).
    func setNonceHandler(_ handler: (@Sendable (NonceResult) -> Void)?)
}

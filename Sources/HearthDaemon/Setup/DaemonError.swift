/// One line for the person starting the daemon: what is wrong and where. Nothing
/// has been started when set-up throws it.
public struct DaemonError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

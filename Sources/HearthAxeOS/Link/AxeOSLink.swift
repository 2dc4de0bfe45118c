/// What the remote device needs of an AxeOS board: one request at a time, each possibly
/// slow or failing. `AxeOSClient` is the real one; tests may script their own.
public protocol AxeOSLink: Sendable {
    var endpointDescription: String { get }
    func systemInfo() async throws(AxeOSError) -> AxeOSSystemInfo
    func asicInfo() async throws(AxeOSError) -> AxeOSASICInfo
    func update(_ settings: AxeOSSettings) async throws(AxeOSError)
    /// Stops hashing (the board stays up and answering): Hearth's "off".
    func pause() async throws(AxeOSError)
    func resume() async throws(AxeOSError)
    func restart() async throws(AxeOSError)
}

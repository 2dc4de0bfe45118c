import HearthCGMinerAPI

/// What the remote device needs of a stock Avalon's API: one call at a time, each
/// possibly slow or failing. `CGMinerClient` is the real one; tests script their own.
public protocol AvalonLink: Sendable {
    var endpointDescription: String { get }
    func version() async throws(CGMinerClientError) -> VersionInfo
    func estats(model: AvalonModel?) async throws(CGMinerClientError) -> AvalonEstats
    func ascset(_ command: AscsetCommand) async throws(CGMinerClientError) -> AscsetResult
    func supportedOptions() async throws(CGMinerClientError) -> AscsetOptions
}

extension CGMinerClient: AvalonLink {
    public nonisolated var endpointDescription: String { endpoint.description }
}

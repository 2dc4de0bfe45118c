import HearthPlugs
import HearthSupport

/// AxeOS's HTTP API over the project's one local HTTP client (`LocalHTTPClient`):
/// one connection per request, bounded connect and response times, no retries here
/// (the device decides when to ask again).
public struct AxeOSClient: AxeOSLink {
    public let http: LocalHTTPClient

    /// - Parameters:
    ///   - host: the board's address; AxeOS serves on port 80.
    public init(host: String, port: Int = 80, options: HTTPClientOptions = AxeOSClient.defaultOptions) {
        http = LocalHTTPClient(endpoint: HTTPEndpoint(kind: "axeos", host: host, port: port), options: options)
    }

    /// An ESP32 on Wi-Fi answers `system/info` in 50–300 ms; a PATCH writes flash first.
    public static let defaultOptions = HTTPClientOptions(connectTimeout: .seconds(3), responseTimeout: .seconds(5),
                                                         maxResponseBytes: 64 * 1024)

    public var endpointDescription: String { http.endpoint.description }

    public func systemInfo() async throws(AxeOSError) -> AxeOSSystemInfo {
        try AxeOSSystemInfo.decode(try await body(.get(AxeOSSystemInfo.path)), peer: endpointDescription)
    }

    public func asicInfo() async throws(AxeOSError) -> AxeOSASICInfo {
        try AxeOSASICInfo.decode(try await body(.get(AxeOSASICInfo.path)), peer: endpointDescription)
    }

    public func update(_ settings: AxeOSSettings) async throws(AxeOSError) {
        _ = try await body(.patch(AxeOSSettings.path, json: settings.json))
    }

    public func pause() async throws(AxeOSError) { _ = try await body(HTTPRequest(method: .post, path: "/api/system/pause")) }
    public func resume() async throws(AxeOSError) { _ = try await body(HTTPRequest(method: .post, path: "/api/system/resume")) }
    public func restart() async throws(AxeOSError) { _ = try await body(HTTPRequest(method: .post, path: "/api/system/restart")) }

    private func body(_ request: HTTPRequest) async throws(AxeOSError) -> [UInt8] {
        do { return try await http.sendExpectingSuccess(request).body } catch { throw AxeOSError.http(error) }
    }
}

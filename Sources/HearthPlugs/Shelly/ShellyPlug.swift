import HearthCore
import HearthSupport
import Logging
import NIOCore
import NIOPosix

/// A Shelly Gen2+ device (Plus Plug S, Plug S Gen3, Plus 1PM, Pro 4PM…) through its
/// HTTP RPC: `GET /rpc/Switch.Set?id=N&on=true|false` and `GET /rpc/Switch.GetStatus?id=N`
/// (`output`, and `apower` in watts on models that measure).
///
/// With a password set, the device answers 401 with a Digest challenge (SHA-256, realm =
/// the device id, user always `admin`); the client answers it and never falls back to
/// Basic, which would put the password on the LAN in clear.
public struct ShellyPlug: SmartPlug {
    public static let username = "admin"

    public let name: String
    public let switchID: Int
    private let client: LocalHTTPClient

    public init(host: String, port: Int = 80, switchID: Int = 0, password: String? = nil,
                options: HTTPClientOptions = HTTPClientOptions(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.plug.shelly"))
    {
        let endpoint = HTTPEndpoint(kind: "shelly", host: host, port: port)
        self.switchID = switchID
        self.name = "\(endpoint) switch \(switchID)"
        self.client = LocalHTTPClient(
            endpoint: endpoint,
            credentials: password.map { HTTPCredentials(username: Self.username, password: $0, scheme: .digest) },
            options: options, group: group, logger: logger)
    }

    public func setOn(_ on: Bool) async throws(PlugError) {
        let request = HTTPRequest.get("/rpc/Switch.Set", query: [.init("id", "\(switchID)"), .init("on", on ? "true" : "false")])
        let reply = try await call(request)
        // `{"was_on": false}`: anything else is not a Shelly having switched.
        guard reply["was_on"]?.boolValue != nil else {
            throw PlugError(plug: name, operation: request.description, kind: .badReply("no boolean 'was_on' in \(PlugReply.snippet(reply))"))
        }
    }

    public func status() async throws(PlugError) -> PlugStatus {
        let request = HTTPRequest.get("/rpc/Switch.GetStatus", query: [.init("id", "\(switchID)")])
        let reply = try await call(request)
        guard let output = reply["output"]?.boolValue else {
            throw PlugError(plug: name, operation: request.description, kind: .badReply("no boolean 'output' in \(PlugReply.snippet(reply))"))
        }
        var watts: Watts?
        if let power = reply["apower"] {
            guard let value = power.doubleValue, value.isFinite else {
                throw PlugError(plug: name, operation: request.description,
                                kind: .badReply("'apower' is a \(power.typeName), not a number of watts"))
            }
            watts = Watts(value)
        }
        return PlugStatus(isOn: output, watts: watts)
    }

    /// One RPC: a 2xx JSON object, or the device's own error (`{"code":-105,"message":"…"}`).
    private func call(_ request: HTTPRequest) async throws(PlugError) -> JSONValue {
        let response: HTTPResponse
        do { response = try await client.send(request) } catch { throw PlugError(plug: name, error) }
        guard response.isSuccess else {
            let json = try? JSONParser.parse(response.body)
            if let code = json?["code"]?.integerValue, let message = json?["message"]?.stringValue {
                throw PlugError(plug: name, operation: request.description,
                                kind: .deviceError("HTTP \(response.status), RPC error \(code): \(message)"))
            }
            throw PlugError(plug: name, HTTPClientError(device: client.endpoint, request: request.description,
                                                        kind: .status(code: response.status, body: response.bodySnippet)))
        }
        return try PlugReply.object(response, plug: name, request: request)
    }
}

import HearthCore
import HearthSupport
import Logging
import NIOCore
import NIOPosix

/// A Tasmota plug (Sonoff, Nous A1T, Athom…) through its HTTP command endpoint:
/// `GET /cm?cmnd=Power%20On` → `{"POWER":"ON"}`, `cmnd=Power` for the state, and
/// `cmnd=Status%2010` → `StatusSNS.ENERGY.Power` on plugs that measure.
///
/// With a web password set, Tasmota wants `user` and `password` as query parameters
/// (it answers `{"WARNING":"Need user=<username>&password=<password>"}` otherwise);
/// they are sent, never shown.
public struct TasmotaPlug: SmartPlug {
    public static let defaultUsername = "admin"

    public let name: String
    private let username: String
    private let password: String?
    private let client: LocalHTTPClient

    public init(host: String, port: Int = 80, username: String? = nil, password: String? = nil,
                options: HTTPClientOptions = HTTPClientOptions(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.plug.tasmota"))
    {
        let endpoint = HTTPEndpoint(kind: "tasmota", host: host, port: port)
        self.name = "\(endpoint)"
        self.username = username ?? Self.defaultUsername
        self.password = password
        self.client = LocalHTTPClient(endpoint: endpoint, options: options, group: group, logger: logger)
    }

    public func setOn(_ on: Bool) async throws(PlugError) {
        let (request, reply) = try await command(on ? "Power On" : "Power Off")
        let state = try powerState(reply, request)
        guard state == on else {
            throw PlugError(plug: name, operation: request.description,
                            kind: .badReply("asked to switch \(on ? "on" : "off"), the plug answered \(PlugReply.snippet(reply))"))
        }
    }

    public func status() async throws(PlugError) -> PlugStatus {
        let (powerRequest, power) = try await command("Power")
        let isOn = try powerState(power, powerRequest)
        let (request, sensors) = try await command("Status 10")
        guard let sns = sensors["StatusSNS"], sns.objectValue != nil else {
            throw PlugError(plug: name, operation: request.description,
                            kind: .badReply("no 'StatusSNS' object in \(PlugReply.snippet(sensors))"))
        }
        // A plug without an energy monitor has no ENERGY: it switches, it doesn't measure.
        guard let energy = sns["ENERGY"] else { return PlugStatus(isOn: isOn) }
        guard let field = energy["Power"] else {
            throw PlugError(plug: name, operation: request.description,
                            kind: .badReply("'StatusSNS.ENERGY' has no 'Power': \(PlugReply.snippet(energy))"))
        }
        // Several channels report an array; the socket's load is the first.
        guard let watts = (field.arrayValue?.first ?? field).doubleValue, watts.isFinite else {
            throw PlugError(plug: name, operation: request.description,
                            kind: .badReply("'StatusSNS.ENERGY.Power' is \(PlugReply.snippet(field)), not a number of watts"))
        }
        return PlugStatus(isOn: isOn, watts: Watts(watts))
    }

    /// One `cmnd`, with the credentials when set; a WARNING or an unknown command is an error.
    private func command(_ text: String) async throws(PlugError) -> (HTTPRequest, JSONValue) {
        var query: [HTTPRequest.QueryItem] = []
        if let password {
            query += [.init("user", username), .init("password", password, isSecret: true)]
        }
        query.append(.init("cmnd", text))
        let request = HTTPRequest.get("/cm", query: query)
        let response: HTTPResponse
        do { response = try await client.sendExpectingSuccess(request) } catch { throw PlugError(plug: name, error) }
        let reply = try PlugReply.object(response, plug: name, request: request)
        if let warning = reply["WARNING"]?.stringValue {
            if warning.lowercased().contains("need user") {
                let why = password == nil
                    ? "the plug has a web password; give it in the plug spec (tasmota://admin:password@host)"
                    : "wrong user or password (user '\(username)')"
                throw PlugError(plug: name, HTTPClientError(device: client.endpoint, request: request.description,
                                                            kind: .unauthorized(why)))
            }
            throw PlugError(plug: name, operation: request.description, kind: .deviceError(warning))
        }
        if reply["Command"]?.stringValue?.lowercased() == "unknown" {
            throw PlugError(plug: name, operation: request.description, kind: .deviceError("unknown command '\(text)'"))
        }
        return (request, reply)
    }

    /// `{"POWER":"ON"}` (one relay) or `{"POWER1":"OFF"}` (several).
    private func powerState(_ reply: JSONValue, _ request: HTTPRequest) throws(PlugError) -> Bool {
        guard let value = reply["POWER"] ?? reply["POWER1"] else {
            throw PlugError(plug: name, operation: request.description, kind: .badReply("no 'POWER' in \(PlugReply.snippet(reply))"))
        }
        switch value.stringValue?.uppercased() {
        case "ON", "1": return true
        case "OFF", "0": return false
        default:
            throw PlugError(plug: name, operation: request.description,
                            kind: .badReply("'POWER' is \(PlugReply.snippet(value)), neither ON nor OFF"))
        }
    }
}

import HearthCore
import HearthSupport
import Logging
import NIOCore
import NIOPosix

/// A Shelly Gen2+ plug (a Plug S Gen3 by default) on a loopback address: the HTTP RPC
/// `Switch.Set`, `Switch.GetStatus` and `Shelly.GetDeviceInfo`, by GET with query
/// parameters or POST with a JSON body, and Digest authentication (SHA-256, realm = the
/// device id, user `admin`) when a password is set. Field names follow Shelly's API
/// documentation (shelly-api-docs.shelly.cloud, gen2 Switch component).
///
///     let plug = ShellyEmulator(password: "secret", socket: EmulatedSocket(watts: { heater.watts }) { on in heater.powered = on })
///     let port = try await plug.start(host: "127.0.0.101")
///     plug.fault = .notAnswering
///     await plug.stop()
public final class ShellyEmulator: Sendable {
    /// The device id, which is also the Digest realm.
    public let deviceID: String
    public let socket: EmulatedSocket
    /// Whether the model measures power (`apower` and friends in the status).
    public let metering: Bool
    private let server: EmulatedPlugServer

    /// - Parameters:
    ///   - password: enables authentication (user `admin`), as `Shelly.SetAuth` does.
    ///   - nonceReuse: firmware 2.0+ takes a nonce again with a higher nc; false plays older firmware.
    ///   - auth: overrides the authentication (e.g. `.basic` to test a client's Basic path).
    public init(deviceID: String = "shellyplugsg3-8cbfea9a1b2c", password: String? = nil, nonceReuse: Bool = true,
                auth: EmulatedPlugAuth? = nil, metering: Bool = true, socket: EmulatedSocket = EmulatedSocket(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.emulator.shelly"))
    {
        self.deviceID = deviceID
        self.socket = socket
        self.metering = metering
        let auth = auth ?? password.map { EmulatedPlugAuth.digest(user: "admin", password: $0, nonceReuse: nonceReuse) } ?? .none
        let gate = EmulatedAuthGate(auth: auth, realm: deviceID)
        let rpc = ShellyRPC(deviceID: deviceID, socket: socket, metering: metering, authEnabled: auth != .none)
        // As on the device, Shelly.GetDeviceInfo stays open with authentication on.
        self.server = EmulatedPlugServer(name: "shelly \(deviceID)", gate: gate, openPaths: ["/rpc/Shelly.GetDeviceInfo"],
                                         group: group, logger: logger) { request in rpc.answer(request) }
    }

    /// Listens on `host:port` (0: any free port); returns the port.
    @discardableResult
    public func start(host: String, port: Int = 0) async throws -> Int { try await server.start(host: host, port: port) }

    public func stop() async { await server.stop() }

    /// A fault played on every connection until set to nil.
    public var fault: EmulatedPlugFault? {
        get { server.fault }
        set { server.fault = newValue }
    }

    /// Plays `fault` on the next `times` connections, before any persistent fault.
    public func inject(_ fault: EmulatedPlugFault, times: Int = 1) { server.inject(fault, times: times) }

    public var counters: EmulatedPlugCounters { server.counters }
}

/// The RPC methods, apart from the HTTP around them.
struct ShellyRPC: Sendable {
    let deviceID: String
    let socket: EmulatedSocket
    let metering: Bool
    let authEnabled: Bool

    func answer(_ request: EmulatedHTTPRequest) -> EmulatedHTTPReply {
        guard request.path.hasPrefix("/rpc/") else { return .text("Not Found", status: 404) }
        let method = String(request.path.dropFirst(5))
        var params: [String: JSONValue] = request.query.mapValues { Self.queryValue($0) }
        if request.method == "POST", !request.body.isEmpty {
            guard let body = try? JSONParser.parse(request.body), let object = body.objectValue else {
                return error(-103, "Invalid JSON body", status: 400)
            }
            for (key, value) in object { params[key] = value }
        }
        switch method {
        case "Shelly.GetDeviceInfo":
            return .json([
                "name": .null, "id": .string(deviceID), "mac": .string("8CBFEA9A1B2C"), "slot": .integer(0),
                "model": .string("S3PL-00112EU"), "gen": .integer(3), "fw_id": .string("20241011-114455/1.4.4-g6d2a586"),
                "ver": .string("1.4.4"), "app": .string("PlugSG3"), "auth_en": .bool(authEnabled),
                "auth_domain": authEnabled ? .string(deviceID) : .null,
            ])
        case "Switch.Set":
            guard params["id"]?.integerValue == 0 else { return badID(params["id"]) }
            guard let on = params["on"]?.boolValue else { return error(-103, "Invalid argument 'on'!", status: 400) }
            return .json(["was_on": .bool(socket.set(on))])
        case "Switch.GetStatus":
            guard params["id"]?.integerValue == 0 else { return badID(params["id"]) }
            return .json(status())
        default:
            return error(404, "No handler for \(method)", status: 404)
        }
    }

    private func status() -> JSONValue {
        var fields: [(String, JSONValue)] = [("id", .integer(0)), ("source", .string("HTTP_in")), ("output", .bool(socket.isOn))]
        if metering {
            let watts = socket.power.value
            let volts = 230.4
            fields += [
                ("apower", .number((watts * 10).rounded() / 10)), ("voltage", .double(volts)), ("freq", .double(50.0)),
                ("current", .number((watts / volts * 1000).rounded() / 1000)),
                ("aenergy", .object([("total", .double(1234.567)), ("by_minute", .array([.integer(0), .integer(0), .integer(0)])),
                                     ("minute_ts", .integer(1_735_689_600))])),
            ]
        }
        fields.append(("temperature", .object([("tC", .double(31.2)), ("tF", .double(88.2))])))
        return .object(fields)
    }

    private func badID(_ id: JSONValue?) -> EmulatedHTTPReply {
        guard let id else { return error(-103, "Missing required argument 'id'!", status: 400) }
        return error(-105, "Argument 'id', value \(id.jsonText) not found!", status: 400)
    }

    private func error(_ code: Int, _ message: String, status: Int) -> EmulatedHTTPReply {
        .json(["code": .integer(Int64(code)), "message": .string(message)], status: status)
    }

    /// Query values are JSON-ish on Shelly: `true`, `0`, or a bare string.
    private static func queryValue(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .string(text)
    }
}

import HearthCore
import HearthSupport
import Logging
import NIOCore
import NIOPosix

/// A Tasmota plug on a loopback address: `GET /cm?cmnd=…` with `Power`, `Power1`
/// (`ON`/`OFF`/`1`/`0`/`TOGGLE`, or nothing to read the state), `Status 8`/`Status 10`
/// (`StatusSNS.ENERGY`) and `Status 11` (`StatusSTS.POWER`); with a web password, the
/// `user`/`password` query parameters, answering `{"WARNING":"Need user=…"}` (HTTP 200,
/// as Tasmota does) without them.
public final class TasmotaEmulator: Sendable {
    public let socket: EmulatedSocket
    /// Whether the plug has an energy monitor (`ENERGY` in `StatusSNS`).
    public let metering: Bool
    private let server: EmulatedPlugServer

    /// - Parameters:
    ///   - password: the web password (user `admin`, Tasmota's `WEB_USERNAME`).
    ///   - auth: overrides the authentication (e.g. `.basic` to test a client's Basic path).
    public init(password: String? = nil, auth: EmulatedPlugAuth? = nil, metering: Bool = true,
                socket: EmulatedSocket = EmulatedSocket(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.emulator.tasmota"))
    {
        self.socket = socket
        self.metering = metering
        let auth = auth ?? password.map { EmulatedPlugAuth.query(user: "admin", password: $0) } ?? .none
        let commands = TasmotaCommands(socket: socket, metering: metering)
        server = EmulatedPlugServer(name: "tasmota", gate: EmulatedAuthGate(auth: auth, realm: "tasmota"),
                                    group: group, logger: logger) { request in commands.answer(request) }
    }

    @discardableResult
    public func start(host: String, port: Int = 0) async throws -> Int { try await server.start(host: host, port: port) }

    public func stop() async { await server.stop() }

    public var fault: EmulatedPlugFault? {
        get { server.fault }
        set { server.fault = newValue }
    }

    public func inject(_ fault: EmulatedPlugFault, times: Int = 1) { server.inject(fault, times: times) }

    public var counters: EmulatedPlugCounters { server.counters }
}

/// Tasmota's commands, apart from the HTTP around them.
struct TasmotaCommands: Sendable {
    let socket: EmulatedSocket
    let metering: Bool

    func answer(_ request: EmulatedHTTPRequest) -> EmulatedHTTPReply {
        guard request.path == "/cm" else { return .text("Not Found", status: 404) }
        guard let text = request.query["cmnd"], !text.isEmpty else {
            return .json(["WARNING": .string("Enter command cmnd=")])
        }
        let parts = text.split(separator: " ", maxSplits: 1)
        let command = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].lowercased() : ""
        switch command {
        case "power", "power1":
            let key = command == "power" ? "POWER" : "POWER1"
            switch argument {
            case "": break
            case "on", "1", "true": socket.set(true)
            case "off", "0", "false": socket.set(false)
            case "toggle", "2": socket.set(!socket.isOn)
            default: return .json(["Command": .string("Error")])
            }
            return .json([key: .string(socket.isOn ? "ON" : "OFF")])
        case "status":
            switch argument {
            case "8", "10":
                var sns: [(String, JSONValue)] = [("Time", .string("2025-01-01T12:00:00"))]
                if metering { sns.append(("ENERGY", energy())) }
                return .json(["StatusSNS": .object(sns)])
            case "11":
                return .json(["StatusSTS": .object([("Time", .string("2025-01-01T12:00:00")), ("Uptime", .string("0T01:00:00")),
                                                     ("POWER", .string(socket.isOn ? "ON" : "OFF"))])])
            default:
                return .json(["Status": .object([("Module", .integer(0)), ("DeviceName", .string("Tasmota")),
                                                 ("Power", .integer(socket.isOn ? 1 : 0))])])
            }
        default:
            return .json(["Command": .string("Unknown")])
        }
    }

    private func energy() -> JSONValue {
        let watts = socket.power.value.rounded()
        let volts = 231.0
        return .object([
            ("TotalStartTime", .string("2024-11-01T09:00:00")), ("Total", .double(12.345)), ("Yesterday", .double(1.2)),
            ("Today", .double(0.456)), ("Power", .integer(Int64(watts))), ("ApparentPower", .integer(Int64(watts))),
            ("ReactivePower", .integer(0)), ("Factor", .double(watts > 0 ? 1.0 : 0.0)), ("Voltage", .integer(Int64(volts))),
            ("Current", .number((watts / volts * 1000).rounded() / 1000)),
        ])
    }
}

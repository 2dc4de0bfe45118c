import HearthCore
import HearthSupport
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A stock Bitaxe's AxeOS HTTP API on a loopback address, over simulated hardware:
/// `GET /api/system/info`, `GET /api/system/asic`, `PATCH /api/system`,
/// `POST /api/system/pause|resume|restart`. Field names and units as ESP-Miner's
/// openapi.yaml and recorded replies show them (docs/axeos.md); the JSON is written here
/// by hand, not by Hearth's codec, so tests of the codec against it mean something.
///
/// Faults: `offline` (stop the server: connections refused), `fault = .slow(…)`,
/// `.notAnswering`, `.serverError` (refuse), `.closesAtOnce`, `.garbageBody`, and
/// `refusePatches` (HTTP 500 to every PATCH, as a firmware that failed to write NVS).
///
///     let board = AxeOSEmulator(hardware: SimulatedAxeOSHardware(heater: …, asicModel: "BM1370", …),
///                               frequencyOptions: [400, 490, 525, 550, 600, 625], voltageOptions: […])
///     let port = try await board.start(host: "127.0.0.170")
public final class AxeOSEmulator: Sendable {
    public let hardware: SimulatedAxeOSHardware
    public let frequencyOptions: [Double]
    public let voltageOptions: [Double]
    public let firmware: String
    private let server: EmulatedPlugServer
    private let live = Mutex(Live())

    private struct Live {
        var refusePatches = false
        var refuseWrites = false
        var patches: [String] = []
        var restarts = 0
        var pauses = 0
        var resumes = 0
        var startedAt = ContinuousClock.now
    }

    public init(hardware: SimulatedAxeOSHardware, frequencyOptions: [Double], voltageOptions: [Double],
                firmware: String = "v2.9.0", group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "hearth.emulator.axeos")) {
        self.hardware = hardware
        self.frequencyOptions = frequencyOptions
        self.voltageOptions = voltageOptions
        self.firmware = firmware
        let box = Mutex<AxeOSEmulator?>(nil)
        server = EmulatedPlugServer(name: "axeos \(hardware.asicModel)", gate: EmulatedAuthGate(auth: .none, realm: "axeos"),
                                    group: group, logger: logger) { request in
            box.withLock { $0 }?.answer(request) ?? .text("starting", status: 503)
        }
        box.withLock { $0 = self }
    }

    /// Listens on `host:port` (0: any free port); returns the port.
    @discardableResult
    public func start(host: String, port: Int = 0) async throws -> Int { try await server.start(host: host, port: port) }

    /// Stops listening and drops open connections (the board is off the network).
    public func stop() async { await server.stop() }

    public var fault: EmulatedPlugFault? {
        get { server.fault }
        set { server.fault = newValue }
    }

    public func inject(_ fault: EmulatedPlugFault, times: Int = 1) { server.inject(fault, times: times) }

    public var refusePatches: Bool {
        get { live.withLock { $0.refusePatches } }
        set { live.withLock { $0.refusePatches = newValue } }
    }

    /// HTTP 500 to every write (PATCH, pause, resume, restart) while reads still answer:
    /// a firmware whose API task is wedged half way, out of Hearth's hands.
    public var refuseWrites: Bool {
        get { live.withLock { $0.refuseWrites } }
        set { live.withLock { $0.refuseWrites = newValue } }
    }

    public var counters: EmulatedPlugCounters { server.counters }
    /// PATCH bodies taken, in order (as JSON text).
    public var patches: [String] { live.withLock { $0.patches } }
    public var pauses: Int { live.withLock { $0.pauses } }
    public var resumes: Int { live.withLock { $0.resumes } }
    public var restarts: Int { live.withLock { $0.restarts } }

    // MARK: - The API

    func answer(_ request: EmulatedHTTPRequest) -> EmulatedHTTPReply {
        if request.method != "GET", live.withLock({ $0.refuseWrites }) {
            return .text("Internal Server Error", status: 500)
        }
        switch (request.method, request.path) {
        case ("GET", "/api/system/info"): return .json(info())
        case ("GET", "/api/system/asic"): return .json(asic())
        case ("PATCH", "/api/system"), ("PATCH", "/api/system/"): return patch(request.body)
        case ("POST", "/api/system/pause"):
            live.withLock { $0.pauses += 1 }
            hardware.setPaused(true)
            return .text("", status: 200)
        case ("POST", "/api/system/resume"):
            live.withLock { $0.resumes += 1 }
            hardware.setPaused(false)
            return .text("", status: 200)
        case ("POST", "/api/system/restart"):
            // The ESP32 reboots into its NVS settings; mining resumes.
            live.withLock {
                $0.restarts += 1
                $0.startedAt = .now
            }
            hardware.setPaused(false)
            return .text("System will restart shortly.", status: 200)
        default:
            return .text("Not Found", status: 404)
        }
    }

    private func info() -> JSONValue {
        let s = hardware.snapshot()
        let uptime = live.withLock { ContinuousClock.now - $0.startedAt }
        return .object([
            ("power", .double(s.wallPower.value)),
            ("voltage", .double(s.inputVoltage.value)),
            ("current", .double(s.wallPower.value / s.inputVoltage.value * 1e6)),
            ("temp", .double((s.chip.value * 8).rounded() / 8)),  // the EMC2101 reads in 1/8 K
            ("vrTemp", .integer(Int64(s.regulator.value.rounded()))),
            ("hashRate", .double(s.hashrate.value / 1e9)),
            ("coreVoltage", .integer(Int64(s.coreVoltage.value.rounded()))),
            ("coreVoltageActual", .integer(Int64((s.coreVoltage.value * 0.985).rounded()))),
            ("frequency", .integer(Int64(s.frequency.value.rounded()))),
            ("sharesAccepted", .integer(Int64(s.sharesAccepted))),
            ("sharesRejected", .integer(0)),
            ("uptimeSeconds", .integer(Int64(uptime / .seconds(1)))),
            ("asicCount", .integer(1)),
            ("smallCoreCount", .integer(Int64(hardware.smallCoreCount))),
            ("ASICModel", .string(hardware.asicModel)),
            ("hostname", .string("bitaxe")),
            ("version", .string(firmware)),
            ("boardVersion", .string("601")),
            ("overheat_mode", .integer(s.overheat ? 1 : 0)),
            ("autofanspeed", .integer(s.autoFan ? 1 : 0)),
            ("fanspeed", .integer(Int64(s.fanDuty.percent.rounded()))),
            ("temptarget", .integer(Int64(s.temperatureTarget.value.rounded()))),
            ("fanrpm", .integer(Int64(s.fanRPM.value.rounded()))),
            ("miningPaused", .bool(s.paused)),
        ])
    }

    private func asic() -> JSONValue {
        .object([
            ("ASICModel", .string(hardware.asicModel)),
            ("deviceModel", .string("Gamma")),
            ("asicCount", .integer(1)),
            ("defaultFrequency", .number(525)),
            ("frequencyOptions", .array(frequencyOptions.map { .number($0) })),
            ("defaultVoltage", .number(1150)),
            ("voltageOptions", .array(voltageOptions.map { .number($0) })),
        ])
    }

    /// As the firmware: a body that is not a JSON object is a 400; unknown keys are ignored;
    /// known keys with a non-number are a 400.
    private func patch(_ body: [UInt8]) -> EmulatedHTTPReply {
        if live.withLock({ $0.refusePatches }) { return .text("Failed to write settings", status: 500) }
        guard let json = try? JSONParser.parse(body), let object = json.objectValue else {
            return .text("Invalid JSON", status: 400)
        }
        func number(_ key: String) -> (Double?, Bool) {
            guard let v = object[key] else { return (nil, true) }
            guard let n = v.doubleValue else { return (nil, false) }
            return (n, true)
        }
        let (f, okF) = number("frequency"), (v, okV) = number("coreVoltage"), (fan, okFan) = number("fanspeed")
        let (auto, okAuto) = number("autofanspeed"), (target, okT) = number("temptarget")
        guard okF, okV, okFan, okAuto, okT else { return .text("Invalid field type", status: 400) }
        if let fan, !(0...100).contains(fan) { return .text("fanspeed out of range", status: 400) }
        live.withLock { $0.patches.append(json.jsonText) }
        hardware.update(frequency: f.map { Megahertz($0) }, voltage: v.map { Millivolts($0) }, fanPercent: fan,
                        autoFan: auto.map { $0 != 0 }, temperatureTarget: target.map { Celsius($0) })
        return .text("", status: 200)
    }
}

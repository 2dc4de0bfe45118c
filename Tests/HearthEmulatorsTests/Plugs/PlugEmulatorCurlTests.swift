import Foundation
import HearthCore
import HearthEmulators
import HearthSupport
import Synchronization
import Testing

/// The plug emulators against curl, a client written by other people: Digest with
/// SHA-256 as Shelly does it, Basic, Tasmota's query credentials, and the reply fields
/// Shelly's and Tasmota's documentation name (127.0.0.115–119, port 0).
@Suite(.enabled(if: Curl.path != nil, "curl is not installed"))
struct PlugEmulatorCurlTests {
    @Test func shellyDigestAsCurlDoesIt() async throws {
        let loads = Mutex<[Bool]>([])
        let shelly = ShellyEmulator(password: "pw with spaces", socket: EmulatedSocket(initiallyOn: false, watts: { Watts(101.25) }) { on in
            loads.withLock { $0.append(on) }
        })
        let port = try await shelly.start(host: "127.0.0.115")
        defer { Task { await shelly.stop() } }
        let base = "http://127.0.0.115:\(port)"

        let refused = try await Curl.run([base + "/rpc/Switch.GetStatus?id=0"])
        #expect(refused.status == 401)
        #expect(refused.headers.contains { $0.hasPrefix("WWW-Authenticate: Digest qop=\"auth\", realm=\"shellyplugsg3-8cbfea9a1b2c\", nonce=\"") && $0.hasSuffix("algorithm=SHA-256") })

        let set = try await Curl.run(["--digest", "-u", "admin:pw with spaces", base + "/rpc/Switch.Set?id=0&on=true"])
        #expect(set.status == 200)
        #expect(try JSONParser.parse(set.body) == .object([("was_on", .bool(false))]))
        let status = try await Curl.run(["--digest", "-u", "admin:pw with spaces", base + "/rpc/Switch.GetStatus?id=0"])
        let json = try JSONParser.parse(status.body)
        #expect(json["output"] == .bool(true))
        #expect(json["apower"]?.doubleValue == 101.3)
        #expect(json["aenergy.total"]?.doubleValue != nil && json["temperature.tC"]?.doubleValue != nil)
        #expect(loads.withLock { $0 } == [true])

        let wrong = try await Curl.run(["--digest", "-u", "admin:nope", base + "/rpc/Switch.Set?id=0&on=false"])
        #expect(wrong.status == 401)
        #expect(shelly.socket.isOn)
        // Shelly.GetDeviceInfo stays open, and says authentication is on.
        let info = try JSONParser.parse(try await Curl.run([base + "/rpc/Shelly.GetDeviceInfo"]).body)
        #expect(info["auth_en"] == .bool(true) && info["gen"] == .integer(3))
    }

    @Test func shellyTakesBasicWhenConfiguredSo() async throws {
        let shelly = ShellyEmulator(auth: .basic(user: "admin", password: "pw"))
        let port = try await shelly.start(host: "127.0.0.116")
        defer { Task { await shelly.stop() } }
        let url = "http://127.0.0.116:\(port)/rpc/Switch.GetStatus?id=0"
        #expect(try await Curl.run(["-u", "admin:pw", url]).status == 200)
        #expect(try await Curl.run(["-u", "admin:other", url]).status == 401)
    }

    @Test func tasmotaCommandsAndQueryCredentials() async throws {
        let tasmota = TasmotaEmulator(password: "web", socket: EmulatedSocket(initiallyOn: true, watts: { Watts(64.6) }))
        let port = try await tasmota.start(host: "127.0.0.117")
        defer { Task { await tasmota.stop() } }
        let base = "http://127.0.0.117:\(port)/cm?user=admin&password=web&cmnd="
        let warning = try await Curl.run(["http://127.0.0.117:\(port)/cm?cmnd=Power"])
        #expect(warning.status == 200)
        #expect(try JSONParser.parse(warning.body) == .object([("WARNING", .string("Need user=<username>&password=<password>"))]))
        #expect(try JSONParser.parse(try await Curl.run([base + "Power%20Off"]).body) == .object([("POWER", .string("OFF"))]))
        #expect(try JSONParser.parse(try await Curl.run([base + "Power1+toggle"]).body) == .object([("POWER1", .string("ON"))]))
        let sensors = try JSONParser.parse(try await Curl.run([base + "Status%2010"]).body)
        #expect(sensors["StatusSNS.ENERGY.Power"] == .integer(65))
        #expect(try JSONParser.parse(try await Curl.run([base + "Status%2011"]).body)["StatusSTS.POWER"] == .string("ON"))
        #expect(try JSONParser.parse(try await Curl.run([base + "Dimmer%2050"]).body) == .object([("Command", .string("Unknown"))]))
        #expect(tasmota.socket.switchings == 2)
    }

    @Test func faultsAsAClientSeesThem() async throws {
        let tasmota = TasmotaEmulator()
        let port = try await tasmota.start(host: "127.0.0.118")
        defer { Task { await tasmota.stop() } }
        let url = "http://127.0.0.118:\(port)/cm?cmnd=Power%20Off"
        tasmota.inject(.serverError)
        #expect(try await Curl.run([url]).status == 500)
        tasmota.inject(.garbageBody)
        #expect(try await Curl.run([url]).body.starts(with: Array("<html>".utf8)))
        tasmota.inject(.closesAtOnce)
        // curl: empty reply from server (52), or reset while receiving (56).
        #expect([52, 56].contains(try await Curl.run([url]).exitCode))
        tasmota.inject(.notAnswering)
        #expect(try await Curl.run(["--max-time", "0.3", url]).exitCode == 28)  // curl: timed out
        #expect(tasmota.socket.isOn)
        #expect(try await Curl.run([url]).status == 200)
        #expect(!tasmota.socket.isOn)
        #expect(tasmota.counters.faultsPlayed == 4)
    }
}

/// curl as a child process: status, headers and body of one request.
enum Curl {
    static let path = ["/usr/bin/curl", "/usr/local/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Result {
        var exitCode: Int32
        var status: Int
        var headers: [String]
        var body: [UInt8]
    }

    static func run(_ arguments: [String]) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers").path
        let bodyFile = directory.appendingPathComponent("body").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["-s", "--max-time", "20", "-D", headerFile, "-o", bodyFile] + arguments
        let exited = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        var code: Int32 = -1
        for await status in exited.stream {
            code = status
            break
        }
        // With --digest, curl writes the 401's headers and then the final response's: the last block counts.
        let headerText = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        let blocks = headerText.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }
        let all = headerText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let last = blocks.last?.components(separatedBy: "\r\n") ?? []
        let status = last.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var body = (FileManager.default.contents(atPath: bodyFile)).map { Array($0) } ?? []
        // The body file holds every response's body (a 401's too): the last Content-Length bytes are the last one's.
        if let length = last.first(where: { $0.lowercased().hasPrefix("content-length:") })
            .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }), length <= body.count
        {
            body = Array(body.suffix(length))
        }
        return Result(exitCode: code, status: status, headers: all, body: body)
    }
}

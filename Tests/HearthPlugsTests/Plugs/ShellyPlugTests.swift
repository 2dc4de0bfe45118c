import HearthCore
import HearthEmulators
import HearthPlugs
import Synchronization
import Testing

/// `ShellyPlug` against the emulated Shelly Gen2 (127.0.0.101).
@Suite struct ShellyPlugTests {
    let host = Loopback.shelly

    @Test func switchesTheLoadAndReadsItsWatts() async throws {
        let loads = Mutex<[Bool]>([])
        let socket = EmulatedSocket(initiallyOn: true, watts: { Watts(138.4) }) { on in loads.withLock { $0.append(on) } }
        let shelly = ShellyEmulator(socket: socket)
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let plug = ShellyPlug(host: host, port: port)
        #expect(plug.name == "shelly \(host):\(port) switch 0")

        #expect(try await plug.status() == PlugStatus(isOn: true, watts: Watts(138.4)))
        try await plug.setOn(false)
        #expect(try await plug.status() == PlugStatus(isOn: false, watts: Watts(0)))
        try await plug.setOn(true)
        #expect(socket.isOn)
        #expect(loads.withLock { $0 } == [false, true])
    }

    @Test func withPasswordUsesDigest() async throws {
        let shelly = ShellyEmulator(password: "s3cret")
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let plug = ShellyPlug(host: host, port: port, password: "s3cret")
        try await plug.setOn(false)
        #expect(try await plug.status().isOn == false)
        #expect(shelly.counters.refusedForCredentials == 1)
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() async throws {
        let shelly = ShellyEmulator(password: "s3cret")
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let plug = ShellyPlug(host: host, port: port, password: "not-it")
        let error = try await #require(throws: PlugError.self) { try await plug.setOn(false) }
        #expect(error.isAuthenticationFailure)
        #expect(error.description
            == "plug shelly \(host):\(port) switch 0, GET /rpc/Switch.Set?id=0&on=false: not authorised: wrong user or password (user 'admin')")
        #expect(shelly.socket.isOn)
    }

    @Test func plugWithoutMeterHasNoWatts() async throws {
        let shelly = ShellyEmulator(metering: false)
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        #expect(try await ShellyPlug(host: host, port: port).status() == PlugStatus(isOn: true, watts: nil))
    }

    @Test func unknownSwitchIsTheDevicesOwnError() async throws {
        let shelly = ShellyEmulator()
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let error = try await #require(throws: PlugError.self) { try await ShellyPlug(host: host, port: port, switchID: 3).status() }
        #expect(error.kind == .deviceError("HTTP 400, RPC error -105: Argument 'id', value 3 not found!"))
    }

    @Test func garbageBodyIsABadReply() async throws {
        let shelly = ShellyEmulator()
        shelly.fault = .garbageBody
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let error = try await #require(throws: PlugError.self) { try await ShellyPlug(host: host, port: port).status() }
        guard case .badReply(let why) = error.kind else {
            Issue.record("expected a bad reply, got \(error)")
            return
        }
        #expect(why.hasPrefix("not JSON (malformed JSON at byte 0"))
        #expect(shelly.socket.isOn)
    }

    @Test func serverErrorLeavesTheSocketAlone() async throws {
        let shelly = ShellyEmulator()
        shelly.fault = .serverError
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let error = try await #require(throws: PlugError.self) { try await ShellyPlug(host: host, port: port).setOn(false) }
        #expect(error.reason == "HTTP 500: 500 Internal Server Error")
        #expect(shelly.socket.isOn)
    }
}

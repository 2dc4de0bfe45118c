import HearthCore
import HearthEmulators
import HearthPlugs
import Testing

/// `TasmotaPlug` against the emulated Tasmota (127.0.0.102).
@Suite struct TasmotaPlugTests {
    let host = Loopback.tasmota

    @Test func switchesAndReadsEnergyPower() async throws {
        let socket = EmulatedSocket(initiallyOn: false, watts: { Watts(71.6) })
        let tasmota = TasmotaEmulator(socket: socket)
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let plug = TasmotaPlug(host: host, port: port)
        #expect(plug.name == "tasmota \(host):\(port)")
        #expect(try await plug.status() == PlugStatus(isOn: false, watts: Watts(0)))
        try await plug.setOn(true)
        #expect(socket.isOn)
        // Tasmota reports whole watts.
        #expect(try await plug.status() == PlugStatus(isOn: true, watts: Watts(72)))
        try await plug.setOn(false)
        #expect(socket.switchings == 2)
    }

    @Test func passwordGoesAsQueryParameters() async throws {
        let tasmota = TasmotaEmulator(password: "web&pw")
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let plug = TasmotaPlug(host: host, port: port, password: "web&pw")
        try await plug.setOn(false)
        #expect(tasmota.socket.isOn == false)
        #expect(tasmota.counters.refusedForCredentials == 0)
    }

    @Test func missingOrWrongPasswordIsAnAuthenticationFailure() async throws {
        let tasmota = TasmotaEmulator(password: "web-pw")
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let missing = try await #require(throws: PlugError.self) { try await TasmotaPlug(host: host, port: port).setOn(false) }
        #expect(missing.isAuthenticationFailure)
        #expect(missing.reason.contains("give it in the plug spec (tasmota://admin:password@host)"))
        let wrong = try await #require(throws: PlugError.self) {
            try await TasmotaPlug(host: host, port: port, password: "guess-pw").setOn(false)
        }
        #expect(wrong.isAuthenticationFailure)
        #expect(wrong.description
            == "plug tasmota \(host):\(port), GET /cm?user=admin&password=<hidden>&cmnd=Power%20Off: not authorised: wrong user or password (user 'admin')")
        #expect(tasmota.socket.isOn)
    }

    @Test func plugWithoutEnergyMonitorHasNoWatts() async throws {
        let tasmota = TasmotaEmulator(metering: false)
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        #expect(try await TasmotaPlug(host: host, port: port).status() == PlugStatus(isOn: true, watts: nil))
    }

    @Test func silentPlugTimesOutNamingTheCommand() async throws {
        let tasmota = TasmotaEmulator()
        tasmota.fault = .notAnswering
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let plug = TasmotaPlug(host: host, port: port, options: HTTPClientOptions(responseTimeout: .milliseconds(200)))
        let error = try await #require(throws: PlugError.self) { try await plug.setOn(true) }
        #expect(error.description == "plug tasmota \(host):\(port), GET /cm?cmnd=Power%20On: no response within 200 ms")
    }
}

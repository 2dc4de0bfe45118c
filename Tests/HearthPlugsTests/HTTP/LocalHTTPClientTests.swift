import HearthCore
import HearthEmulators
import HearthSupport
import Testing

@testable import HearthPlugs

/// The HTTP client against the emulated plugs on 127.0.0.100 (port 0 each).
@Suite struct LocalHTTPClientTests {
    let host = Loopback.httpClient

    func client(_ port: Int, _ credentials: HTTPCredentials? = nil, options: HTTPClientOptions = HTTPClientOptions())
        -> LocalHTTPClient
    {
        LocalHTTPClient(endpoint: HTTPEndpoint(kind: "shelly", host: host, port: port), credentials: credentials, options: options)
    }

    @Test func getReadsStatusHeadersAndBody() async throws {
        let shelly = ShellyEmulator(socket: EmulatedSocket(watts: { Watts(65.2) }))
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let response = try await client(port).send(.get("/rpc/Switch.GetStatus", query: [.init("id", "0")]))
        #expect(response.status == 200)
        #expect(response.values(of: "content-type") == ["application/json"])
        let json = try JSONParser.parse(response.body)
        #expect(json["output"] == .bool(true))
        #expect(json["apower"]?.doubleValue == 65.2)
    }

    @Test func postSendsAJSONBody() async throws {
        let shelly = ShellyEmulator(socket: EmulatedSocket(initiallyOn: true))
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let response = try await client(port).send(.post("/rpc/Switch.Set", json: .object([("id", .integer(0)), ("on", .bool(false))])))
        #expect(response.status == 200)
        #expect(try JSONParser.parse(response.body)["was_on"] == .bool(true))
        #expect(shelly.socket.isOn == false)
    }

    @Test func digestIsAnsweredAndItsNonceReused() async throws {
        let shelly = ShellyEmulator(password: "pässwörd:@/", nonceReuse: true)
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let c = client(port, HTTPCredentials(username: "admin", password: "pässwörd:@/", scheme: .digest))
        for _ in 0..<3 {
            let response = try await c.send(.get("/rpc/Switch.GetStatus", query: [.init("id", "0")]))
            #expect(response.status == 200)
        }
        // One 401 round trip, then the nonce is reused with nc 2 and 3.
        #expect(await c.counters.requests == 4)
        #expect(await c.counters.challenges == 1)
        #expect(shelly.counters.refusedForCredentials == 1)
    }

    @Test func digestWorksWithFirmwareThatTakesEachNonceOnce() async throws {
        let shelly = ShellyEmulator(password: "pw", nonceReuse: false)
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let c = client(port, HTTPCredentials(username: "admin", password: "pw", scheme: .digest))
        for _ in 0..<3 {
            #expect(try await c.send(.get("/rpc/Switch.GetStatus", query: [.init("id", "0")])).status == 200)
        }
        #expect(await c.counters.requests == 6)
    }

    @Test func wrongDigestPasswordIsOneClearErrorWithoutThePassword() async throws {
        let shelly = ShellyEmulator(password: "right")
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let c = client(port, HTTPCredentials(username: "admin", password: "wrong-secret", scheme: .digest))
        let error = try await #require(throws: HTTPClientError.self) {
            try await c.send(.get("/rpc/Switch.GetStatus", query: [.init("id", "0")]))
        }
        #expect(error.isAuthenticationFailure)
        #expect(error.description == "shelly \(host):\(port), GET /rpc/Switch.GetStatus?id=0: not authorised: wrong user or password (user 'admin')")
        #expect(!error.description.contains("wrong-secret"))
        #expect(await c.counters.requests == 2)
    }

    @Test func missingCredentialsSayWhereToPutThem() async throws {
        let shelly = ShellyEmulator(password: "pw")
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let error = try await #require(throws: HTTPClientError.self) { try await client(port).send(.get("/rpc/Switch.GetStatus")) }
        #expect(error.reason == "not authorised: the device wants a password; give it in the plug spec (user:password@host)")
    }

    @Test func basicIsAnsweredThenSentUpFront() async throws {
        let tasmota = TasmotaEmulator(auth: .basic(user: "admin", password: "pw"))
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let c = client(port, HTTPCredentials(username: "admin", password: "pw"))
        for _ in 0..<2 {
            let response = try await c.send(.get("/cm", query: [.init("cmnd", "Power")]))
            #expect(try JSONParser.parse(response.body)["POWER"] == .string("ON"))
        }
        #expect(await c.counters.requests == 3)
        let wrong = client(port, HTTPCredentials(username: "admin", password: "nope", scheme: .basic))
        let error = try await #require(throws: HTTPClientError.self) { try await wrong.send(.get("/cm")) }
        #expect(error.isAuthenticationFailure)
        #expect(await wrong.counters.requests == 1)
    }

    @Test func digestOnlyCredentialsRefuseABasicChallenge() async throws {
        let tasmota = TasmotaEmulator(auth: .basic(user: "admin", password: "pw"))
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let c = client(port, HTTPCredentials(username: "admin", password: "pw", scheme: .digest))
        let error = try await #require(throws: HTTPClientError.self) { try await c.send(.get("/cm")) }
        #expect(error.reason.contains("Basic authentication, which would send the password in clear"))
        // The password never went out: one request, refused for having no credentials.
        #expect(await c.counters.requests == 1)
        #expect(tasmota.counters.refusedForCredentials == 1)
    }

    @Test func nonSuccessStatusCarriesTheBody() async throws {
        let shelly = ShellyEmulator()
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let error = try await #require(throws: HTTPClientError.self) {
            try await client(port).sendExpectingSuccess(.get("/rpc/Nope.Nothing"))
        }
        #expect(error.kind == .status(code: 404, body: #"{"code":404,"message":"No handler for Nope.Nothing"}"#))
    }

    @Test func responseOverTheLimitIsRefused() async throws {
        let shelly = ShellyEmulator()
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let c = client(port, options: HTTPClientOptions(maxResponseBytes: 40))
        let error = try await #require(throws: HTTPClientError.self) { try await c.send(.get("/rpc/Switch.GetStatus", query: [.init("id", "0")])) }
        #expect(error.kind == .responseTooLarge(limit: 40))
    }

    @Test func nothingListeningIsRefused() async throws {
        let shelly = ShellyEmulator()
        let port = try await shelly.start(host: host)
        await shelly.stop()
        let error = try await #require(throws: HTTPClientError.self) { try await client(port).send(.get("/shelly")) }
        #expect(error.kind == .refused)
        #expect(error.description.hasPrefix("shelly \(host):\(port), GET /shelly: connection refused"))
    }
}

import HearthEmulators
import Testing

@testable import HearthPlugs

/// Each emulated fault gives one clear, typed error (127.0.0.103).
@Suite struct HTTPFaultTests {
    let host = Loopback.faults
    let quick = HTTPClientOptions(connectTimeout: .seconds(2), responseTimeout: .milliseconds(300))

    func failure(_ fault: EmulatedPlugFault) async throws -> HTTPClientError {
        let shelly = ShellyEmulator()
        shelly.fault = fault
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let client = LocalHTTPClient(endpoint: HTTPEndpoint(kind: "shelly", host: host, port: port), options: quick)
        return try await #require(throws: HTTPClientError.self) {
            try await client.sendExpectingSuccess(.get("/rpc/Switch.Set", query: [.init("id", "0"), .init("on", "false")]))
        }
    }

    @Test func silentDeviceTimesOut() async throws {
        let error = try await failure(.notAnswering)
        #expect(error.kind == .responseTimedOut(milliseconds: 300, sawHead: false))
        #expect(error.description.hasSuffix("GET /rpc/Switch.Set?id=0&on=false: no response within 300 ms"))
    }

    @Test func slowDeviceTimesOut() async throws {
        #expect(try await failure(.slow(.seconds(5))).kind == .responseTimedOut(milliseconds: 300, sawHead: false))
    }

    @Test func closedConnectionIsNamed() async throws {
        #expect(try await failure(.closesAtOnce).kind == .closedEarly(sawHead: false))
    }

    @Test func garbageIsNotHTTP() async throws {
        let error = try await failure(.garbage)
        guard case .notHTTP = error.kind else {
            Issue.record("expected notHTTP, got \(error)")
            return
        }
    }

    @Test func serverErrorIsAStatus() async throws {
        #expect(try await failure(.serverError).kind == .status(code: 500, body: "500 Internal Server Error"))
    }

    @Test func oneShotFaultThenRecovery() async throws {
        let shelly = ShellyEmulator()
        shelly.inject(.closesAtOnce, times: 1)
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let client = LocalHTTPClient(endpoint: HTTPEndpoint(kind: "shelly", host: host, port: port))
        await #expect(throws: HTTPClientError.self) { try await client.send(.get("/rpc/Switch.GetStatus?id=0")) }
        #expect(try await client.send(.get("/rpc/Switch.GetStatus", query: [.init("id", "0")])).status == 200)
    }
}

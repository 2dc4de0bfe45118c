import Foundation
import Glibc
import HearthBoardFiles
import HearthCore
import Logging
import ServiceLifecycle
import Testing
@testable import HearthDaemon

/// The live API's answers to methods and idle connections, on loopback addresses of
/// this suite (127.0.0.201–205): 405 with `Allow` wherever the OpenAPI document does
/// not declare a method, the documented ones routed, `{}` refused, a silent
/// connection closed by the idle timer while an event stream stays open.
@Suite struct ContractMethodTests {
    static let token = "contract-method-token-0123456789"

    @Test func undeclaredMethodsGet405WithTheDocumentedAllow() async throws {
        try await withAPI(host: "127.0.0.201") { host, port in
            let table = DocumentedMethods.table
            #expect(table["/v1/settings"] == [.get, .patch])
            #expect(table["/v1/trips/clear"] == [.post])
            for (path, methods) in table where path.hasPrefix("/v1/") || path == "/metrics" {
                for method in ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"] where !methods.map(\.rawValue).contains(method) {
                    let reply = try await Self.http(host: host, port: port, method: method, path: path)
                    #expect(reply.status == 405, "\(method) \(path): \(reply.status)")
                    #expect(reply.headers["allow"] == methods.map(\.rawValue).joined(separator: ", "), "\(method) \(path)")
                    #expect(reply.body.contains("\"error\""), "\(method) \(path): \(reply.body)")
                }
            }
            // A trailing slash is the same path to the router, so the same answer.
            #expect(try await Self.http(host: host, port: port, method: "DELETE", path: "/v1/status/").status == 405)
            // Unknown paths stay 404; declared methods reach their handler.
            #expect(try await Self.http(host: host, port: port, method: "DELETE", path: "/v1/nothing").status == 404)
            #expect(try await Self.http(host: host, port: port, method: "GET", path: "/v1/limits").status == 200)
            #expect(try await Self.http(host: host, port: port, method: "GET", path: "/v1/openapi.json").status == 200)
        }
    }

    @Test func anEmptyChangeIsRefused() async throws {
        try await withAPI(host: "127.0.0.202") { host, port in
            let auth = ["Authorization": "Bearer \(Self.token)", "Content-Type": "application/json"]
            let empty = try await Self.http(host: host, port: port, method: "PATCH", path: "/v1/settings", headers: auth, body: "{}")
            #expect(empty.status == 400)
            #expect(empty.body.contains("at least one of"))
            let real = try await Self.http(host: host, port: port, method: "PATCH", path: "/v1/settings", headers: auth, body: #"{"mode":"eco"}"#)
            #expect(real.status == 200)
            // A frequency far past Int64 once trapped in formatting the refusal.
            let huge = try await Self.http(host: host, port: port, method: "PATCH", path: "/v1/settings", headers: auth,
                                           body: #"{"point_override": 2.0926988245591535e+98}"#)
            #expect(huge.status == 422)
        }
    }

    @Test func aSilentConnectionIsClosedByTheIdleTimer() async throws {
        let limits = HTTPLimits(maxConnections: 8, idleTimeout: .milliseconds(500))
        try await withAPI(host: "127.0.0.203", limits: limits) { host, port in
            let started = ContinuousClock.now
            let closed = try await Self.offThread { try Self.waitForServerClose(host: host, port: port, send: "", within: 10) }
            #expect(closed, "the server kept a silent connection open for 10 s")
            #expect(ContinuousClock.now - started >= .milliseconds(400))
            // A request head trickled and never finished is idle too.
            let trickled = try await Self.offThread { try Self.waitForServerClose(host: host, port: port, send: "GET /v1/limits HTTP/1.1\r\nHost: x\r\n", within: 10) }
            #expect(trickled, "a half request head held the connection")
        }
    }

    // MARK: the API on a loopback address

    func withAPI(host: String, port: Int = 8401, limits: HTTPLimits = .standard,
                 _ body: (String, Int) async throws -> Void) async throws {
        let dir = NSTemporaryDirectory() + "hearth-contract-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let board = try BoardCatalog(directory: ServiceTests.boards).board(id: "avalon-nano3s")
        let state = DaemonState(board: board.profile, backend: "sim", store: SettingsStore(path: dir + "/settings.json"),
                                settings: DaemonSettings())
        let (running, signal) = AsyncStream<Void>.makeStream()
        let api = try APIService.make(listener: .tcp(host: host, port: port), state: state, metrics: DaemonMetrics(),
                                      token: Self.token, limits: limits, logger: Logger(label: "test.contract"),
                                      onRunning: { signal.yield() })
        let group = ServiceGroup(configuration: .init(services: [api], logger: Logger(label: "test.contract")))
        let server = Task { try await group.run() }
        defer { server.cancel() }
        for await _ in running { break }
        try await body(host, port)
        await group.triggerGracefulShutdown()
        _ = await server.result
    }

    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in DispatchQueue.global().async { c.resume(with: Result { try work() }) } }
    }

    static func http(host: String, port: Int, method: String, path: String,
                     headers: [String: String] = [:], body: String = "") async throws -> DashboardTests.Reply {
        try await offThread {
            let fd = try connectTo(host: host, port: port)
            defer { close(fd) }
            let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
            let request = Array("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n\(extra)Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)".utf8)
            guard send(fd, request, request.count, 0) == request.count else { throw POSIXError(.EIO) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            for _ in 0..<1_000 {
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { break }
                bytes += chunk[..<n]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let split = text.range(of: "\r\n\r\n") else { throw POSIXError(.EBADMSG) }
            let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
            var fields: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return DashboardTests.Reply(status: Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0,
                                        headers: fields, body: String(text[split.upperBound...]))
        }
    }

    /// Connects, sends `send` and waits (bounded) for the server to close: true when it did.
    static func waitForServerClose(host: String, port: Int, send text: String, within seconds: Int) throws -> Bool {
        let fd = try connectTo(host: host, port: port, receiveTimeout: seconds)
        defer { close(fd) }
        if !text.isEmpty { _ = Array(text.utf8).withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, 0) } }
        var chunk = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<100 {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 { return true }           // orderly close by the server
            if n < 0 { return errno == ECONNRESET }
        }
        return false
    }

    static func connectTo(host: String, port: Int, receiveTimeout: Int = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        return fd
    }
}

import Foundation
import HearthBoardFiles
import HearthCore
@testable import HearthDaemon
import Logging
import ServiceLifecycle
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The phone dashboard as a browser meets it: served from the binary with the right
/// types, a policy that runs only its own files, caching that a new build defeats,
/// small enough for a Pi, and limits taken from the validator. (The page's behaviour
/// in a real browser is Tests/Acceptance/test_dashboard.py.)
@Suite(.timeLimit(.minutes(1))) struct DashboardTests {
    /// Gzip-free bytes of page + style + script + icon; measured 20 908 when written.
    static let sizeLimit = 32 * 1024

    @Test func pageAndAssetsHaveTheirTypesPolicyAndCaching() async throws {
        try await withAPI(host: "127.0.0.121") { get in
            let page = try await get("/", [:])
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["cache-control"] == "no-cache")
            #expect(page.headers["x-content-type-options"] == "nosniff")
            let csp = try #require(page.headers["content-security-policy"])
            for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"] {
                #expect(csp.contains(directive), "CSP lacks \(directive)")
            }
            #expect(!csp.contains("unsafe"), "CSP allows inline code or eval: \(csp)")
            // Nothing inline for the policy to refuse: every script has a src, no style attributes or handlers.
            #expect(!page.body.contains("<script>") && !page.body.contains("<style") && !page.body.contains(" style="))
            #expect(page.body.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)

            let etag = try #require(page.headers["etag"])
            #expect(try await get("/", ["If-None-Match": etag]).status == 304)
            #expect(try await get("/", ["If-None-Match": "\"stale\""]).status == 200)

            for (asset, type) in [(Dashboard.style, "text/css; charset=utf-8"), (Dashboard.script, "text/javascript; charset=utf-8"),
                                  (Dashboard.icon, "image/svg+xml")] {
                #expect(page.body.contains("\"\(asset.path)\""), "the page does not link \(asset.path)")
                let r = try await get(asset.path, [:])
                #expect(r.status == 200 && r.headers["content-type"] == type, "\(asset.path): \(r.status) \(r.headers)")
                #expect(r.headers["cache-control"] == "public, max-age=31536000, immutable")
                #expect(r.body == asset.body)
            }
            #expect(try await get("/assets/dashboard.000000000000.js", [:]).status == 404)
        }
    }

    @Test func theDashboardIsSmall() {
        #expect(Dashboard.totalBytes < Self.sizeLimit, "\(Dashboard.totalBytes) bytes")
        // The asset names change with their bytes, so an immutable cache never serves an old build.
        #expect(DashboardAsset.hash("a") != DashboardAsset.hash("b"))
        #expect(Dashboard.script.path.hasPrefix("/assets/dashboard.") && Dashboard.script.path.hasSuffix(".js"))
    }

    @Test func limitsComeFromTheValidatorAndTheModes() async throws {
        try await withAPI(host: "127.0.0.122") { get in
            let r = try await get("/v1/limits", [:])
            #expect(r.status == 200 && r.headers["content-type"] == "application/json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
            let target = try #require(json["target"] as? [String: Double])
            #expect(target["min_c"] == TargetTemperature.range.lowerBound.value)
            #expect(target["max_c"] == TargetTemperature.range.upperBound.value)
            #expect(target["step_c"] == 0.5)
            #expect(json["modes"] as? [String] == Mode.allCases.map(\.rawValue))
            // Reads stay open on loopback; the page needs the token only to write.
            #expect(try await get("/v1/settings", [:]).status == 200)
        }
    }

    @Test func readsOnANetworkListenerNeedTheToken() {
        let token = "0123456789abcdef-token"
        func refusal(_ path: String, _ auth: String? = nil, token: String? = token, isRead: Bool = true) -> Int? {
            ReadTokenGate.refusal(isRead: isRead, path: path, token: token, authorization: auth).map { Int($0.status.code) }
        }
        #expect(refusal("/v1/status") == 401)
        #expect(refusal("/v1/events", "Bearer wrong") == 401)
        #expect(refusal("/metrics", "Bearer \(token)") == nil)
        #expect(refusal("/v1/status", token: nil) == 403)
        // The page itself loads, so it can ask for the token; writes are the routes' own check.
        #expect(refusal("/") == nil && refusal(Dashboard.script.path) == nil && refusal("/v1/openapi.json") == nil)
        #expect(refusal("/v1/settings", isRead: false) == nil)

        #expect(APIService.readsNeedToken(.tcp(host: "0.0.0.0", port: 8380), publicReads: false))
        #expect(!APIService.readsNeedToken(.tcp(host: "0.0.0.0", port: 8380), publicReads: true))
        #expect(!APIService.readsNeedToken(.tcp(host: "127.0.0.1", port: 8380), publicReads: false))
        #expect(!APIService.readsNeedToken(.unix(path: "/tmp/hearth-dashboard-test.sock"), publicReads: false))
    }

    @Test func publicReadsIsAConfigSwitchThatDefaultsOff() throws {
        #expect(try DaemonConfig(parsing: "[api]\ntcp = \"0.0.0.0:8380\"\n", file: "h.toml").publicReads == false)
        #expect(try DaemonConfig(parsing: "[api]\npublic_reads = true\n", file: "h.toml").publicReads == true)
        #expect(throws: DaemonConfigError(file: "h.toml", line: 2, key: "api.public_reads", problem: "expected true or false")) {
            try DaemonConfig(parsing: "[api]\npublic_reads = \"yes\"\n", file: "h.toml")
        }
    }

    // MARK: a daemon's API on a loopback address of this suite (127.0.0.120–139)

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    func withAPI(host: String, port: Int = 8380,
                 _ body: (_ get: @escaping @Sendable (String, [String: String]) async throws -> Reply) async throws -> Void) async throws {
        let dir = NSTemporaryDirectory() + "hearth-dashboard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let board = try BoardCatalog(directory: ServiceTests.boards).board(id: "avalon-nano3s")
        let store = SettingsStore(path: dir + "/settings.json")
        let state = DaemonState(board: board.profile, backend: "sim", store: store, settings: DaemonSettings())
        let (running, signal) = AsyncStream<Void>.makeStream()
        let api = try APIService.make(listener: .tcp(host: host, port: port), state: state, metrics: DaemonMetrics(),
                                      token: "0123456789abcdef-token", logger: Logger(label: "test.dashboard"),
                                      onRunning: { signal.yield() })
        let group = ServiceGroup(configuration: .init(services: [api], logger: Logger(label: "test.dashboard")))
        let server = Task { try await group.run() }
        defer { server.cancel() }
        for await _ in running { break }
        // The blocking socket calls run on a Dispatch thread: on the test's own (cooperative)
        // threads they could starve the handlers that must answer them.
        try await body { path, headers in
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try Self.httpGet(host: host, port: port, path: path, headers: headers) })
                }
            }
        }
        await group.triggerGracefulShutdown()
        _ = await server.result
    }

    /// HTTP/1.1 GET over a plain socket (`Connection: close`, 5 s receive timeout):
    /// enough to see exactly the bytes and headers a browser gets.
    static func httpGet(host: String, port: Int, path: String, headers: [String: String]) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(extra)Connection: close\r\n\r\n".utf8)
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
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: fields, body: String(text[split.upperBound...]))
    }
}

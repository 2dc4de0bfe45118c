import Foundation
import HearthStratum
import HearthTestPool
import Testing

@Suite struct ClientIPv6Tests {
    /// Containers without IPv6 have no ::1; there the test is skipped rather than failed.
    static let hasIPv6Loopback: Bool = {
        #if os(Linux)
        guard let table = try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8) else { return false }
        return table.split(separator: "\n").contains { $0.hasPrefix("00000000000000000000000000000001") }
        #else
        return true
        #endif
    }()

    @Test(.enabled(if: hasIPv6Loopback)) func minesOverIPv6Loopback() async throws {
        let (pool, port) = try await Loopback.pool { $0.host = "::1" }
        let config = PoolConfig(url: try PoolURL(parsing: "stratum+tcp://[::1]:\(port)"), user: "bc1qtest.heater")
        let loop = Loopback(pools: [config])
        let work = try #require(await loop.work(from: port))
        #expect(work.pool.url.host == "::1")
        await pool.closeAllConnections()
        #expect(await loop.recorder.wait { $0.contains { $0.disconnectReason(port: port) != nil } })
        #expect(!loop.logs.all.filter { $0.peer == "[::1]:\(port)" }.isEmpty)
        await loop.shutdown(pool)
    }
}

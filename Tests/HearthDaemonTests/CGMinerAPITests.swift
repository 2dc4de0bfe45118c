import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HearthBoardFiles
import HearthCGMinerAPI
import HearthCore
import HearthRuntime
import HearthSimulator
import HearthSupport
import Logging
import Testing

@testable import HearthDaemon

/// The daemon's cgminer-style API: writes through the settings path, and a flood of
/// clients that never delays a control tick (loopback 127.0.0.153–159).
@Suite(.timeLimit(.minutes(2))) struct CGMinerAPITests {
    func backend(_ rig: ServiceTests.Rig) -> DaemonCGMinerBackend {
        DaemonCGMinerBackend(state: rig.state, logger: Logger(label: "test.cgminer"))
    }

    func ask(_ b: DaemonCGMinerBackend, _ text: String, access: CGMinerAccess = .write) -> String {
        var backend = b
        let out = CGMinerRequestHandler().handle(Array(text.utf8), backend: &backend, access: access).reply
        return String(decoding: out.dropLast(), as: UTF8.self)
    }

    @Test func workLevelCapsAtTheBoardsPointAndSoftOffTurnsTheHeaterOff() throws {
        let rig = try ServiceTests.Rig(settings: DaemonSettings(mode: .quiet))
        defer { rig.cleanUp() }
        let b = backend(rig)
        #expect(ask(b, "ascset|0,worklevel,set,1").contains("Code=119"))
        #expect(rig.state.settings.pointOverride == "mid")
        // pyasic sends level 0 without its value.
        #expect(ask(b, "ascset|0,worklevel,set").contains("Code=119"))
        #expect(rig.state.settings.pointOverride == "low")
        let before = rig.state.settings
        #expect(ask(b, "ascset|0,worklevel,set,7").contains("Code=120"))
        #expect(rig.state.settings == before, "a refused level changes nothing")
        #expect(ask(b, "ascset|0,softoff,1:0").contains("success softoff"))
        #expect(rig.state.settings.mode == .off)
        #expect(ask(b, "ascset|0,softon,1:0").contains("success softon"))
        #expect(rig.state.settings.mode == .quiet, "softon returns to the last heating mode")
        #expect(ask(b, "ascset|0,softoff,1:0", access: .read).contains("Code=45"))
        #expect(rig.state.settings.mode == .quiet)
    }

    @Test func poolCommandsChangeTheSettingsPools() throws {
        let rig = try ServiceTests.Rig(settings: DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://127.0.0.1:9", user: "a", password: "secret")],
                                                                activePool: 0))
        defer { rig.cleanUp() }
        let b = backend(rig)
        #expect(ask(b, "addpool|stratum+tcp://127.0.0.1:10,b,x").contains("Code=55"))
        #expect(ask(b, "switchpool|1").contains("Code=27"))
        #expect(ask(b, "removepool|1").contains("Code=67"), "the active pool stays")
        #expect(ask(b, "removepool|0").contains("Code=68"))
        #expect(rig.state.settings.pools.map(\.url) == ["stratum+tcp://127.0.0.1:10"])
        #expect(rig.state.settings.activePool == 0)
        #expect(ask(b, "addpool|not-a-url,b,x").contains("Code=53"))
        #expect(ask(b, "switchpool|5").contains("Code=26"))
        #expect(!ask(b, "pools").contains("secret"))
    }

    @Test func readsShowTheStatusValues() throws {
        let rig = try ServiceTests.Rig()
        defer { rig.cleanUp() }
        let s = StatusSnapshot(board: "avalon-nano3s", boardName: "Avalon Nano 3S", backend: "sim", controlTime: 50, uptime: 42,
                               mode: "heat", target: 21, scheduled: false, room: 20.5, chip: 71.6, inlet: nil, fanRPM: 2345,
                               fanDuty: 50, power: 101.4, hashing: true, operatingPoint: "mid", hashrate: 4.5e12, demand: 100,
                               ceiling: 140, reasons: [], trip: nil, mining: nil, settingsRevision: 0)
        rig.state.publish(s, event: nil)
        let estats = ask(backend(rig), "estats")
        for part in ["TMax[71]", "Fan1[2345]", "PS[0 0 27541 4 0 3756 101]", "GHSspd[4500.00]", "Elapsed[42]", "FanR[50%]"] {
            #expect(estats.contains(part), "\(part) in \(estats)")
        }
    }

    /// 150 clients at once, oversized and silent ones among them, while the loop ticks
    /// every 50 ms: the ticks keep their time.
    @Test func aFloodOfClientsNeverDelaysATick() async throws {
        let rig = try ServiceTests.Rig()
        defer { rig.cleanUp() }
        var config = CGMinerAPIConfig()
        try config.setListen("127.0.0.153:0")
        let server = CGMinerAPIServer(backend: backend(rig), allow: config.allow)
        let port = try await server.start(host: "127.0.0.153", port: 0)

        func tickFor(_ count: Int) async throws -> (late: [Duration], busy: [Duration]) {
            let clock = ContinuousClock()
            let start = clock.now
            var late: [Duration] = [], busy: [Duration] = []
            for i in 0..<count {
                let due = start + .milliseconds(50 * i)
                try await clock.sleep(until: due)
                late.append(clock.now - due)
                let t = Seconds(Double(i))
                let record = rig.loop.tick(at: ControlTime(monotonic: t, week: rig.plant.weekTime(at: t)))
                rig.plant.advance(from: t, by: Seconds(1))
                busy.append(record.timing.total)
            }
            return (late, busy)
        }
        let quiet = try await tickFor(40)
        // The clients run on their own thread (blocking sockets), not on the test's executor.
        let flood = AsyncStream<Int>.makeStream()
        Thread.detachNewThread {
            flood.continuation.yield(Self.flood(host: "127.0.0.153", port: port, rounds: 3, perRound: 150))
            flood.continuation.finish()
        }
        let loaded = try await tickFor(100)
        var closed = 0
        for await n in flood.stream { closed = n }
        let c = server.counters
        await server.stop()

        func p99(_ d: [Duration]) -> Double { d.sorted()[Int(Double(d.count - 1) * 0.99)].seconds * 1000 }
        print("cgminer flood: tick lateness p99 \(p99(quiet.late)) ms quiet, \(p99(loaded.late)) ms loaded; tick work p99 \(p99(quiet.busy)) / \(p99(loaded.busy)) ms; counters \(c); \(closed) connections closed")
        #expect(closed == 450)
        #expect(c.served > 0 && c.oversized > 0 && c.maxOpen <= 64)
        // The loop's own work stays small and the flood adds no lateness beyond what the
        // machine already shows (other suites run beside this one on two cores).
        #expect(p99(loaded.busy) < 50)
        #expect(p99(loaded.late) < max(100, 2 * p99(quiet.late) + 50))
    }

    /// `rounds` × `perRound` connections held open at once: every tenth sends 9000 bytes
    /// of an unclosed JSON object, every tenth of the first round nothing (closed at the
    /// idle timeout), the others `summary+estats+pools`. Returns how many the server closed.
    static func flood(host: String, port: Int, rounds: Int, perRound: Int) -> Int {
        var closed = 0
        for round in 0..<rounds {
            var fds: [Int32] = []
            for _ in 0..<perRound {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var addr = sockaddr_in()
                addr.sin_family = sa_family_t(AF_INET)
                addr.sin_port = in_port_t(UInt16(port).bigEndian)
                inet_pton(AF_INET, host, &addr.sin_addr)
                let ok = withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                if ok == 0 { fds.append(fd) } else { close(fd) }
            }
            for (i, fd) in fds.enumerated() {
                let text: [UInt8] = i % 10 == 0 ? Array(repeating: UInt8(ascii: "{"), count: 9000)
                    : (i % 10 == 1 && round == 0) ? [] : Array(#"{"command":"summary+estats+pools"}"#.utf8)
                if !text.isEmpty { _ = text.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
            }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            for fd in fds {
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    // Closed: an orderly end, or a reset where the server closed with request bytes unread (oversized).
                    if n == 0 || (n < 0 && errno == ECONNRESET) { closed += 1; break }
                    if n < 0 { break }
                }
                close(fd)
            }
        }
        return closed
    }
}

import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A unix datagram socket standing in for systemd's `$NOTIFY_SOCKET`.
final class NotifyReceiver {
    let path: String
    private let fd: Int32

    init() throws {
        path = "/tmp/hearth-n-\(UUID().uuidString.prefix(8)).sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw CLI.Timeout() }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)   // bounded reads
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Datagrams received until `deadline` or until `until` holds for what arrived so far.
    func collect(for seconds: Double, until: ([String]) -> Bool) -> [String] {
        var got: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !until(got) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { got.append(String(decoding: buffer[0..<n], as: UTF8.self)) }
        }
        return got
    }
}

@Suite(.serialized) struct NotifyAndEventsTests {
    @Test func sdNotifyReadyWatchdogAndStopping() throws {
        let receiver = try NotifyReceiver()
        let d = try TestDaemon()
        try d.start(speed: 10, environment: ["NOTIFY_SOCKET": receiver.path])
        let early = receiver.collect(for: 10) { msgs in
            msgs.contains { $0.contains("READY=1") } && msgs.contains { $0.contains("WATCHDOG=1") }
        }
        #expect(early.contains { $0.contains("READY=1") })
        #expect(early.contains { $0.contains("WATCHDOG=1") })
        #expect(d.stop() == 0)
        let late = receiver.collect(for: 5) { msgs in msgs.contains { $0.contains("STOPPING=1") } }
        #expect((early + late).contains { $0.contains("STOPPING=1") })
    }

    @Test func serverSentEventsStream() throws {
        let d = try TestDaemon()
        try d.start(speed: 10)
        let p = TestProcess.make(TestProcess.curl, ["-s", "-N", "-m", "4", "--unix-socket", d.socket, "http://hearth/v1/events"],
                                 sandbox: d.dir)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()   // curl stops itself after 4 s
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("data:"), "got: \(text.prefix(300))")
        #expect(d.stop() == 0)
    }
}

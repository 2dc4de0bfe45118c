#if os(Linux)
import Foundation
import Testing

/// Issue 14: the production BM13xx driver over LinuxSerialPort (`hearth asic --port
/// /dev/pts/N`) against the virtual chain serving the master side of a pty in another
/// process (`hearth internal serve-virtual-asic`). A pty moves bytes whatever the baud,
/// so the speed switch is checked as what it is there: the slave's termios field.
@Suite struct AsicPtyTests {
    /// Starts the server and returns it with the slave path it printed (read within ~10 s).
    private func startServer(sandbox: String, chips: Int) throws -> (process: Process, output: URL, slave: String) {
        let out = URL(fileURLWithPath: "\(sandbox)/serve-out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let server = TestProcess.hearth(["internal", "serve-virtual-asic", "--chips", String(chips), "--seconds", "90"],
                                        sandbox: sandbox)
        server.standardOutput = try FileHandle(forWritingTo: out)
        server.standardError = FileHandle.nullDevice
        try server.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("slave ") }) {
                return (server, out, String(line.dropFirst("slave ".count)))
            }
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + 0.05)
        }
        server.terminate()
        throw CLI.Timeout()
    }

    @Test(.timeLimit(.minutes(2)))
    func driverOverPtyEnumeratesSetsFrequencyAndGetsNonces() throws {
        let sandbox = try TestProcess.makeSandbox("pty")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let (server, serverOut, slave) = try startServer(sandbox: sandbox, chips: 2)
        defer { server.terminate(); server.waitUntilExit() }
        #expect(slave.hasPrefix("/dev/pts/"))

        let r = try CLI.run(["asic", "--port", slave, "--chips", "2", "--ticket-difficulty-scale", "1e-6",
                             "hash-test", "485", "--seconds", "1.5", "--json"], sandbox: sandbox, timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        let chips = try #require(json["chips"] as? [[String: Any]])
        #expect(chips.count == 2)
        #expect(chips.allSatisfy { $0["chip_id"] as? String == "1366" })
        #expect(chips.map { $0["address"] as? Int } == [0, 128])
        #expect(json["baud"] as? Int == 1_000_000)
        #expect(json["pll_mhz"] as? Double == 485)
        #expect((json["read_back_mhz"] as? [Double]) == [485, 485])
        #expect((json["nonces"] as? Int ?? 0) > 0)
        #expect(json["hardware_errors"] as? Int == 0)
        #expect(json["crc_errors"] as? Int == 0)

        // The driver's port really changed the terminal's speed, after enumerating at 115200.
        let seen = ((try? String(contentsOf: serverOut, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.hasPrefix("baud ") }
        #expect(seen == ["baud 115200", "baud 1000000"])
    }
}
#endif

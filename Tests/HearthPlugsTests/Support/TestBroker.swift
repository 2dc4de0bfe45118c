import Foundation
import Testing

/// A mosquitto of the test's own on one loopback address, port 1883: a temp directory
/// with its config (no persistence; anonymous, or a password file), started, waited for
/// (its own "running" line), killed at the end. Plus `mosquitto_sub`/`mosquitto_pub` as
/// independent peers.
final class TestBroker: Sendable {
    static var isInstalled: Bool {
        ["mosquitto", "mosquitto_sub", "mosquitto_pub", "mosquitto_passwd", "stdbuf"].allSatisfy { TestProcess.find($0) != nil }
    }

    static let notInstalled: Comment = "mosquitto is not installed: run scripts/bootstrap (mosquitto, mosquitto-clients)"

    let host: String
    let port = 1883
    private let directory: URL
    private let broker: TestProcess
    private let users: [String: String]?

    init(host: String, users: [String: String]? = nil) async throws {
        self.host = host
        self.users = users
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-plug-broker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = ["listener \(port) \(host)", "persistence false", "log_dest stderr", "log_type error",
                      "log_type warning", "log_type notice", "log_type information", "allow_anonymous \(users == nil)"]
        if getuid() == 0 { config.append("user root") }
        if let users {
            let file = directory.appendingPathComponent("passwd").path
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            for (user, password) in users {
                let tool = try TestProcess(TestProcess.find("mosquitto_passwd")!, ["-b", file, user, password])
                guard await tool.waitForExit() == 0 else { throw BrokerDidNotStart(output: tool.lines.joined(separator: "\n")) }
            }
            config.append("password_file \(file)")
        }
        let path = directory.appendingPathComponent("mosquitto.conf").path
        try config.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        broker = try TestProcess(TestProcess.find("mosquitto")!, ["-c", path])
        let settled = await broker.wait { $0.contains { $0.hasSuffix(" running") || $0.contains("Error") } }
        guard settled, broker.lines.contains(where: { $0.hasSuffix(" running") }) else {
            broker.kill()
            throw BrokerDidNotStart(output: broker.lines.joined(separator: "\n"))
        }
    }

    func kill() { broker.kill() }

    deinit {
        broker.kill()
        try? FileManager.default.removeItem(at: directory)
    }

    private var auth: [String] {
        guard let (user, password) = users?.first else { return [] }
        return ["-u", user, "-P", password]
    }

    /// `mosquitto_sub` on `topic`; each message a line `MSG <topic> <payload>`.
    func subscriber(_ topic: String) async throws -> TestProcess {
        let sub = try TestProcess(TestProcess.find("stdbuf")!, ["-oL", TestProcess.find("mosquitto_sub")!, "-h", host, "-p", "\(port)",
                                                               "-t", topic, "-q", "1", "-d", "-F", "MSG %t %p"] + auth)
        guard await sub.wait({ $0.contains { $0.contains("SUBACK") } }) else { throw BrokerDidNotStart(output: sub.lines.joined(separator: "\n")) }
        return sub
    }

    struct BrokerDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "mosquitto (or a client of it) did not start:\n\(output)" }
    }
}

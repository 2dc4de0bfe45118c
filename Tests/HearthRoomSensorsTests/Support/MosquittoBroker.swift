import Foundation
import Synchronization

/// A mosquitto of the test's own on one loopback address (127.0.0.140…149, port 1883):
/// a temporary config (no persistence, anonymous or a password file), started, checked
/// to be listening, killed by its pid at the end. Skipped, with a message, when
/// mosquitto is not installed (scripts/bootstrap installs it). Nothing here blocks a
/// thread of the test's task pool: child processes are awaited with bounded waits.
final class MosquittoBroker: @unchecked Sendable {
    static let executable = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let publisher = "/usr/bin/mosquitto_pub"
    static let passwordTool = "/usr/bin/mosquitto_passwd"
    static var isInstalled: Bool {
        executable != nil && [publisher, passwordTool].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let host: String
    let port = 1883
    private let directory: URL
    private var process: Process?
    private let output = TextBox()

    init(host: String, users: [String: String]? = nil) async throws {
        self.host = host
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-room-mqtt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = ["listener \(port) \(host)", "persistence false", "log_dest stderr", "log_type all",
                      "allow_anonymous \(users == nil)"]
        if getuid() == 0 { config.append("user root") }   // else it drops to a user that can't read our files
        if let users {
            let file = directory.appendingPathComponent("passwd").path
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            for (user, password) in users {
                guard try await Self.run(Self.passwordTool, ["-b", file, user, password]) == 0 else {
                    throw BrokerFailed(log: "mosquitto_passwd failed")
                }
            }
            config.append("password_file \(file)")
        }
        try (config.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("mosquitto.conf"),
                                                          atomically: true, encoding: .utf8)
    }

    /// Starts the broker; returns once its log says it is running (at most 10 s).
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = ["-c", directory.appendingPathComponent("mosquitto.conf").path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil   // end of file: the broker is gone
            } else {
                output.append(String(decoding: data, as: UTF8.self))
            }
        }
        try process.run()
        self.process = process
        try Self.watch(process.processIdentifier)
        let settled = await waitUntil(timeout: .seconds(10)) {
            output.text.contains(" running") || output.text.contains("Error") || !process.isRunning
        }
        guard settled, log.contains(" running"), !log.contains("Error") else {
            kill()
            throw BrokerFailed(log: log)
        }
    }

    var log: String { output.text }

    /// SIGKILL, as a crash or a power cut would end it; returns once it is gone (bounded).
    func stop() async {
        kill()
        _ = await waitUntil(timeout: .seconds(10)) { !(process?.isRunning ?? false) }
    }

    private func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// `mosquitto_pub` as an independent publisher (QoS 1: it returns once the broker has the message).
    func publish(_ topic: String, _ payload: String, retain: Bool = false, user: String? = nil,
                 password: String? = nil) async throws {
        var arguments = ["-h", host, "-p", "\(port)", "-t", topic, "-m", payload, "-q", "1"]
        if retain { arguments.append("-r") }
        if let user { arguments += ["-u", user] }
        if let password { arguments += ["-P", password] }
        let status = try await Self.run(Self.publisher, arguments)
        guard status == 0 else { throw PublishFailed(status: status) }
    }

    /// Runs a tool to its end (at most 10 s) and returns its exit status; nil if it hung.
    private static func run(_ path: String, _ arguments: [String]) async throws -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let status = TextBox()
        process.terminationHandler = { status.append("\($0.terminationStatus)") }
        try process.run()
        guard await waitUntil(timeout: .seconds(10), { !status.text.isEmpty }) else {
            process.terminate()
            return nil
        }
        return Int32(status.text)
    }

    /// Kills the broker if this test process dies first (a crash or a time limit never reaches deinit).
    private static func watch(_ child: Int32) throws {
        let me = ProcessInfo.processInfo.processIdentifier
        _ = try Process.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c",
            "while kill -0 \(me) 2>/dev/null && kill -0 \(child) 2>/dev/null; do sleep 0.2; done; "
                + "kill -0 \(me) 2>/dev/null || kill -9 \(child) 2>/dev/null"])
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Text written by another thread (a pipe reader, a termination handler).
    final class TextBox: Sendable {
        private let storage = Mutex<String>("")
        var text: String { storage.withLock { $0 } }
        func append(_ more: String) { storage.withLock { $0 += more } }
    }

    struct BrokerFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "mosquitto did not start:\n\(log)" }
    }

    struct PublishFailed: Error {
        var status: Int32?
    }
}

import Foundation
import Testing

/// A mosquitto broker of the test's own: a temp directory with its config (one loopback
/// listener, no persistence, anonymous or a password file), started, checked to accept
/// connections, and killed at the end.
final class Mosquitto: @unchecked Sendable {
    static let broker = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static func client(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var isInstalled: Bool {
        broker != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/stdbuf") && client("mosquitto_sub") != nil && client("mosquitto_pub") != nil && client("mosquitto_passwd") != nil
    }

    static let notInstalled: Comment = "mosquitto is not installed: run scripts/bootstrap (mosquitto, mosquitto-clients)"

    let host: String
    let port: Int
    let directory: URL
    private(set) var process: ChildProcess?

    /// - Parameter users: name → password; nil lets anyone in.
    init(host: String, port: Int = 1883, users: [String: String]? = nil) async throws {
        self.host = host
        self.port = port
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-mosquitto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = [
            "listener \(port) \(host)",
            "persistence false",
            "log_dest stderr",  // unbuffered: the test reads the log as it happens (stdout to a pipe is not)
            "log_type all",
            "allow_anonymous \(users == nil)",
        ]
        // As root, mosquitto would switch to its own user, which can't read our temp files.
        if getuid() == 0 { config.append("user root") }
        if let users {
            let file = directory.appendingPathComponent("passwd").path
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            for (user, password) in users {
                let tool = try ChildProcess(Self.client("mosquitto_passwd")!, ["-b", file, user, password])
                guard await tool.waitForExit() == 0 else { throw BrokerDidNotStart(output: tool.output) }
            }
            config.append("password_file \(file)")
        }
        try config.joined(separator: "\n").appending("\n")
            .write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
    }

    /// Starts the broker and returns once it says it is running (bounded). A broker that
    /// can't listen (the address is taken) is an error with its own log, not a silent pass.
    func start() async throws {
        let child = try ChildProcess(Self.broker!, ["-c", directory.appendingPathComponent("mosquitto.conf").path])
        process = child
        let settled = await child.lines.wait { lines in lines.contains { $0.hasSuffix(" running") || $0.contains("Error") } }
        let lines = child.lines.events
        guard settled, lines.contains(where: { $0.hasSuffix(" running") }), !lines.contains(where: { $0.contains("Error") }) else {
            child.kill()
            throw BrokerDidNotStart(output: child.output)
        }
    }

    /// SIGKILL, as a crash or power cut would.
    func kill() { process?.kill() }

    var log: String { process?.output ?? "" }

    deinit {
        process?.kill()
        try? FileManager.default.removeItem(at: directory)
    }

    struct BrokerDidNotStart: Error, CustomStringConvertible {
        var output: String
        var description: String { "mosquitto did not start:\n\(output)" }
    }
}

/// `mosquitto_sub` as an independent subscriber: each message is one line `MSG topic qos retain payload`
/// (`@` and `%` are format codes in `-F`).
final class MosquittoSub: Sendable {
    let child: ChildProcess

    init(host: String, port: Int, topic: String, qos: Int = 1) throws {
        // Line-buffered, or its debug lines (the SUBACK) sit in a pipe buffer until the first message.
        child = try ChildProcess("/usr/bin/stdbuf", ["-oL", Mosquitto.client("mosquitto_sub")!,
                                 "-h", host, "-p", "\(port)", "-t", topic, "-q", "\(qos)", "-d", "-F", "MSG %t %q %r %p"])
    }

    /// True once the broker acknowledged the subscription.
    func subscribed() async -> Bool { await child.lines.wait { $0.contains { $0.contains("received SUBACK") } } }

    /// Messages as (topic, qos, retain, payload).
    var messages: [Message] {
        child.lines.events.compactMap { line in
            guard line.hasPrefix("MSG ") else { return nil }
            let parts = line.dropFirst(4).split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            return Message(topic: String(parts[0]), qos: Int(parts[1]) ?? -1, retain: parts[2] == "1", payload: String(parts[3]))
        }
    }

    func waitForMessages(_ count: Int, timeout: Duration = .seconds(30)) async -> Bool {
        await child.lines.wait(timeout: timeout) { $0.filter { $0.hasPrefix("MSG ") }.count >= count }
    }

    struct Message: Sendable, Hashable {
        var topic: String
        var qos: Int
        var retain: Bool
        var payload: String
    }

    deinit { child.kill() }
}

/// `mosquitto_pub` as an independent publisher; returns its exit status.
@discardableResult
func mosquittoPub(host: String, port: Int, topic: String, message: String, qos: Int = 0, retain: Bool = false)
    async throws -> Int32?
{
    var arguments = ["-h", host, "-p", "\(port)", "-t", topic, "-m", message, "-q", "\(qos)"]
    if retain { arguments.append("-r") }
    let child = try ChildProcess(Mosquitto.client("mosquitto_pub")!, arguments)
    return await child.waitForExit()
}

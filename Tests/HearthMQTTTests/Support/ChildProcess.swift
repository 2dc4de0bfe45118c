import Foundation

/// A process the test started (mosquitto, mosquitto_sub, mosquitto_pub), its output as
/// lines in a journal, killed by its own pid when the test is done with it.
final class ChildProcess: @unchecked Sendable {
    let lines = Journal<String>()
    let name: String
    private let process = Process()
    private let exited = Journal<Int32>()

    init(_ executable: String, _ arguments: [String]) throws {
        name = URL(fileURLWithPath: executable).lastPathComponent
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let exited = self.exited
        process.terminationHandler = { exited.record($0.terminationStatus) }
        try process.run()
        try Self.watch(process.processIdentifier)
        let lines = self.lines
        let reader = pipe.fileHandleForReading
        // A plain thread: blocking reads until EOF, split into lines.
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.record(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            if !pending.isEmpty { lines.record(String(decoding: pending, as: UTF8.self)) }
        }
    }

    /// A test that crashes or hits its time limit never reaches `kill()`: a small shell loop
    /// kills the child once this test process is gone (and ends by itself when the child does).
    private static func watch(_ child: Int32) throws {
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        let me = ProcessInfo.processInfo.processIdentifier
        watchdog.arguments = ["-c", "while kill -0 \(me) 2>/dev/null && kill -0 \(child) 2>/dev/null; do sleep 0.2; done; "
            + "kill -0 \(me) 2>/dev/null || kill -9 \(child) 2>/dev/null"]
        try watchdog.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// The exit status, once it exits within `timeout`; nil if it is still running then.
    func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        guard await exited.wait(timeout: timeout, { !$0.isEmpty }) else { return nil }
        return exited.events.first
    }

    /// SIGKILL: the process gets no chance to say goodbye (a crashed broker, a dead client).
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait.
    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    var output: String { lines.events.joined(separator: "\n") }

    deinit { kill() }
}

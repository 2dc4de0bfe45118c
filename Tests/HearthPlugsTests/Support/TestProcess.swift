import Foundation
import Synchronization

/// A process a test starts (mosquitto, mosquitto_sub, mosquitto_pub): its output
/// collected as lines a test can wait on, killed by its own pid when done. A watchdog
/// shell kills it if the test process dies first.
final class TestProcess: Sendable {
    private let process: Process
    private let output = Mutex<(lines: [String], waiters: [Int: (@Sendable ([String]) -> Bool, CheckedContinuation<Bool, Never>)], next: Int)>(([], [:], 0))

    init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        self.process = process
        process.terminationHandler = { [weak self] ended in self?.record(Self.exitPrefix + "\(ended.terminationStatus)") }
        try process.run()
        try Self.watch(process.processIdentifier)
        let reader = pipe.fileHandleForReading
        // Weak: the reader must not keep the process object (and so the process) alive.
        Thread.detachNewThread { [weak self] in
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    self?.record(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            if !pending.isEmpty { self?.record(String(decoding: pending, as: UTF8.self)) }
        }
    }

    /// A line of its own marks the exit, with the status after it.
    static let exitPrefix = "<exited> "

    var lines: [String] { output.withLock { $0.lines } }

    /// The exit status once it exits within `timeout`, else nil.
    func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        guard await wait(timeout: timeout, { $0.contains { $0.hasPrefix(Self.exitPrefix) } }) else { return nil }
        return lines.first { $0.hasPrefix(Self.exitPrefix) }.flatMap { Int32($0.dropFirst(Self.exitPrefix.count)) }
    }
    var isRunning: Bool { process.isRunning }

    /// True as soon as `condition` holds on the lines so far, false after `timeout`
    /// (generous: the suite shares two cores with simulations; a met condition returns at once).
    func wait(timeout: Duration = .seconds(30), _ condition: @escaping @Sendable ([String]) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let id: Int? = output.withLock { o in
                if condition(o.lines) { return nil }
                o.next += 1
                o.waiters[o.next] = (condition, continuation)
                return o.next
            }
            guard let id else { return continuation.resume(returning: true) }
            // Weak: a finished test must be able to drop (and so kill) its process before the deadline.
            Task { [weak self] in
                try? await Task.sleep(for: timeout)  // the deadline, not a wait for something to happen
                let waiter = self?.output.withLock { $0.waiters.removeValue(forKey: id) }
                waiter?.1.resume(returning: false)
            }
        }
    }

    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { kill() }

    private func record(_ line: String) {
        let ready: [CheckedContinuation<Bool, Never>] = output.withLock { o in
            o.lines.append(line)
            let met = o.waiters.filter { $0.value.0(o.lines) }
            for id in met.keys { o.waiters[id] = nil }
            return met.map(\.value.1)
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    private static func watch(_ child: Int32) throws {
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        let me = ProcessInfo.processInfo.processIdentifier
        watchdog.arguments = ["-c", "while kill -0 \(me) 2>/dev/null && kill -0 \(child) 2>/dev/null; do sleep 0.5; done; "
            + "kill -0 \(me) 2>/dev/null || kill -9 \(child) 2>/dev/null"]
        // Not the test's own output: swift test waits for it to close before it reaps the
        // test process, and until then the watchdog would see that process as alive.
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
    }

    static func find(_ name: String) -> String? {
        ["/usr/sbin/\(name)", "/usr/bin/\(name)", "/usr/local/sbin/\(name)", "/usr/local/bin/\(name)"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

import Foundation
@testable import HearthDaemon

/// A `hearth run` daemon on the simulator in a temporary directory, for tests.
final class TestDaemon {
    let dir: String
    var socket: String { "\(dir)/h.sock" }
    var stateFile: String { "\(dir)/settings.json" }
    private(set) var process: Process?
    /// Signalled when the last launched process exits.
    private(set) var exited = DispatchSemaphore(value: 0)

    init() throws {
        dir = try TestProcess.makeSandbox("t")
    }

    deinit {
        process?.terminate()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func start(extra: [String] = [], speed: Double = 300, environment: [String: String?] = [:]) throws {
        try launch(["run", "--board", "avalon-nano3s", "--speed", String(speed), "--socket", socket,
                    "--state-file", stateFile] + extra, environment: environment)
        // Bounded wait for the API to answer.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let r = try? cli(["status", "--json"]), r.status == 0 { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw CLI.Timeout()
    }

    /// Starts `hearth` with `arguments` in this daemon's sandbox, stderr to `log`.
    func launch(_ arguments: [String], environment: [String: String?] = [:]) throws {
        let p = TestProcess.hearth(arguments, sandbox: dir, environment: environment)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile(create: true)))
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        try p.run()
        process = p
        self.exited = exited
    }

    func logFile(create: Bool = false) -> String {
        let path = "\(dir)/daemon.log"
        if create && !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        return path
    }

    var log: String { (try? String(contentsOfFile: logFile(), encoding: .utf8)) ?? "" }

    func kill9() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    func stop() -> Int32? {
        guard let p = process else { return nil }
        p.terminate()
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        process = nil
        return p.isRunning ? nil : p.terminationStatus
    }

    func cli(_ args: [String]) throws -> CLI.Result {
        try CLI.run(args + ["--socket", socket], timeout: 30)
    }

    func status() throws -> [String: Any] {
        let r = try cli(["status", "--json"])
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
    }

    /// Raw HTTP over the unix socket with curl (the test's own independent client).
    func curl(_ method: String, _ path: String, body: String? = nil, headers: [String] = [], tcp: String? = nil) throws -> (status: Int, body: String) {
        var args = ["-s", "-m", "10", "-o", "-", "-w", "\n%{http_code}", "-X", method]
        if let tcp { args += ["http://\(tcp)\(path)"] } else { args += ["--unix-socket", socket, "http://hearth\(path)"] }
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        for h in headers { args += ["-H", h] }
        let p = TestProcess.make(TestProcess.curl, args, sandbox: dir)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }
}

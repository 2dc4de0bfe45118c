import Foundation

/// Runs the built `hearth` executable the way a person or a script does.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (same build), else the package's debug build.
    static var executable: URL {
        // The test runner sits in the build's bin directory whatever --scratch-path was used.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for dir in [Bundle.main.bundleURL.deletingLastPathComponent(), runner.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("hearth")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/hearth")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Timeout: Error {}

    /// Runs with a bounded wait (no test may hang on a stuck process), in a sandbox of
    /// its own (`TestProcess`). Output goes to files, so a chatty process never blocks
    /// on a full pipe.
    static func run(_ arguments: [String], timeout: TimeInterval = 120,
                    environment: [String: String?] = [:]) throws -> Result {
        let sandbox = try TestProcess.makeSandbox("x")
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        return try run(arguments, sandbox: sandbox, timeout: timeout, environment: environment)
    }

    /// The same, in a sandbox the caller owns (to look at what the process left there).
    static func run(_ arguments: [String], sandbox: String, timeout: TimeInterval = 120,
                    environment: [String: String?] = [:]) throws -> Result {
        let outPath = "\(sandbox)/out-\(UUID().uuidString.prefix(8))"
        let errPath = "\(sandbox)/err-\(UUID().uuidString.prefix(8))"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let p = TestProcess.hearth(arguments, sandbox: sandbox, environment: environment)
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            p.terminate()
            throw Timeout()
        }
        return Result(status: p.terminationStatus,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Starts `hearth pool` as its own process (as a hobbyist would) with a bounded life,
    /// and returns it with the port it printed (read within about 10 s).
    static func startPool(difficulty: Double, seconds: Int) throws -> (process: Process, port: Int) {
        let sandbox = try TestProcess.makeSandbox("p")
        let out = URL(fileURLWithPath: "\(sandbox)/out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        // The pool keeps its open file; the directory goes once the port is read.
        defer { try? FileManager.default.removeItem(atPath: sandbox) }
        let pool = TestProcess.hearth(["pool", "--port", "0", "--difficulty", String(difficulty), "--seconds", String(seconds)],
                                      sandbox: sandbox)
        pool.standardOutput = try FileHandle(forWritingTo: out)
        pool.standardError = FileHandle.nullDevice
        try pool.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let r = text.range(of: "127.0.0.1:"), let port = Int(text[r.upperBound...].prefix { $0.isNumber }) {
                return (pool, port)
            }
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + 0.05)
        }
        pool.terminate()
        throw Timeout()
    }
}

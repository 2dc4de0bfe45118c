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

    /// Runs with a bounded wait (no test may hang on a stuck process). Output goes to
    /// temporary files, so a chatty process never blocks on a full pipe.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> Result {
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("hearth-out-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent("hearth-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = root
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            p.terminate()
            throw Timeout()
        }
        return Result(status: p.terminationStatus,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Starts `hearth pool` as its own process (as a hobbyist would) with a bounded life,
    /// and returns it with the port it printed (read within about 10 s).
    static func startPool(difficulty: Double, seconds: Int) throws -> (process: Process, port: Int) {
        let out = URL(fileURLWithPath: "/tmp/hearth-p-\(UUID().uuidString.prefix(8))")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let pool = Process()
        pool.executableURL = executable
        pool.arguments = ["pool", "--port", "0", "--difficulty", String(difficulty), "--seconds", String(seconds)]
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

import Foundation

/// Runs the built `hearth` executable the way a person or a script does.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (same build), else the package's debug build.
    static var executable: URL {
        let besideTests = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hearth")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        // Linux runs the test binary itself from the build directory (any --scratch-path).
        let besideBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("hearth")
        if FileManager.default.isExecutableFile(atPath: besideBinary.path) { return besideBinary }
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
}

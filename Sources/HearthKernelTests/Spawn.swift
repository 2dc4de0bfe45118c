import Glibc

/// A child process with stdout and stderr in one file (the guest has no Foundation `Process`).
final class Child {
    let pid: pid_t
    let output: String

    init(_ argv: [String], output: String) throws {
        self.output = output
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw Expectation(description: "spawn \(argv[0]): errno \(rc)") }
        self.pid = pid
    }

    /// Sends `signal` and waits up to `seconds` for the exit; returns the exit status (nil: still running, killed).
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM, seconds: Double = 10) -> Int32? {
        kill(pid, signal)
        var status: Int32 = 0
        for _ in 0..<Int(seconds * 20) {
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
    }

    var text: String { FileText.read(output) }
}

enum FileText {
    /// The whole file as text (empty when it cannot be read); bounded at 4 MiB.
    static func read(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while out.count < 4 << 20 {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out += buf.prefix(n)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `text` in one call; `create: false` for sysfs attributes, which exist or are an error.
    static func write(_ text: String, _ path: String, create: Bool = true) throws {
        let fd = create ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) : open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Expectation(description: "open \(path): errno \(errno)") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count else { throw Expectation(description: "write \(path): errno \(errno)") }
    }
}

/// Runs `argv` to completion (bounded) and returns its output.
func runToEnd(_ argv: [String], output: String, seconds: Double = 20) throws -> (status: Int32?, text: String) {
    let child = try Child(argv, output: output)
    var status: Int32 = 0
    for _ in 0..<Int(seconds * 20) {
        if waitpid(child.pid, &status, WNOHANG) == child.pid { return ((status >> 8) & 0xFF, child.text) }
        usleep(50_000)
    }
    return (child.stop(SIGKILL, seconds: 1), child.text)
}

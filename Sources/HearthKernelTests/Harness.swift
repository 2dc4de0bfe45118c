import Glibc

/// A tiny assert harness for the qemu guest (no XCTest or Testing there):
/// one line per check, and a summary line the init script adds up.
final class Harness {
    private(set) var passed = 0
    private(set) var failed = 0

    /// Run one check; a thrown error or a false expectation fails it.
    func check(_ name: String, _ body: () throws -> Void) {
        do {
            try body()
            passed += 1
            print("ok - \(name)")
        } catch {
            failed += 1
            print("FAIL - \(name): \(error)")
        }
    }

    func summary(phase: String) {
        print("phase \(phase): \(passed) passed, \(failed) failed")
    }
}

/// A failed expectation inside a check.
struct Expectation: Error, CustomStringConvertible {
    var description: String
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw Expectation(description: message()) }
}

func expectEqual<T: Equatable>(_ a: T, _ b: T, _ what: String) throws {
    if a != b { throw Expectation(description: "\(what): got \(a), expected \(b)") }
}

/// Run `body`, which must throw; returns the error's text for further checks.
func expectError(_ what: String, _ body: () throws -> Void) throws -> String {
    do { try body() } catch { return "\(error)" }
    throw Expectation(description: "\(what): no error")
}

/// Whole-file helpers for the simulator's sysfs attributes.
enum Sysfs {
    static func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Expectation(description: "open \(path): errno \(errno)") }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 128)
        let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n >= 0 else { throw Expectation(description: "read \(path): errno \(errno)") }
        return String(decoding: buf.prefix(n), as: UTF8.self).filter { !$0.isWhitespace }
    }

    static func write(_ text: String, _ path: String) throws { try FileText.write(text, path, create: false) }
}

/// "--key value" pairs from the command line.
func option(_ key: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: "--\(key)"), i + 1 < args.count else { return nil }
    return args[i + 1]
}

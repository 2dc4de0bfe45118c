import Foundation
import Synchronization

/// Small terminal helpers: stderr output and a progress bar that only appears
/// on an interactive terminal.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress bar on stderr, redrawn in place; silent when stderr is not a terminal.
    /// Updated from whichever thread runs the simulation, one at a time (hence the lock).
    final class ProgressBar: Sendable {
        private let enabled: Bool
        private let label: String
        private let last = Mutex(-1)

        init(label: String, enabled: Bool) {
            self.label = label
            self.enabled = enabled && Terminal.stderrIsTerminal
        }

        func update(_ fraction: Double) {
            guard enabled else { return }
            let percent = Int((fraction * 100).rounded(.down))
            guard last.withLock({ p in defer { p = percent }; return p != percent }) else { return }
            let width = 30, filled = width * percent / 100
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
        }

        func finish() {
            guard enabled, last.withLock({ $0 >= 0 }) else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        }
    }

    static func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        catch { throw CLIError("cannot write \(path): \(error.localizedDescription)") }
    }

    static func read(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) }
        catch { throw CLIError("cannot read \(path): \(error.localizedDescription)") }
    }
}

import Foundation
import Logging

/// Collects log lines (level, message, metadata) so tests can check that errors name the peer.
final class LogCapture: @unchecked Sendable {
    struct Line: Sendable {
        var level: Logger.Level
        var message: String
        var peer: String?
    }

    private let lock = NSLock()
    private var lines: [Line] = []

    var all: [Line] { lock.withLock { lines } }

    func logger(_ label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(capture: self) }
        logger.logLevel = .debug
        return logger
    }

    fileprivate func append(_ line: Line) {
        lock.withLock {
            lines.append(line)
            if lines.count > 10_000 { lines.removeFirst(5_000) }
        }
    }

    /// Errors (or worse) whose text contains `text` and that name `peer` in their metadata.
    func errors(containing text: String, peer: String) -> [Line] {
        all.filter { $0.level >= .error && $0.message.contains(text) && $0.peer == peer }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(Line(level: event.level, message: event.message.description, peer: all["peer"].map { "\($0)" }))
        }
    }
}

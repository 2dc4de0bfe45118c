import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The settings file: JSON, replaced atomically so that a crash or `kill -9` at any
/// instant leaves either the old or the new file, never a mixture. A file that does
/// not parse is set aside under a `.corrupt-<timestamp>` name and reported, so a
/// person can look at it; it is never overwritten with defaults.
public final class SettingsStore: Sendable {
    public enum Loaded: Sendable, Equatable {
        case missing
        case loaded(DaemonSettings)
        /// The file was unreadable and now lives at `movedTo`.
        case corrupt(problem: String, movedTo: String)
    }

    public let path: String
    /// Writers are serialised: two API requests must not interleave their renames.
    private let lock = NIOLock()
    /// Set when a test process was given the machine's own settings file (see `DaemonPaths`):
    /// every load and save refuses before touching it.
    private let refusal: DaemonPathError?

    public init(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.path = path
        do { try DaemonPaths.refuseMachinePath(path, for: "the settings file", environment: environment); refusal = nil } catch {
            refusal = error
        }
    }

    public func load() throws(SettingsStoreError) -> Loaded {
        if let refusal { throw SettingsStoreError(refusal.description) }
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsStoreError("cannot read \(path)")
        }
        do {
            let settings = try JSONDecoder().decode(DaemonSettings.self, from: data)
            return .loaded(settings)
        } catch {
            let problem = data.isEmpty ? "the file is empty" : Self.describe(error)
            let aside = "\(path).corrupt-\(Int(Date().timeIntervalSince1970))"
            guard rename(path, aside) == 0 else {
                throw SettingsStoreError("\(path) is corrupt (\(problem)) and could not be moved aside: \(errnoText())")
            }
            return .corrupt(problem: problem, movedTo: aside)
        }
    }

    /// Returns once the new contents are on disk (file and directory entry synced).
    public func save(_ settings: DaemonSettings) throws(SettingsStoreError) {
        if let refusal { throw SettingsStoreError(refusal.description) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(settings) + Data("\n".utf8) } catch {
            throw SettingsStoreError("cannot encode settings: \(error)")
        }
        lock.lock()
        defer { lock.unlock() }
        try replaceFile(with: data)
    }

    private func replaceFile(with data: Data) throws(SettingsStoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        let temp = "\(dir)/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        // 0600: the file holds pool passwords.
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SettingsStoreError("cannot create \(temp): \(errnoText())") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let failure = ok ? "" : errnoText()
        close(fd)
        guard ok else {
            unlink(temp)
            throw SettingsStoreError("cannot write \(temp): \(failure)")
        }
        guard rename(temp, path) == 0 else {
            let e = errnoText()
            unlink(temp)
            throw SettingsStoreError("cannot rename \(temp) to \(path): \(e)")
        }
        // The rename is only durable once the directory entry is.
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw SettingsStoreError("cannot open \(dir) to sync it: \(errnoText())") }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw SettingsStoreError("cannot sync \(dir): \(errnoText())") }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): "not valid JSON (\(c.debugDescription))"
        case DecodingError.keyNotFound(let k, _): "missing key '\(k.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))': \(c.debugDescription)"
        default: "\(error)"
        }
    }
}

public struct SettingsStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

func errnoText() -> String { String(cString: strerror(errno)) }

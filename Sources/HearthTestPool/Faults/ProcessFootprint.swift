import Foundation

/// This process's open descriptors and resident memory, read from /proc (Linux): the
/// figures a leak per reconnect would move. Nil fields where /proc is not there.
public struct ProcessFootprint: Sendable, Hashable {
    public var openDescriptors: Int?
    public var residentBytes: Int?

    public static func now() -> ProcessFootprint {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).map(\.count)
        var rss: Int?
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int(fields[1]) { rss = pages * Int(sysconf(Int32(_SC_PAGESIZE))) }
        }
        return ProcessFootprint(openDescriptors: fds, residentBytes: rss)
    }
}

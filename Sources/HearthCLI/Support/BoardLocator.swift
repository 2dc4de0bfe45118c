import Foundation
import HearthBoardFiles
import HearthHAL

/// Finds board files: `--boards-dir`, then `$HEARTH_BOARDS`, then `./boards`,
/// then a `boards/` folder above the executable (so `swift run` and an
/// installed binary inside a checkout both work).
struct BoardLocator {
    var explicitDirectory: String?

    func directory() throws -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let d = explicitDirectory { candidates.append(d) }
        if let env = ProcessInfo.processInfo.environment["HEARTH_BOARDS"] { candidates.append(env) }
        candidates.append(fm.currentDirectoryPath + "/boards")
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("boards").path)
            dir = dir.deletingLastPathComponent()
        }
        var isDir: ObjCBool = false
        for c in candidates where fm.fileExists(atPath: c, isDirectory: &isDir) && isDir.boolValue { return c }
        if let d = explicitDirectory { throw CLIError("board directory '\(d)' does not exist") }
        throw CLIError("no boards/ directory found (looked in: \(candidates.joined(separator: ", "))); pass --boards-dir")
    }

    /// A board by id (file name without .toml) or by path to a .toml file.
    func load(_ idOrPath: String) throws -> BoardDefinition {
        if idOrPath.hasSuffix(".toml") || idOrPath.contains("/") {
            return try BoardLoader.load(path: idOrPath)
        }
        return try BoardCatalog(directory: try directory()).board(id: idOrPath)
    }
}

/// A one-line error for the user; ArgumentParser prints it and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

import HearthCore
import HearthHAL
import Foundation

/// The board files in one directory, by id (file name without `.toml`).
public struct BoardCatalog: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Ids of every `*.toml` file in the directory, sorted; empty when it cannot be listed.
    public func ids() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    public func path(for id: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + id + ".toml"
    }

    /// Load and validate one board. An unknown id lists the ids that exist.
    public func board(id: String) throws(BoardFileError) -> BoardDefinition {
        let available = ids()
        guard available.contains(id) else {
            let list = available.isEmpty ? "none (no .toml files)" : available.joined(separator: ", ")
            throw BoardFileError(.unknownBoard, file: directory, line: nil, key: "",
                                 message: "unknown board \"\(id)\"; available: \(list)")
        }
        return try BoardLoader.load(path: path(for: id))
    }

    /// Load every board; the first invalid file stops the listing with its error.
    public func allBoards() throws(BoardFileError) -> [BoardDefinition] {
        var out: [BoardDefinition] = []
        for id in ids() { out.append(try board(id: id)) }
        return out
    }
}

import Foundation

/// The recorded replies in `Fixtures/` (see its README for each file's source).
enum Fixtures {
    static var folder: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw FixtureMissing(name: "Fixtures")
            }
            return url
        }
    }

    /// Every fixture file name except the README.
    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0 != "README.md" && !$0.hasPrefix(".") }
            .sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    static func readme() throws -> String { try text("README.md") }

    struct FixtureMissing: Error {
        var name: String
    }
}

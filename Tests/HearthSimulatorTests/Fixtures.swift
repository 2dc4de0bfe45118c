import Foundation
import HearthCore
import HearthBoardFiles
import HearthHAL
@testable import HearthSimulator

/// The repository's own board files, found from this source file's path.
enum Fixtures {
    static let boardsDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("boards").path

    static func board(_ id: String) throws -> BoardDefinition {
        try BoardCatalog(directory: boardsDirectory).board(id: id)
    }

    static func config(_ board: String, scenario: String = "winter-day", mode: Mode = .heat, hours: Double = 24,
                       seed: UInt64 = 1, controller: ControllerKind = .hearth) throws -> SimulationConfig {
        guard let s = ScenarioCatalog.named(scenario) else { throw SimulationError(description: "no scenario \(scenario)") }
        var c = SimulationConfig(board: try Self.board(board), scenario: s, settings: ControlSettings(mode: mode))
        c.duration = .hours(hours)
        c.seed = seed
        c.controller = controller
        return c
    }
}

import Foundation
import HearthBoardFiles
import HearthCGMinerAPI
import HearthCore
import HearthRemoteSimulation
import HearthSimulator
import Testing

/// A stock unit steered through the real network path (emulated firmware on loopback).
@Suite(.timeLimit(.minutes(2))) struct RemoteSimulationTests {
    static let boards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards").path

    func run(_ board: String, _ model: AvalonModel, hours: Double, host: String) async throws -> RemoteSimulationResult {
        let def = try BoardCatalog(directory: Self.boards).board(id: board)
        var base = SimulationConfig(board: def, scenario: ScenarioCatalog.named("winter-day")!)
        base.duration = .hours(hours)
        var config = RemoteSimulationConfig(base: base, model: model)
        config.speed = 2000
        config.host = host
        return try await RemoteSimulation.run(config)
    }

    @Test func theQHoldsTheRoomThroughItsAPI() async throws {
        let r = try await run("avalon-q", .q, hours: 1.5, host: "127.0.0.160")
        #expect(r.simulation.metrics.trips.isEmpty)
        #expect(r.simulation.metrics.rmsError.value < 0.5)
        #expect(r.maximumConcurrentConnections == 1)
        #expect(r.firmwareRefusals == 0 && r.commandsRefused == 0)
        #expect(r.connections > 100)                         // polled all along, one connection per command
        #expect(r.changesPerHour <= 12)
    }

    @Test func aNano3SWithAPlugIsSwitchedByThePlugNotByCommandsItLacks() async throws {
        let r = try await run("avalon-nano3s", .nano3s, hours: 1.5, host: "127.0.0.161")
        #expect(r.device.offSwitch.contains("plug"))
        #expect(r.firmwareRefusals == 0)
        #expect(r.simulation.metrics.trips.isEmpty)
        #expect(r.maximumConcurrentConnections == 1)
    }
}

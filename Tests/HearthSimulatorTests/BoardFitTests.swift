import Testing
import HearthCore
@testable import HearthSimulator

/// Every board's simulated silicon reproduces the published points it was fitted to
/// (scripts/fit-board.py): the simulator's own steady state at each point, with the fan
/// holding the chips at their target and 21 °C inlet air.
@Suite struct BoardFitTests {
    @Test(arguments: ["avalon-nano3s", "avalon-mini3", "avalon-q", "piaxe"])
    func steadyStatesMatchThePublishedPoints(board id: String) throws {
        let board = try Fixtures.board(id)
        let physics = HeaterPhysicsParameters(board)
        for p in board.profile.operatingPoints {
            let s = physics.steadyState(at: p, inlet: Celsius(21), chipTarget: board.profile.thermal.chipTarget)
            #expect(abs(s.wall / p.power - 1) <= 0.05, "\(id) \(p.name): \(s.wall) vs \(p.power)")
            #expect(abs(s.hashrate / p.hashrate - 1) <= 0.01, "\(id) \(p.name): \(s.hashrate) vs \(p.hashrate)")
            #expect(s.chip <= board.profile.thermal.chipTarget + Kelvin(0.5), "\(id) \(p.name): fan can't hold it")
        }
    }
}

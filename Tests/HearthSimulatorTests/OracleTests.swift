import Testing
import HearthCore
@testable import HearthSimulator

@Suite struct OracleTests {
    /// With no gains and a steady outdoor temperature, the room's exact need (`RoomHeatNeed`)
    /// is its steady load every minute, computed from the room's conductances, not from the
    /// stepping code — and the oracle delivers exactly that heat.
    @Test func roomNeedIsTheSteadyLoadAndTheOracleMeetsIt() throws {
        let c = try Fixtures.config("avalon-mini3", hours: 6)
        var still = c.scenario
        still.occupancy = Occupancy.none          // the realistic room: no people,
        still.weather = .constant(Celsius(-5))    // a still outdoor day, no sun
        let sized = SimulationRunner.sizedRoom(board: c.board, scenario: still, target: Celsius(21), duration: .hours(6))
        let load = sized.room.steadyLoad(air: Celsius(21), outdoor: Celsius(-5))
        let need = RoomHeatNeed.perStep(board: c.board, scenario: still, target: Celsius(21), duration: .hours(6))
        #expect(need.count == 360)
        #expect(need.allSatisfy { abs($0.value - load.value) < 0.5 })
        let o = Oracle.run(board: c.board, scenario: still, target: Celsius(21), duration: .hours(6))
        #expect(abs(o.energy.value / (6 * 3600) - load.value) < 0.5)
        #expect(o.unmetSeconds == 0)
    }
}

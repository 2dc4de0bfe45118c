import Testing
import HearthCore
@testable import HearthSimulator

@Suite struct OracleTests {
    /// With the air pinned at the target and no gains, the oracle's heat over a day
    /// equals the room's losses; its hashes are the hull's at that heat, minute by minute.
    @Test func meetsTheLoadOnTheHull() throws {
        let c = try Fixtures.config("avalon-mini3", hours: 6)
        var still = c.scenario
        still.occupancy = Occupancy.none
        still.weather = .constant(Celsius(-5))
        let o = Oracle.run(board: c.board, scenario: still, target: Celsius(21), duration: .hours(6))
        let sized = SimulationRunner.sizedRoom(board: c.board, scenario: still, target: Celsius(21), duration: .hours(6))
        // Walls start at steady state, so the load is the steady load all along.
        let load = sized.room.steadyLoad(air: Celsius(21), outdoor: Celsius(-5))
        #expect(abs(o.energy.value / (6 * 3600) - load.value) < 0.5)
        let points = Oracle.steadyPoints(board: c.board, inlet: Celsius(21))
        let hull = EfficiencyHull(samples: points.map { ($0.index, $0.power, $0.hashrate) })
        let expected = hull.hashrate(at: load).value * 6 * 3600
        #expect(abs(o.hashes - expected) / expected < 1e-6)
        #expect(o.unmetSeconds == 0)
    }

    /// No fixed operating point (nor on/off cycling at one) beats the oracle's hashes per kWh
    /// at the same average power.
    @Test func noSinglePointMixBeatsIt() throws {
        let c = try Fixtures.config("avalon-nano3s", hours: 2)
        let points = Oracle.steadyPoints(board: c.board, inlet: Celsius(21))
        let hull = EfficiencyHull(samples: points.map { ($0.index, $0.power, $0.hashrate) })
        for p in points {
            for load in stride(from: 10.0, through: p.power.value, by: 10) {
                // Cycling point p to average `load` W gives p's hashes per joule.
                let cycling = p.hashrate.value / p.power.value
                let oracle = hull.hashrate(at: Watts(load)).value / load
                #expect(oracle >= cycling * (1 - 1e-9))
            }
        }
    }
}

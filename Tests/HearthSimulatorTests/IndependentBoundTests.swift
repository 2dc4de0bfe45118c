import Testing
import HearthCore
@testable import HearthSimulator

/// The independent bound (`IndependentBound`): its programme is solved exactly, no
/// controller in the repo beats it, a controller better than the old hull-based oracle
/// is caught exceeding the oracle but not the bound, and a run claiming more hashes than
/// physics allows is flagged.
@Suite struct IndependentBoundTests {
    /// Per-minute delivered heat and hashes of a run sampled every tick.
    struct Delivered {
        var minuteHeat: [Watts]
        var hashes: Double
        var hashesPerKWh: Double
        var coldestRoom: Celsius
        /// Starts of the hash board: the warm-up transients the bound credits.
        var transients: Int
    }

    static func delivered(_ config: SimulationConfig, fan: DutyCycle? = nil) throws -> Delivered {
        var c = config
        c.sampleInterval = c.tick
        if let fan { c.settings.fanOverride = fan }
        let run = try SimulationRunner.run(c)
        let perMinute = Int((60 / c.tick.value).rounded())
        let heat = IndependentBound.stepMeans(run.samples.map(\.power.value), per: perMinute).map { Watts($0) }
        return Delivered(minuteHeat: heat, hashes: run.metrics.totalHashes, hashesPerKWh: run.metrics.hashesPerKWh,
                         coldestRoom: run.samples.map(\.room).min() ?? c.settings.target,
                         transients: run.hashBoardStarts)
    }

    /// The dual search lands on the primal optimum: the best mix of two states, found by brute force.
    @Test(arguments: ["avalon-nano3s", "piaxe"])
    func dualMatchesTheBestPairOfStates(board id: String) throws {
        let board = try Fixtures.board(id)
        let states = SteadyStateCatalog.states(board: board, inlet: Celsius(21), fanSteps: 12)
        let top = states.map(\.wall.value).max() ?? 0
        for fraction in stride(from: 0.05, through: 1.0, by: 0.05) {
            let heat = top * fraction
            var brute = 0.0
            for a in states where a.wall.value <= heat {
                for b in states where b.wall.value >= heat {
                    let share = b.wall.value > a.wall.value ? (heat - a.wall.value) / (b.wall.value - a.wall.value) : 1
                    brute = max(brute, a.hashrate.value + (b.hashrate.value - a.hashrate.value) * share)
                }
            }
            let bound = IndependentBound.evaluate(states: states, heatDemand: [Watts(heat)]).minuteHashrates[0].value
            #expect(bound >= brute * (1 - 1e-9), "\(id) at \(heat) W: \(bound) < \(brute)")
            #expect(bound <= brute * (1 + 1e-6), "\(id) at \(heat) W: \(bound) > \(brute)")
        }
    }

    /// Hearth and the bang-bang baseline on several boards and scenarios, each judged at the
    /// heat it actually delivered, minute by minute: neither gets more hashes than the bound.
    @Test(arguments: [("avalon-nano3s", "winter-day"), ("avalon-mini3", "winter-day"), ("piaxe", "winter-day"),
                      ("avalon-nano3s", "door-open")])
    func noControllerInTheRepoBeatsIt(board: String, scenario: String) throws {
        for kind in ControllerKind.allCases {
            let c = try Fixtures.config(board, scenario: scenario, hours: 4, controller: kind)
            let run = try Self.delivered(c)
            let bound = IndependentBound.evaluate(board: c.board, heatDemand: run.minuteHeat, inlet: run.coldestRoom,
                                                transients: run.transients)
            #expect(!bound.isExceeded(byHashes: run.hashes),
                    "\(board) \(scenario) \(kind): \(run.hashesPerKWh) hashes/kWh against a bound of \(bound.hashesPerKWh)")
            #expect(bound.share(ofHashesPerKWh: run.hashesPerKWh) > 0.5, "\(board) \(kind): a bound far off is no bound")
        }
    }

    /// A controller that runs the fan fast (cooler chips, less leakage) beats the old oracle's
    /// method — the hull of the table's points held at the chip target, at the same heat minute
    /// by minute — but it does not beat the bound.
    @Test func fasterFanBeatsTheOldOracleButNotTheBound() throws {
        let c = try Fixtures.config("avalon-nano3s", scenario: "winter-day", hours: 4)
        let run = try Self.delivered(c, fan: DutyCycle(1))
        let points = Oracle.steadyPoints(board: c.board, inlet: c.settings.target)
        let hull = EfficiencyHull(samples: points.map { ($0.index, $0.power, $0.hashrate) })
        let oracleHashes = run.minuteHeat.reduce(0) { $0 + hull.hashrate(at: $1).value * 60 }
        let bound = IndependentBound.evaluate(board: c.board, heatDemand: run.minuteHeat, inlet: run.coldestRoom,
                                              transients: run.transients)
        #expect(run.hashes > oracleHashes * 1.01, "\(run.hashes) vs the old oracle's \(oracleHashes)")
        #expect(!bound.isExceeded(byHashes: run.hashes), "\(run.hashesPerKWh) vs bound \(bound.hashesPerKWh)")
    }

    /// A run claiming 2 % more hashes than it made, at the same heat, is flagged.
    @Test func moreHashesThanPhysicsAllowsIsFlagged() throws {
        let c = try Fixtures.config("avalon-nano3s", scenario: "winter-day", hours: 2)
        let run = try Self.delivered(c)
        let bound = IndependentBound.evaluate(board: c.board, heatDemand: run.minuteHeat, inlet: run.coldestRoom,
                                                transients: run.transients)
        #expect(!bound.isExceeded(byHashes: run.hashes))
        // The bound is tight enough that a little cheating shows: inflate the run until it does.
        let headroom = bound.hashes / run.hashes
        #expect(bound.isExceeded(byHashes: run.hashes * headroom * 1.01))
        #expect(headroom < 1.25, "bound \(bound.hashesPerKWh) is too loose against \(run.hashesPerKWh) to catch cheating")
    }

    /// More heat never buys fewer hashes in the bound when more heat is available (it is concave
    /// and rises up to its best state).
    @Test func boundRisesWithHeatUpToTheBestState() throws {
        let board = try Fixtures.board("avalon-mini3")
        let states = SteadyStateCatalog.states(board: board, inlet: Celsius(21))
        let heats = stride(from: 10.0, through: 700, by: 10).map { Watts($0) }
        let r = IndependentBound.evaluate(states: states, heatDemand: heats).minuteHashrates.map(\.value)
        for i in 2..<r.count {
            // Concavity: second differences never positive (up to solver precision).
            #expect(r[i] - 2 * r[i - 1] + r[i - 2] <= 1e-6 * max(1, r[i]))
        }
    }
}

import HearthCore
import HearthHAL
import HearthSimulator

/// The simulator as a plant: the same virtual chips and physics as `hearth simulate`;
/// on a board with `[asic]` the mining service feeds the production BM13xx driver.
public final class SimulatedPlant: RunPlant {
    public let heater: SimulatedHeater
    public let conditions: ScenarioConditions

    public init(board: BoardDefinition, scenario: Scenario, target: Celsius, hasher: CPUHasher? = nil) throws(DaemonError) {
        let sized = SimulationRunner.sizedRoom(board: board, scenario: scenario, target: target, duration: .hours(24))
        conditions = ScenarioConditions(scenario: scenario, room: sized.room, designLoad: sized.designLoad)
        let initial = RoomState(steadyAt: target, outdoor: conditions.outdoor(at: .zero), room: sized.room)
        do { heater = try SimulatedHeater(board: board, room: sized.room, initial: initial, seed: 1, hasher: hasher) }
        catch { throw DaemonError("simulated \(board.profile.id) failed to start: \(error)") }
    }

    public var device: any HeaterMiner { heater.device }
    public var hashBoard: (any HashBoard)? { heater.hashBoard }
    public func weekTime(at t: Seconds) -> WeekTime { conditions.scenario.start.advanced(by: t) }
    public func advance(from t: Seconds, by dt: Seconds) { _ = conditions.step(heater, at: t, by: dt) }
    public var summary: String? { "room \(heater.physics.roomState.air), chip \(heater.physics.chipTemperature)" }
    public func close() { heater.stopMining() }
}

import HearthCore
import HearthHAL
import HearthRuntime
import HearthSimulator
import Synchronization

/// One stock unit on loopback for a fault run: its emulated firmware (and plug) over a
/// simulated heater, the production client and device behind `BackgroundDevice`, the one
/// `ControlLoop`, and the owner's room sensor. The run injects and clears faults through it
/// and asks it what the hardware really does (not what Hearth believes).
protocol RemoteFaultRig: AnyObject {
    var background: BackgroundDevice { get }
    var loop: ControlLoop { get }
    var feed: RoomSensorFeed { get }
    /// The firmware's timers (recalibration, boot) follow control time.
    func update()
    func step(_ conditions: ScenarioConditions, at t: Seconds, by dt: Seconds) -> HeaterPhysics.Step
    /// Room air and true chip temperature, from the physics.
    var truth: (air: Celsius, chip: Celsius) { get }
    /// The unit's heat is stopped: soft off, paused, or its plug cut.
    var heatStopped: Bool { get }
    /// The unit runs its lowest setting (or gives no heat at all).
    var atFloor: Bool { get }
    func inject(_ kind: RemoteFaultMatrix.Kind, seed: UInt64)
    func clear(_ kind: RemoteFaultMatrix.Kind)
    func close() async
}

/// Wall time and network timeouts scaled to a simulation running `speed` times real time,
/// so a 5 s reply timeout is 5 s of control time.
struct RemoteFaultClock: Sendable {
    let speed: Double
    let control = ControlClock()

    func wall(_ controlSeconds: Double) -> Duration { .nanoseconds(Int64(controlSeconds / speed * 1e9)) }
}

/// The physical world of one run: the sized room and its weather; each rig makes the
/// simulated heater in it (`makeHeater`), which its hardware then owns.
struct RemoteFaultWorld: Sendable {
    var conditions: ScenarioConditions
    private let board: BoardDefinition
    private let room: RoomParameters
    private let initial: RoomState
    private let seed: UInt64

    init(config: SimulationConfig) {
        board = config.board
        let target0 = config.settings.effective(at: config.scenario.start).target
        let sized = SimulationRunner.sizedRoom(board: board, scenario: config.scenario, target: target0, duration: config.duration)
        room = sized.room
        conditions = ScenarioConditions(scenario: config.scenario, room: sized.room, designLoad: sized.designLoad)
        initial = RoomState(steadyAt: target0, outdoor: conditions.outdoor(at: .zero), room: sized.room)
        seed = config.seed
    }

    func makeHeater() throws -> SimulatedHeater {
        do { return try SimulatedHeater(board: board, room: room, initial: initial, seed: seed) }
        catch { throw SimulationError(description: "simulated \(board.profile.id) failed to configure: \(error)") }
    }
}

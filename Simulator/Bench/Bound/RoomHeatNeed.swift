import HearthCore
import HearthHAL

/// The heat a scenario's room needs, step by step, to hold its air exactly at the target:
/// everything the air loses (to walls, outdoors, open doors, the rest of the house) less
/// the gains, with the walls evolving under the pinned air. A perfect thermostat delivers
/// exactly this; the bound and the old oracle both start from it.
public enum RoomHeatNeed {
    /// Mean need in each `step` (negative when the gains alone overheat the room).
    public static func perStep(board: BoardDefinition, scenario: Scenario, target: Celsius, duration: Seconds,
                               step: Seconds = Seconds(60)) -> [Watts] {
        let sized = SimulationRunner.sizedRoom(board: board, scenario: scenario, target: target, duration: duration)
        let conditions = ScenarioConditions(scenario: scenario, room: sized.room, designLoad: sized.designLoad)
        var state = RoomState(steadyAt: target, outdoor: conditions.outdoor(at: .zero), room: sized.room)
        var need: [Watts] = []
        need.reserveCapacity(Int((duration.value / step.value).rounded(.up)))
        var t = Seconds.zero
        while t < duration {
            let dt = min(step, duration - t)
            let mid = t + dt / 2
            let outdoor = conditions.outdoor(at: mid), gains = conditions.gains(at: mid)
            let door = conditions.extraWindow(at: mid, indoor: target)
            let heat = state.heatToHold(room: sized.room, gains: gains, outdoor: outdoor, extraWindow: door)
            need.append(heat)
            state.step(dt, room: sized.room, heat: heat, gains: gains, outdoor: outdoor, extraWindow: door)
            state.air = target   // hold the air exactly: only the walls move
            t += dt
        }
        return need
    }
}

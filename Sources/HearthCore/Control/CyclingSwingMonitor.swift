/// Watches what the controller's own off↔on cycling does to the room, as the thermostat
/// sensor sees it, and says when cycling is too coarse for the room.
///
/// Why observed and not configured: whether minimum on/off times of a few minutes are
/// "short" depends on the room (a living room's air answers in ~17 min, a seed propagator's
/// in ~4 min), and the controller knows neither. It does see the result: the sensed room's
/// peak-to-peak over one full cycle (start → stop → next start). Once a held cycle spans
/// `limit` (half the ±0.5 K comfort band: the cycle alone would use half of it, and the
/// sensor's lag means the air swings further than the sensor shows), continuous points are
/// worth their small efficiency cost and the monitor latches.
public struct CyclingSwingMonitor: Sendable {
    /// Peak-to-peak sensed swing over one cycle that counts as too coarse.
    public let limit: Kelvin
    /// Below target by this much the room is recovering, not holding: cycles there don't count.
    public let holdingBand: Kelvin
    public private(set) var tooCoarse = false
    private var wasHashing: Bool?
    private var cycleStarted = false
    private var stoppedInCycle = false
    private var low = Double.infinity
    private var high = -Double.infinity
    private var reachedTarget = false
    private var lastTarget: Celsius?

    public init(limit: Kelvin = Kelvin(0.5), holdingBand: Kelvin = Kelvin(0.5)) {
        self.limit = limit
        self.holdingBand = holdingBand
    }

    public mutating func update(hashing: Bool, room: Celsius, target: Celsius) {
        if lastTarget != target {   // a new target (setback, schedule): recovery starts over
            lastTarget = target
            reachedTarget = false
            cycleStarted = false
        }
        if room.value >= target.value - holdingBand.value { reachedTarget = true }
        defer { wasHashing = hashing }
        guard reachedTarget, !tooCoarse else { return }
        if hashing, wasHashing == false {   // a start closes one cycle and opens the next
            if cycleStarted, stoppedInCycle, high - low >= limit.value { tooCoarse = true }
            cycleStarted = true
            stoppedInCycle = false
            low = room.value
            high = room.value
            return
        }
        if !hashing { stoppedInCycle = true }
        low = min(low, room.value)
        high = max(high, room.value)
    }
}

import HearthCore

/// The faults that change what a healthy part reports (rather than silencing it): the
/// simulated heater passes each published value through here.
struct ActiveFaults: Sendable {
    /// Time since the run started, advanced with the physics.
    private(set) var elapsed = Seconds.zero
    var chipDetachedAt: Seconds?
    var chipDriftSince: Seconds?
    var tachLost = false
    var powerScale = 1.0
    /// When a burst of line noise on the chain's UART ends.
    var lineNoiseUntil: Seconds?

    mutating func advance(_ dt: Seconds) { elapsed = elapsed + dt }

    /// Records a reading-changing fault; false if `fault` is not one of them.
    mutating func inject(_ fault: FaultInjection) -> Bool {
        switch fault.kind {
        case .sensorLow: chipDetachedAt = chipDetachedAt ?? elapsed
        case .sensorDrift: chipDriftSince = chipDriftSince ?? elapsed
        case .tachLoss: tachLost = true
        case .powerWrong: powerScale = FaultInjection.powerScale
        default: return false
        }
        return true
    }

    /// What the chip sensor shows for a true chip temperature `chip` with the board's air at `air`.
    func chipReading(_ chip: Celsius, air: Celsius) -> Celsius {
        var shown = chip
        if let since = chipDriftSince {
            shown = shown - Kelvin(FaultInjection.driftRate * (elapsed - since).value)
        }
        if let since = chipDetachedAt {
            // A detached sensor cools towards the air around it, never below it.
            let fallen = shown - Kelvin(FaultInjection.detachRate * (elapsed - since).value)
            shown = fallen < air ? min(shown, air) : fallen
        }
        return shown
    }

    func tach(_ rpm: RPM) -> RPM { tachLost ? .zero : rpm }

    /// True once, when a noise burst has run its length.
    mutating func lineNoiseEnded() -> Bool {
        guard let until = lineNoiseUntil, elapsed >= until else { return false }
        lineNoiseUntil = nil
        return true
    }
}

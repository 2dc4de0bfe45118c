import HearthCore

extension Scenario {
    /// The same story in a different room, weather and household, drawn from `seed`, for
    /// benchmarks that want seeds to vary more than sensor noise. Seed 0 returns the scenario
    /// unchanged. Per seed, independently and uniformly:
    /// - insulation: every conductance to outdoors (U-values, air changes) × 0.85…1.15
    ///   (the runner then re-sizes the room to the same design load, so this moves the
    ///   room's time constants and the share of loss that goes through the air node);
    /// - start day: a station-weather scenario moves to another day of the same season —
    ///   winter scenarios anywhere in Dec 1…Feb 28, others ±10 days — same hour;
    /// - occupancy: −1, 0 or +1 person in each presence window (never below zero);
    /// - sensor offset: −0.2…+0.2 K;
    /// - start: room air 16.5…19 °C when the scenario starts away from the target.
    public func variant(seed: UInt64) -> Scenario {
        guard seed != 0 else { return self }
        var rng = SeededRandom(seed: seed &* 0x2545_F491_4F6C_DD1D)
        var s = self
        s.insulationFactor = insulationFactor * (0.85 + 0.30 * rng.uniform())
        if case let .station(station, day, hour) = weather.source {
            let winter = day >= 335 || day <= 59
            let newDay: Int
            if winter {
                let k = Int(rng.uniform() * 90)          // 90 winter days: Dec 1 (335) … Feb 28 (59)
                newDay = k < 31 ? 335 + k : k - 30
            } else {
                newDay = min(365, max(1, day + Int(rng.uniform() * 21) - 10))
            }
            s.weather = Weather(station, day: newDay, hour: hour)
        }
        let delta = Int(rng.uniform() * 3) - 1
        if let o = occupancy { s.occupancy = o.adding(people: delta) } else { s.occupancyDelta = delta }
        s.sensorOffset = Kelvin(-0.2 + 0.4 * rng.uniform())
        if initialAir != nil { s.initialAir = Celsius(16.5 + 2.5 * rng.uniform()) }
        s.summary = summary + " — variant \(seed)"
        return s
    }
}

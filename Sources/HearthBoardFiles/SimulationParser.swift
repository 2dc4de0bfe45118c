import HearthHAL
import HearthCore

/// The `[simulation.*]` tables of a board file.
extension BoardLoader {
    static func parseSimulation(_ s: TOMLTableReader) throws(BoardFileError) -> SimulationParameters {
        try s.rejectUnknownKeys(["chip", "power", "thermal", "fan", "sensors", "room"])
        let c = try s.table("chip")
        try c.rejectUnknownKeys(["hashes_per_clock", "switching_w_per_mhz_v2", "leakage_a_at_25c", "leakage_doubling_c",
                                 "stable_mv_base", "stable_mv_per_mhz", "error_onset_c"])
        let chip = SimulationParameters.Chip(
            hashesPerClock: try c.number("hashes_per_clock", .positive),
            switchingCoefficient: SwitchingCoefficient(try c.number("switching_w_per_mhz_v2", .positive)),
            leakageAt25C: Amperes(try c.number("leakage_a_at_25c", .nonNegative)),
            leakageDoubling: Kelvin(try c.number("leakage_doubling_c", .positive)),
            stableVoltageBase: Millivolts(try c.number("stable_mv_base")),
            stableVoltagePerMHz: MillivoltsPerMegahertz(try c.number("stable_mv_per_mhz")),
            errorOnset: Celsius(try c.number("error_onset_c")))

        let p = try s.table("power")
        try p.rejectUnknownKeys(["fixed_w", "psu_efficiency", "bus_mv"])
        let power = SimulationParameters.Power(fixed: Watts(try p.number("fixed_w", .nonNegative)),
                                               psuEfficiency: try p.number("psu_efficiency", .positiveFraction),
                                               busVoltage: Millivolts(try p.number("bus_mv", .positive)))

        let t = try s.table("thermal")
        try t.rejectUnknownKeys(["r_th_at_max_rpm", "r_th_natural", "time_constant_s"])
        let rMax = try t.number("r_th_at_max_rpm", .positive)
        let rNatural = try t.number("r_th_natural", .positive)
        guard rNatural >= rMax else {
            throw t.fail(.inconsistent, "r_th_natural", "must be ≥ r_th_at_max_rpm (\(TOMLTableReader.format(rMax))), found \(TOMLTableReader.format(rNatural))")
        }
        let thermal = SimulationParameters.Thermal(resistanceAtMaxRPM: ThermalResistance(rMax),
                                                   resistanceNatural: ThermalResistance(rNatural),
                                                   timeConstant: Seconds(try t.number("time_constant_s", .positive)))

        let f = try s.table("fan")
        try f.rejectUnknownKeys(["max_power_w", "time_constant_s", "noise_dba_at_max", "min_rpm"])
        let fan = SimulationParameters.Fan(maxPower: Watts(try f.number("max_power_w", .nonNegative)),
                                           timeConstant: Seconds(try f.number("time_constant_s", .positive)),
                                           noiseAtMax: Decibels(try f.number("noise_dba_at_max")),
                                           minRPM: RPM(try f.number("min_rpm", .nonNegative)))

        let n = try s.table("sensors")
        try n.rejectUnknownKeys(["chip_noise_c", "room_noise_c", "power_noise_w"])
        let sensors = SimulationParameters.Sensors(chipNoise: Kelvin(try n.number("chip_noise_c", .nonNegative)),
                                                   roomNoise: Kelvin(try n.number("room_noise_c", .nonNegative)),
                                                   powerNoise: Watts(try n.number("power_noise_w", .nonNegative)))
        return SimulationParameters(chip: chip, power: power, thermal: thermal, fan: fan, sensors: sensors,
                                    room: try parseRoom(s.table("room")))
    }

    static func parseRoom(_ r: TOMLTableReader) throws(BoardFileError) -> SimulationParameters.Room {
        try r.rejectUnknownKeys(["description", "house_c", "ua_house_w_per_k", "ua_window_w_per_k", "ua_air_wall_w_per_k",
                                 "ua_wall_outside_w_per_k", "air_capacity_kj_per_k", "wall_capacity_kj_per_k"])
        return SimulationParameters.Room(
            description: try r.string("description"),
            houseTemperature: Celsius(try r.number("house_c")),
            houseConductance: WattsPerKelvin(try r.number("ua_house_w_per_k", .nonNegative)),
            windowConductance: WattsPerKelvin(try r.number("ua_window_w_per_k", .nonNegative)),
            airWallConductance: WattsPerKelvin(try r.number("ua_air_wall_w_per_k", .positive)),
            wallOutsideConductance: WattsPerKelvin(try r.number("ua_wall_outside_w_per_k", .positive)),
            airCapacity: JoulesPerKelvin(1000 * (try r.number("air_capacity_kj_per_k", .positive))),
            wallCapacity: JoulesPerKelvin(1000 * (try r.number("wall_capacity_kj_per_k", .positive))))
    }

}

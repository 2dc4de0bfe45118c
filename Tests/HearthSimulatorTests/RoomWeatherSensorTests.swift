import Testing
import HearthCore
@testable import HearthSimulator

/// The realistic room, the measured weather and the installed sensor (issue 12, point 1).
@Suite struct RoomWeatherSensorTests {
    // MARK: weather

    @Test func stationsHoldAWholeYearOfTheirFile() {
        for s in WeatherStation.all {
            #expect(s.temperature.count == 8760, "\(s.id)")
            #expect(s.southWindow.allSatisfy { $0 >= 0 && $0 < 1300 }, "\(s.id)")
        }
        // First and known rows of the TMY3 files (Jan 1 01:00 hour ending): Greensboro 723170TYA.CSV.
        let g = WeatherStation.greensboroNC
        #expect(g.temperature.min() == -16.7)
        #expect(g.temperature.max() == 35.6)
        #expect(WeatherStation.sandPointAK.temperature.min() == -10.6)
        #expect(WeatherStation.named("sand-point-ak") != nil)
        #expect(WeatherStation.named("nowhere") == nil)
    }

    @Test func sampleSitsAtMidHourAndInterpolates() {
        let s = WeatherStation.greensboroNC
        #expect(s.sample(atHourOfYear: 0.5).temperature.value == s.temperature[0])
        #expect(s.sample(atHourOfYear: 1.5).temperature.value == s.temperature[1])
        let mid = s.sample(atHourOfYear: 1.0).temperature.value
        #expect(abs(mid - (s.temperature[0] + s.temperature[1]) / 2) < 1e-9)
        // Wraps at the year's end.
        #expect(s.sample(atHourOfYear: 8760.5).temperature == s.sample(atHourOfYear: 0.5).temperature)
    }

    @Test func nightHasNoSun() {
        let w = Weather(.greensboroNC, day: 7, hour: 0)
        #expect(w.sample(at: .hours(2)).southWindow == 0)       // 02:00
        #expect(w.sample(at: .hours(12)).globalHorizontal > 0)  // noon
    }

    // MARK: room

    @Test(arguments: [RoomPresets.bedroom, RoomPresets.livingRoom, RoomPresets.openPlan])
    func roomTimeConstantsAreThoseOfRealRooms(_ d: RoomDesign) {
        let air = d.airTimeConstant.value / 60, mass = d.massTimeConstant.value / 3600
        #expect(air >= 10 && air <= 30, "\(d.name): air τ \(air) min")
        #expect(mass >= 2 && mass <= 12, "\(d.name): mass τ \(mass) h")
        // The air node holds air (ρ c_p V) plus light contents: not the whole building.
        #expect(d.parameters.airCapacity == d.volume * RoomDesign.airVolumetricHeat + d.floorArea * d.contentsCapacityPerArea)
        #expect(d.parameters.airCapacity < 0.15 * d.parameters.wallCapacity)
    }

    @Test func scalingKeepsTimeConstantsButNotPeople() {
        let d = RoomPresets.livingRoom, s = d.scaled(by: 0.5)
        #expect(abs(s.airTimeConstant.value - d.airTimeConstant.value) < 1e-6)
        #expect(s.occupancy.gains(hourOfDay: 19) == d.occupancy.gains(hourOfDay: 19))
        #expect(abs(s.parameters.wallCapacity - 0.5 * d.parameters.wallCapacity) < 1e-6)
    }

    @Test func occupantsAndCookingFollowTheirSchedule() {
        let o = RoomPresets.openPlan.occupancy
        #expect(o.gains(hourOfDay: 3) == .zero)
        #expect(o.gains(hourOfDay: 18.5) == Watts(3 * 80 + 700 + 100))
        #expect(o.adding(people: -5).gains(hourOfDay: 20) == Watts(100))
    }

    @Test func doorToTheHallLosesHeatToTheHallNotOutdoors() {
        let door = Scenario.Opening(at: .zero, duration: .minutes(10), width: 0.8, height: 2, label: "door",
                                    otherSide: Celsius(12))
        let g = door.conductance(indoor: Celsius(21), other: Celsius(12))
        // Buoyancy exchange through a door with 9 K across it: a few hundred W/K.
        #expect(g > 150 && g < 500)
        let eq = door.outdoorEquivalent(indoor: Celsius(21), outdoor: Celsius(-9)).value
        #expect(abs(eq * 30 - g * 9) < 1e-6)
    }

    @Test func sunThroughTheWindowIsAreaTimesGTimesIrradiance() throws {
        let c = try Fixtures.config("avalon-mini3", scenario: "sunny-spring")
        let sized = SimulationRunner.sizedRoom(board: c.board, scenario: c.scenario, target: Celsius(21), duration: c.duration)
        let cond = ScenarioConditions(scenario: c.scenario, design: sized.design, areaScale: sized.scale, designLoad: sized.designLoad)
        let noon = Seconds.hours(6)   // the scenario starts at 06:00
        let expected = c.scenario.weather.sample(at: noon).southWindow * sized.design.windowArea * sized.design.windowGValue
        #expect(abs(cond.solarGain(at: noon).value - expected) < 1e-9)
        #expect(expected > 100)
    }

    @Test func runsStartAwayFromTheTarget() throws {
        let r = try SimulationRunner.run(try Fixtures.config("avalon-mini3", hours: 0.05))
        #expect(abs(r.samples[0].room.value - 17.5) < 0.1)
    }

    // MARK: sensor

    @Test func sensorLagsQuantisesAndOffsets() {
        var s = ThermostatSensor(placement: .across, timeConstant: .minutes(8), offset: Kelvin(0.2), noise: .zero)
        s.advance(.zero, room: Celsius(18), heaterPower: .zero)
        s.advance(.minutes(8), room: Celsius(20), heaterPower: Watts(500))
        // One time constant: 63 % of the 2 K step, plus the offset, in 0.1 K steps.
        let r = s.reading(room: Celsius(20), gaussian: 0).value
        #expect(abs(r - (18 + 2 * 0.632 + 0.2)) <= 0.05 + 1e-9)
        #expect(abs((r * 10).rounded() - r * 10) < 1e-9)
    }

    @Test func nearTheHeaterTheSensorSeesItsPlume() {
        let near = ThermostatSensor(placement: .near, noise: .zero)
        let across = ThermostatSensor(placement: .across, noise: .zero)
        #expect(near.localAir(room: Celsius(20), heaterPower: Watts(1000)) == Celsius(20.5))
        #expect(near.localAir(room: Celsius(20), heaterPower: .zero) == Celsius(20))
        #expect(across.localAir(room: Celsius(20), heaterPower: Watts(1000)) == Celsius(20))
    }

    @Test func placementOverrideReachesTheRun() throws {
        var c = try Fixtures.config("avalon-q", hours: 0.01)
        #expect(SimulationRunner.thermostatSensor(c).placement == .across)
        c.sensorPlacement = .near
        #expect(SimulationRunner.thermostatSensor(c).placement == .near)
        #expect(ScenarioCatalog.named("cold-snap")?.sensorPlacement == .near)
    }

    // MARK: variants

    @Test func variantsVaryRoomWeatherAndLoadDeterministically() throws {
        let base = try #require(ScenarioCatalog.named("winter-day"))
        let a = base.variant(seed: 3), b = base.variant(seed: 3), c = base.variant(seed: 4)
        #expect(a.insulationFactor == b.insulationFactor && a.weather.description == b.weather.description)
        #expect(a.insulationFactor != c.insulationFactor)
        #expect(base.variant(seed: 0).insulationFactor == 1)
        for seed in UInt64(1)...40 {
            let v = base.variant(seed: seed)
            #expect(v.insulationFactor >= 0.85 && v.insulationFactor <= 1.15)
            #expect(abs(v.sensorOffset.value) <= 0.2)
            #expect(abs(v.occupancyDelta) <= 1)
            guard case let .station(_, day, _) = v.weather.source else { Issue.record("no station"); continue }
            #expect(day >= 335 || day <= 59, "winter day \(day)")
        }
    }
}

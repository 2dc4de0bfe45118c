import Testing
@testable import HearthCore

@Suite struct SafetySupervisorTests {
    let board = TestBoards.nanoLike
    let running = DeviceCommand(hashing: true, operatingPoint: 2, fanDuty: DutyCycle(0.5))

    /// Feeds healthy readings for `n` seconds (values wobble like real sensors).
    func warmUp(_ s: inout SafetySupervisor, seconds n: Int) {
        for t in 0..<n {
            s.check(TestBoards.readings(chip: 70 + Double(t % 3) * 0.125, salt: UInt32(t)), commanded: running,
                    hashing: true, now: Seconds(Double(t)))
        }
    }

    @Test func healthyReadingsNeverTrip() {
        var s = SafetySupervisor(board: board)
        warmUp(&s, seconds: 3600)
        #expect(s.trip == nil)
    }

    @Test func overTemperatureTripsAndLatches() {
        var s = SafetySupervisor(board: board)
        warmUp(&s, seconds: 10)
        // Heat up at a physical 1 K/s until the trip temperature.
        var trip: Trip?
        for t in 10..<40 where trip == nil {
            trip = s.check(TestBoards.readings(chip: 70 + Double(t - 10), salt: UInt32(t)), commanded: running,
                           hashing: true, now: Seconds(Double(t)))
        }
        #expect(trip?.reason.code == "chip_overtemp")
        #expect(trip?.time == Seconds(35))                     // 95 °C reached at t = 35
        // Latched: fine readings don't clear it…
        s.check(TestBoards.readings(chip: 60, salt: 2), commanded: running, hashing: false, now: Seconds(41))
        #expect(s.trip != nil)
        // …a person does.
        s.clear()
        #expect(s.trip == nil)
    }

    @Test func throttleLowersTheCeilingBeforeTheTrip() {
        var s = SafetySupervisor(board: board)
        for t in 0..<20 {
            s.check(TestBoards.readings(chip: 90 + Double(t % 2) * 0.125, salt: UInt32(t)), commanded: running,
                    hashing: true, now: Seconds(Double(t)))
        }
        #expect(s.trip == nil)
        #expect(s.isThrottling)
        #expect(s.powerCeiling < board.maximumPower * 0.5)
    }

    @Test func readFailureTripsAfterOneRetry() {
        var s = SafetySupervisor(board: board)
        warmUp(&s, seconds: 10)
        var r = TestBoards.readings(salt: 99)
        r.chipTemperature = .failed("emc2101", "nack")
        #expect(s.check(r, commanded: running, hashing: true, now: Seconds(10)) == nil)   // one glitch is forgiven
        let trip = s.check(r, commanded: running, hashing: true, now: Seconds(11))
        #expect(trip?.reason.code == "sensor_failure")
        #expect(trip?.reason.description.contains("nack") == true)
    }

    @Test func fanStallTripsOnlyAfterSpinUpGrace() {
        var s = SafetySupervisor(board: board)
        let idle = DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: DutyCycle(0.2))
        for t in 0..<10 { s.check(TestBoards.readings(rpm: 900, salt: UInt32(t)), commanded: idle, hashing: true, now: Seconds(Double(t))) }
        // Duty just raised past the stall-check duty: a slow tach is spin-up, not a stall.
        for t in 10..<14 {
            #expect(s.check(TestBoards.readings(rpm: 0, salt: UInt32(t)), commanded: running, hashing: true, now: Seconds(Double(t))) == nil)
        }
        #expect(s.check(TestBoards.readings(rpm: 0, salt: 15), commanded: running, hashing: true, now: Seconds(15))?.reason.code == "fan_stall")
        var s2 = SafetySupervisor(board: board)
        warmUp(&s2, seconds: 30)
        let trip = s2.check(TestBoards.readings(rpm: 0, salt: 5), commanded: running, hashing: true, now: Seconds(30))
        #expect(trip?.reason.code == "fan_stall")
    }

    @Test func spikeIsImplausible() {
        var s = SafetySupervisor(board: board)
        warmUp(&s, seconds: 10)
        let trip = s.check(TestBoards.readings(chip: 131, salt: 3), commanded: running, hashing: true, now: Seconds(10))
        // 131 °C is under the plausible ceiling but 60 K in one second is not heat moving.
        #expect(trip?.reason.code == "implausible_reading")
    }

    @Test func stuckChipSensorTripsAfterTheWindow() {
        var s = SafetySupervisor(board: board)
        warmUp(&s, seconds: 10)
        var tripped: Trip?
        for t in 10..<40 {
            let r = DeviceReadings(chipTemperature: Reading(Celsius(70), raw: 560),
                                   roomTemperature: Reading(Celsius(21), raw: 336),
                                   fanSpeed: Reading(RPM(2000), raw: UInt32(t)), power: Reading(Watts(100), raw: UInt32(t)))
            if let trip = s.check(r, commanded: running, hashing: true, now: Seconds(Double(t))) { tripped = trip; break }
        }
        #expect(tripped?.reason.code == "stuck_sensor")
        #expect(tripped.map { $0.time.value >= 25 && $0.time.value <= 26 } == true)
    }

    @Test func actuatorFailureTrips() {
        var s = SafetySupervisor(board: board)
        let trip = s.check(TestBoards.readings(), commanded: running, hashing: true, actuatorError: "fan write nack", now: .zero)
        #expect(trip?.reason.code == "actuator_failure")
    }

    @Test func withoutATachTheThrottleTemperatureTrips() {
        var s = SafetySupervisor(board: board)
        var trip: Trip?
        for t in 0..<40 where trip == nil {
            var r = TestBoards.readings(chip: 75 + Double(t) * 0.5, salt: UInt32(t))
            r.fanSpeed = nil
            trip = s.check(r, commanded: running, hashing: true, now: Seconds(Double(t)))
        }
        #expect(trip?.reason.code == "chip_overtemp")
        #expect(trip?.time == Seconds(26))                      // 88 °C, the throttle temperature
    }

    @Test func fullFanThatCannotStopTheThrottleIsACoolingFailure() {
        var s = SafetySupervisor(board: board)
        let full = DeviceCommand(hashing: true, operatingPoint: 1, fanDuty: .full)
        var trip: Trip?
        for t in 0..<120 where trip == nil {
            trip = s.check(TestBoards.readings(chip: 89 + Double(t % 2) * 0.125, rpm: 4600, salt: UInt32(t)),
                           commanded: full, hashing: true, now: Seconds(Double(t)))
        }
        #expect(trip?.reason.code == "cooling_failure")
        #expect(trip.map { $0.time.value >= 30 && $0.time.value <= 32 } == true)
    }
}

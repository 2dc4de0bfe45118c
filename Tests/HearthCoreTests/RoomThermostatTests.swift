import Testing
@testable import HearthCore

@Suite struct RoomThermostatTests {
    /// A one-node room: C dT/dt = P − UA (T − T_out).
    func closedLoop(seconds: Int, target: Double, start: Double, ua: Double = 4, c: Double = 250_000,
                    outdoor: Double = 0, thermostat: inout RoomThermostat) -> [Double] {
        var t = start
        var trace: [Double] = []
        for i in 0..<seconds {
            let p = thermostat.update(room: Celsius(t), target: Celsius(target), now: Seconds(Double(i)), limit: Watts(140))
            t += (p.value - ua * (t - outdoor)) / c
            trace.append(t)
        }
        return trace
    }

    @Test func settlesOnTargetWithoutOffset() {
        var th = RoomThermostat(fullScale: Watts(140))
        let trace = closedLoop(seconds: 6 * 3600, target: 21, start: 19, thermostat: &th)
        #expect(abs(trace.last! - 21) < 0.05)                   // integral removes the offset
        #expect(trace.max()! < 21.6)                            // modest overshoot
    }

    @Test func antiWindupLimitsOvershootAfterLongSaturation() {
        // The room can't reach the target for two hours (too cold outside), then it can.
        var th = RoomThermostat(fullScale: Watts(140))
        var t = 15.0
        var peak = 0.0
        for i in 0..<(4 * 3600) {
            let outdoor = i < 7200 ? -30.0 : 5.0
            let p = th.update(room: Celsius(t), target: Celsius(21), now: Seconds(Double(i)), limit: Watts(140))
            t += (p.value - 4 * (t - outdoor)) / 250_000
            if i > 7200 { peak = max(peak, t) }
        }
        #expect(peak < 21.8)
    }

    @Test func derivativeActsOnMeasurementSoTargetStepsDoNotKick() {
        var th = RoomThermostat(fullScale: Watts(140))
        for i in 0..<600 { _ = th.update(room: Celsius(21), target: Celsius(21), now: Seconds(Double(i)), limit: Watts(140)) }
        let before = th.update(room: Celsius(21), target: Celsius(21), now: Seconds(600), limit: Watts(140))
        th.align(to: before, room: Celsius(21), target: Celsius(22))
        let after = th.update(room: Celsius(21), target: Celsius(22), now: Seconds(601), limit: Watts(140))
        #expect(abs(after.value - before.value) < 1)            // bumpless: no step on the change
        let later = (602..<1200).map { th.update(room: Celsius(21), target: Celsius(22), now: Seconds(Double($0)), limit: Watts(140)) }
        #expect(later.last! > after)                             // …and the integral then raises power
    }

    @Test func outputStaysWithinLimit() {
        var th = RoomThermostat(fullScale: Watts(140))
        for i in 0..<100 {
            let p = th.update(room: Celsius(10), target: Celsius(25), now: Seconds(Double(i)), limit: Watts(84))
            #expect(p <= Watts(84) && p >= .zero)
        }
    }
}

@testable import HearthCore

/// A small three-point board (like a Nano 3S) for pure controller tests.
enum TestBoards {
    static let nanoLike = BoardProfile(
        id: "test-nano", name: "Test Nano",
        operatingPoints: [
            OperatingPoint(name: "low", frequency: Megahertz(209), voltage: Millivolts(269), power: Watts(70),
                           hashrate: HashRate(terahashes: 3)),
            OperatingPoint(name: "mid", frequency: Megahertz(314), voltage: Millivolts(288), power: Watts(100),
                           hashrate: HashRate(terahashes: 4.5)),
            OperatingPoint(name: "high", frequency: Megahertz(418), voltage: Millivolts(307), power: Watts(140),
                           hashrate: HashRate(terahashes: 6)),
        ],
        thermal: ThermalLimits(chipTarget: Celsius(75), chipThrottle: Celsius(88), chipTrip: Celsius(95),
                               chipLimit: Celsius(100)),
        fan: FanLimits(minimumDuty: DutyCycle(0.15), safeDuty: DutyCycle(1), maximumRPM: RPM(4700),
                       stallRPM: RPM(400), stallCheckDuty: DutyCycle(0.3), quietRPM: RPM(1500)),
        hasPowerSensor: true)

    /// Healthy readings; raw bits vary with the values so the stuck detector stays quiet.
    static func readings(chip: Double = 70, room: Double = 21, rpm: Double = 2000, power: Double = 100,
                         salt: UInt32 = 0) -> DeviceReadings {
        DeviceReadings(chipTemperature: Reading(Celsius(chip), raw: UInt32(chip * 8) &+ salt),
                       roomTemperature: Reading(Celsius(room), raw: UInt32(room * 16)),
                       fanSpeed: Reading(RPM(rpm), raw: UInt32(rpm) &+ salt),
                       power: Reading(Watts(power), raw: UInt32(power * 100) &+ salt))
    }
}

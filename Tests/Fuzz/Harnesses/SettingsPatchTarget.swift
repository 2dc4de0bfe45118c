import Foundation
import HearthCore
import HearthDaemon
import HearthSupport

/// The body of `PATCH /v1/settings` after the strict JSON parser: every field's type and
/// range check, then what the store would write must read back as the same settings
/// (the file that survives `kill -9`). The CLI's own encoding, `SettingsChange`, is
/// decoded from the same bytes.
let settingsPatchTarget = FuzzTarget(name: "settings-patch") { bytes in
    _ = try? JSONDecoder().decode(SettingsChange.self, from: Data(bytes))
    guard let body = try? JSONParser.parse(bytes) else { return }
    let current = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://pool.example:3333", user: "me", password: "secret")], activePool: 0)
    guard let changed = try? SettingsPatch.apply(body, to: current, board: FuzzBoard.profile) else { return }
    guard let data = try? JSONEncoder().encode(changed) else { fatalError("settings-patch: accepted settings do not encode: \(changed)") }
    guard let back = try? JSONDecoder().decode(DaemonSettings.self, from: data), back == changed else {
        fatalError("settings-patch: accepted settings do not read back: \(String(decoding: data, as: UTF8.self))")
    }
}

/// A two-point board like the daemon's tests use: point names and frequencies to match.
enum FuzzBoard {
    static let profile = BoardProfile(
        id: "fuzz", name: "Fuzz",
        operatingPoints: [OperatingPoint(name: "low", frequency: Megahertz(300), voltage: Millivolts(1100), power: Watts(50), hashrate: HashRate(terahashes: 1)),
                          OperatingPoint(name: "high", frequency: Megahertz(485), voltage: Millivolts(1200), power: Watts(100), hashrate: HashRate(terahashes: 2))],
        thermal: ThermalLimits(chipTarget: Celsius(70), chipThrottle: Celsius(80), chipTrip: Celsius(90), chipLimit: Celsius(95)),
        fan: FanLimits(minimumDuty: DutyCycle(0.2), safeDuty: DutyCycle(1), maximumRPM: RPM(5000), stallRPM: RPM(300),
                       stallCheckDuty: DutyCycle(0.3), quietRPM: RPM(2000)),
        hasPowerSensor: true)
}

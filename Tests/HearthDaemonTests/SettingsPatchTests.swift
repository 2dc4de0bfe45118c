import Foundation
import HearthCore
import HearthSupport
import Testing
@testable import HearthDaemon

@Suite struct SettingsPatchTests {
    let board = BoardProfile(
        id: "test", name: "Test",
        operatingPoints: [OperatingPoint(name: "low", frequency: Megahertz(300), voltage: Millivolts(1100), power: Watts(50), hashrate: HashRate(terahashes: 1)),
                          OperatingPoint(name: "high", frequency: Megahertz(485), voltage: Millivolts(1200), power: Watts(100), hashrate: HashRate(terahashes: 2))],
        thermal: ThermalLimits(chipTarget: Celsius(70), chipThrottle: Celsius(80), chipTrip: Celsius(90), chipLimit: Celsius(95)),
        fan: FanLimits(minimumDuty: DutyCycle(0.2), safeDuty: DutyCycle(1), maximumRPM: RPM(5000), stallRPM: RPM(300), stallCheckDuty: DutyCycle(0.3), quietRPM: RPM(2000)),
        hasPowerSensor: true)

    func patch(_ json: String) throws -> DaemonSettings {
        try SettingsPatch.apply(JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), to: DaemonSettings(), board: board)
    }

    func failure(_ json: String) -> APIError? {
        do { _ = try patch(json); return nil } catch let e as APIError { return e } catch { return nil }
    }

    @Test func acceptsUnitsAndNames() throws {
        #expect(try patch(#"{"target": "70F"}"#).target == 21.11)
        #expect(try patch(#"{"target": 21.5, "mode": "quiet"}"#).mode == .quiet)
        #expect(try patch(#"{"point_override": 485}"#).pointOverride == "high")
        #expect(try patch(#"{"point_override": "LOW"}"#).pointOverride == "low")
        #expect(try patch(#"{"fan_override": "auto"}"#).fanOverride == nil)
        #expect(try patch(#"{"target": 22}"#).revision == 1)
    }

    @Test func refusesWithAClearMessage() {
        #expect(failure(#"{"target": 31}"#)?.message.contains("allowed: 5…30 °C") == true)
        #expect(failure(#"{"target": 31}"#)?.status.code == 422)
        #expect(failure(#"{"target": true}"#)?.status.code == 400)
        #expect(failure(#"{"colour": "red"}"#)?.message.contains("unknown field 'colour'") == true)
        #expect(failure(#"{"mode": "turbo"}"#)?.message.contains("allowed: heat") == true)
        #expect(failure(#"{"fan_override": 120}"#)?.message.contains("0…100") == true)
        #expect(failure(#"{"schedule": "mon 25:00 21"}"#) != nil)
        #expect(failure(#"[1, 2]"#)?.status.code == 400)
        #expect(failure(#"{"pools": [{"url": "http://x", "user": "u"}]}"#) != nil)
        #expect(failure(#"{"active_pool": 2}"#)?.status.code == 422)
    }

    @Test func passwordsStayWhenResentWithout() throws {
        let current = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://h:1", user: "u", password: "secret")], activePool: 0)
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"pools": [{"url": "stratum+tcp://h:1", "user": "u"}]}"#.utf8))
        #expect(try SettingsPatch.apply(body, to: current, board: board).pools[0].password == "secret")
        let view = try JSONEncoder().encode(SettingsView(current))
        #expect(!String(decoding: view, as: UTF8.self).contains("secret"))
    }

    @Test func historyRingIsBounded() {
        var ring = HistoryRing(capacity: 100, resolution: 10)
        for t in stride(from: 0.0, to: 5000, by: 1) { ring.record(.init(time: t, room: 20, target: 21, chip: nil, power: nil, fanRPM: nil)) }
        #expect(ring.count == 100)
        let samples = ring.samples()
        #expect(samples.first!.time == 4000 && samples.last!.time == 4990)
    }

    @Test func constantTimeCompare() {
        #expect(constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
    }
}

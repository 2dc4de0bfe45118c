import Testing
@testable import HearthDaemon

/// `/metrics` shows only what the board measures: no 0 °C for a missing inlet sensor.
@Suite struct DaemonMetricsTests {
    func snapshot(inlet: Double?, fanRPM: Double?, room: Double? = 20.5) -> StatusSnapshot {
        StatusSnapshot(board: "avalon-nano3s", boardName: "Avalon Nano 3S", backend: "sim", controlTime: 1, uptime: 1,
                       mode: "heat", target: 21, scheduled: false, room: room, chip: 70, inlet: inlet, fanRPM: fanRPM,
                       fanDuty: 40, power: 90, hashing: true, operatingPoint: "mid", hashrate: 4e12, demand: 90,
                       ceiling: 140, reasons: [], trip: nil, mining: nil, settingsRevision: 1)
    }

    /// Lines of the exposition that carry a sample of `name` (not its HELP/TYPE lines).
    func samples(_ text: String, _ name: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(name + " ") || $0.hasPrefix(name + "{") }
    }

    @Test func absentSensorsHaveNoSeries() {
        let m = DaemonMetrics()
        m.record(snapshot(inlet: nil, fanRPM: nil))
        let text = m.text()
        #expect(samples(text, "hearth_inlet_temperature_celsius").isEmpty)
        #expect(samples(text, "hearth_fan_rpm").isEmpty)
        #expect(!text.contains("hearth_inlet_temperature_celsius"))
        #expect(samples(text, "hearth_room_temperature_celsius") == ["hearth_room_temperature_celsius 20.5"])
        #expect(samples(text, "hearth_chip_temperature_celsius") == ["hearth_chip_temperature_celsius 70.0"])
    }

    @Test func aSeriesComesAndGoesWithItsReading() {
        let m = DaemonMetrics()
        m.record(snapshot(inlet: 18.25, fanRPM: 2400))
        #expect(samples(m.text(), "hearth_inlet_temperature_celsius") == ["hearth_inlet_temperature_celsius 18.25"])
        #expect(samples(m.text(), "hearth_fan_rpm") == ["hearth_fan_rpm 2400.0"])
        // The room sensor failed this tick: its series goes rather than repeating a stale value.
        m.record(snapshot(inlet: 18.5, fanRPM: 2400, room: nil))
        #expect(samples(m.text(), "hearth_room_temperature_celsius").isEmpty)
        #expect(samples(m.text(), "hearth_inlet_temperature_celsius") == ["hearth_inlet_temperature_celsius 18.5"])
        m.record(snapshot(inlet: 18.5, fanRPM: 2400, room: 20.75))
        #expect(samples(m.text(), "hearth_room_temperature_celsius") == ["hearth_room_temperature_celsius 20.75"])
    }
}

import Foundation
import HearthCore
import Testing
@testable import HearthDaemon

/// `[avalon]` and `[[room_sensor]]`: checked before anything starts, one line each.
@Suite struct AvalonConfigTests {
    @Test func aStockUnitWithSensorsAndAPlug() throws {
        let c = try DaemonConfig(parsing: """
            backend = "avalon"

            [avalon]
            host = "192.0.2.50"
            plug = "shelly://192.0.2.60"

            [[room_sensor]]
            spec = "mqtt://broker.lan/zigbee2mqtt/living#temperature"

            [[room_sensor]]
            spec = "push"
            """, file: "h.toml")
        #expect(c.backend == "avalon" && c.avalonHost == "192.0.2.50" && c.plug == "shelly://192.0.2.60")
        #expect(c.roomSensors == ["mqtt://broker.lan/zigbee2mqtt/living#temperature", "push"])
    }

    @Test func badSpecsAreOneLineWithFileAndLine() {
        func failure(_ text: String) -> DaemonConfigError? {
            do { _ = try DaemonConfig(parsing: text, file: "h.toml"); return nil } catch { return error }
        }
        let sensor = failure("[[room_sensor]]\nspec = \"bluetooth://x\"\n")
        #expect(sensor?.line == 2 && sensor?.key == "room_sensor.spec", "\(String(describing: sensor))")
        let plug = failure("[avalon]\nhost = \"h\"\nplug = \"zigbee://x\"\n")
        #expect(plug?.line == 3 && plug?.key == "avalon.plug", "\(String(describing: plug))")
        let key = failure("[[room_sensor]]\nspec = \"push\"\nstale = 3\n")
        #expect(key?.description.contains("allowed: spec") == true)
        #expect(failure("backend = \"tcp\"\n")?.problem.contains("sim, linux, avalon") == true)
    }
}

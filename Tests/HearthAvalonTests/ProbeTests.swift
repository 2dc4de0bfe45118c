import HearthAvalon
import HearthBoardFiles
import HearthCGMinerAPI
import HearthCore
import HearthEmulators
import HearthSimulator
import Testing

/// `hearth probe --backend avalon` against the emulated firmware of each model.
@Suite struct ProbeTests {
    func emulated(_ model: AvalonModel, board: String, host: String) async throws -> (AvalonEmulator, CGMinerClient) {
        let definition = try BoardCatalog(directory: Boards.directory).board(id: board)
        let scenario = ScenarioCatalog.named("winter-day")!
        let sized = SimulationRunner.sizedRoom(board: definition, scenario: scenario, target: Celsius(21), duration: .hours(24))
        let heater = try SimulatedHeater(board: definition, room: sized.room,
                                         initial: RoomState(steadyAt: Celsius(20), outdoor: Celsius(-5), room: sized.room), seed: 1)
        let emulator = AvalonEmulator(configuration: AvalonEmulatorConfiguration(model: model),
                                      hardware: SimulatedAvalonHardware(heater: heater, model: model))
        let port = try await emulator.start(host: host, port: 0)
        return (emulator, CGMinerClient(endpoint: CGMinerEndpoint(host: host, port: port)))
    }

    @Test func aNano3SWithoutPlugCannotBeSwitchedOffAndTheProbeSaysSo() async throws {
        let (emulator, client) = try await emulated(.nano3s, board: "avalon-nano3s", host: "127.0.0.175")
        let report = await AvalonProbe.run(client)
        await emulator.stop()
        #expect(report.ok, "\(report.checks)")
        #expect(report.model == "Avalon Nano 3S")
        #expect(!report.options.contains("softoff"))
        #expect(report.cannot.contains { $0.contains("no soft off") })
        #expect(report.cannot.contains { $0.contains("no access control") })
        #expect(report.chipC != nil && report.wallW != nil)
    }

    @Test func aQCanBeSoftOff() async throws {
        let (emulator, client) = try await emulated(.q, board: "avalon-q", host: "127.0.0.176")
        let report = await AvalonProbe.run(client)
        await emulator.stop()
        #expect(report.ok, "\(report.checks)")
        #expect(report.model == "Avalon Q")
        #expect(report.can.contains { $0.contains("softoff") })
        #expect(report.settings.count == 3)
    }

    @Test func anOfflineUnitIsOneClearFailedCheck() async {
        let client = CGMinerClient(endpoint: CGMinerEndpoint(host: "127.0.0.177", port: 4028))
        let report = await AvalonProbe.run(client)
        #expect(!report.ok)
        #expect(report.checks.first?.detail.contains("127.0.0.177:4028") == true)
    }

    @Test func hostsParse() throws {
        #expect(try CGMinerEndpoint(parsing: "192.0.2.7") == CGMinerEndpoint(host: "192.0.2.7", port: 4028))
        #expect(try CGMinerEndpoint(parsing: "nano.lan:4029") == CGMinerEndpoint(host: "nano.lan", port: 4029))
        #expect(try CGMinerEndpoint(parsing: "[::1]:4030") == CGMinerEndpoint(host: "::1", port: 4030))
        #expect(throws: EndpointParseError.self) { try CGMinerEndpoint(parsing: "host:99999") }
        #expect(throws: EndpointParseError.self) { try CGMinerEndpoint(parsing: ":4028") }
    }
}
